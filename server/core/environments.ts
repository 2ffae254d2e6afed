import type { Environment } from '../../contract/schemas.ts';
import type { EnvironmentRow, SiteRow } from '../catalog/catalog.ts';
import { describePolicy } from './backup-policy.ts';
import { notFound } from './errors.ts';
import { presentEnvironment } from './present.ts';
import type { Services } from './services.ts';

export async function resolveSite(services: Services, idOrSlug: string): Promise<SiteRow> {
  const site = await services.catalog.findSite(idOrSlug);
  if (!site) throw notFound('Site', `There is no site "${idOrSlug}". List the sites with GET /v1/sites.`);
  return site;
}

export async function resolveEnvironment(
  services: Services,
  site: SiteRow,
  idOrName: string,
): Promise<EnvironmentRow> {
  const env = await services.catalog.findEnvironment(site.id, idOrName);
  if (!env) {
    throw notFound(
      'Environment',
      `Site "${site.slug}" has no environment "${idOrName}". List them with GET /v1/sites/${site.slug}/environments.`,
    );
  }
  return env;
}

/**
 * The environment with its services' current sizes, its latest snapshot, its running job, its backup policy
 * and what its snapshots occupy in the store, and its latest restore (with the pre-restore snapshot that undoes it).
 */
export async function describeEnvironment(
  services: Services,
  site: SiteRow,
  env: EnvironmentRow,
): Promise<Environment> {
  const [sizes, latest, activeJob, policy, storeUsage, latestRestore] = await Promise.all([
    services.sizes.get(site.slug, env),
    services.catalog.latestSnapshot(env.id),
    services.catalog.activeJobForEnvironment(env.id),
    describePolicy(services, env),
    services.usage.of(env.id),
    latestRestoreOf(services, env),
  ]);
  return presentEnvironment(env, { sizes, latest, activeJob, policy, storeUsage, latestRestore });
}

async function latestRestoreOf(services: Services, env: EnvironmentRow) {
  const job = await services.catalog.latestRestore(env.id);
  if (!job) return null;
  const preRestore = job.pre_restore_snapshot_id
    ? await services.catalog.getSnapshot(job.pre_restore_snapshot_id)
    : null;
  return { job, preRestore };
}
