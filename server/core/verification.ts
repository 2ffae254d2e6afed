// Verifying snapshots on request: one, or every ready one of an environment.
import type { JobRow, SiteRow, SnapshotRow } from '../catalog/catalog.ts';
import { resolveEnvironment } from './environments.ts';
import { RewindError } from './errors.ts';
import { accept, newJob } from './jobs.ts';
import type { Services } from './services.ts';
import { requireReady } from './snapshots.ts';

/** A verify of the same scope already queued or running answers for this one too. */
async function activeVerify(
  services: Services,
  environmentId: string,
  matches: (job: JobRow) => boolean,
): Promise<JobRow | undefined> {
  return (await services.catalog.activeJobs()).find(
    (job) => job.type === 'verify' && job.environment_id === environmentId && matches(job),
  );
}

export async function requestVerify(
  services: Services,
  snapshot: SnapshotRow,
  actor: string,
): Promise<JobRow> {
  requireReady(snapshot, 'verified');
  const active = await activeVerify(
    services,
    snapshot.environment_id,
    (job) => job.verify_scope === 'snapshot' && job.snapshot_id === snapshot.id,
  );
  if (active) return active;
  return accept(
    services,
    newJob(services, {
      type: 'verify',
      verify_scope: 'snapshot',
      site_id: snapshot.site_id,
      environment_id: snapshot.environment_id,
      snapshot_id: snapshot.id,
      selectors: [],
      created_by: actor,
    }),
  );
}

/** Verifies every ready snapshot of the environment in one job, reading each content they share once. */
export async function requestVerifyEnvironment(
  services: Services,
  site: SiteRow,
  environment: string,
  actor: string,
): Promise<JobRow> {
  const env = await resolveEnvironment(services, site, environment);
  const active = await activeVerify(services, env.id, (job) => job.verify_scope === 'environment');
  if (active) return active;
  const newest = await services.catalog.latestSnapshot(env.id, 'ready');
  if (!newest) {
    throw new RewindError(
      'conflict',
      'nothing_to_verify',
      'Nothing to verify',
      `Environment "${env.name}" has no ready snapshot to verify. Take a snapshot first.`,
    );
  }
  return accept(
    services,
    newJob(services, {
      type: 'verify',
      verify_scope: 'environment',
      site_id: site.id,
      environment_id: env.id,
      snapshot_id: newest.id,
      selectors: [],
      created_by: actor,
    }),
  );
}
