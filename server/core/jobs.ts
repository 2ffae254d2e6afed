import type { BackupRequest, RestoreRequest } from '../../contract/requests.ts';
import type { Selector, SnapshotKind } from '../../contract/schemas.ts';
import type { EnvironmentRow, JobRow, SiteRow, SnapshotRow } from '../catalog/catalog.ts';
import { newId } from '../ids.ts';
import { policyOf } from './backup-policy.ts';
import { requireConfirmation } from './confirmation.ts';
import { resolveEnvironment } from './environments.ts';
import { notFound, RewindError } from './errors.ts';
import type { Services } from './services.ts';
import { restorableUntil } from '../retention/plan.ts';
import { newSnapshotRow } from './snapshot-rows.ts';
import { isRestorable, requireReady } from './snapshots.ts';
import { requireUndamaged } from './damage.ts';

export function newJob(
  services: Services,
  fields: Omit<
    JobRow,
    | 'id'
    | 'status'
    | 'phase'
    | 'done_bytes'
    | 'total_bytes'
    | 'waiting_for'
    | 'error'
    | 'created_at'
    | 'started_at'
    | 'finished_at'
    | 'environment_name'
    | 'pre_restore_snapshot_id'
    | 'verify_scope'
  > & { verify_scope?: JobRow['verify_scope'] },
): Omit<JobRow, 'environment_name'> {
  const now = services.now();
  return {
    id: newId('job', now.getTime()),
    verify_scope: null,
    ...fields,
    status: 'queued',
    pre_restore_snapshot_id: null,
    phase: 'queued',
    done_bytes: 0,
    total_bytes: 0,
    waiting_for: null,
    error: null,
    created_at: now.toISOString(),
    started_at: null,
    finished_at: null,
  };
}

/** Records the job as queued and hands it to the runner. */
export async function accept(services: Services, job: Omit<JobRow, 'environment_name'>): Promise<JobRow> {
  await services.catalog.insertJob(job);
  const stored = await services.catalog.getJob(job.id);
  if (!stored) throw new Error(`Job ${job.id} vanished from the catalog.`);
  services.runner.submit(stored);
  return (await services.catalog.getJob(job.id)) ?? stored;
}

/**
 * Accepts a backup: its pending snapshot is in the history from this moment, restorable for the policy's days.
 * The scheduler comes through here too (kind `scheduled`), so its runs queue like any other job.
 */
export async function requestBackup(
  services: Services,
  site: SiteRow,
  body: BackupRequest,
  actor: string,
  kind: SnapshotKind = 'manual',
): Promise<JobRow> {
  const env = await resolveEnvironment(services, site, body.environment);
  const { retention } = await policyOf(services, env);
  const snapshot = newSnapshotRow(
    services.now(),
    {
      site_id: site.id,
      environment_id: env.id,
      kind,
      label: body.label?.trim() || null,
      created_by: actor,
    },
    retention.days,
  );
  await services.catalog.insertSnapshot(snapshot);
  const selectors: Selector[] = ['db', 'files'];
  return accept(
    services,
    newJob(services, {
      type: 'backup',
      site_id: site.id,
      environment_id: env.id,
      snapshot_id: snapshot.id,
      selectors,
      created_by: actor,
    }),
  );
}

/**
 * Accepts a prune of the environment, unless one is already waiting or running. Its `snapshot_id` is the
 * environment's newest snapshot (which it never deletes); with no snapshot there is nothing to prune.
 */
export async function requestPrune(
  services: Services,
  env: EnvironmentRow,
  actor: string,
): Promise<JobRow | null> {
  const active = (await services.catalog.activeJobs()).find(
    (job) => job.environment_id === env.id && job.type === 'prune',
  );
  if (active) return active;
  const newest =
    (await services.catalog.latestSnapshot(env.id, 'ready')) ??
    (await services.catalog.latestSnapshot(env.id));
  if (!newest) return null;
  return accept(
    services,
    newJob(services, {
      type: 'prune',
      site_id: env.site_id,
      environment_id: env.id,
      snapshot_id: newest.id,
      selectors: [],
      created_by: actor,
    }),
  );
}

export async function requestRestore(
  services: Services,
  site: SiteRow,
  snapshot: SnapshotRow,
  body: RestoreRequest,
  actor: string,
): Promise<JobRow> {
  const target = await resolveEnvironment(services, site, body.environment ?? snapshot.environment_id);
  requireReady(snapshot, 'restored');
  requireUndamaged(snapshot);
  if (!isRestorable(snapshot, services.now())) {
    throw new RewindError(
      'conflict',
      'snapshot_expired',
      'Snapshot expired',
      `Snapshot ${snapshot.id} expired on ${restorableUntil(snapshot)} and can no longer be restored. Pick a more recent restore point.`,
    );
  }
  const selectors = body.selectors ?? ['db', 'files'];
  for (const selector of selectors) checkTargetHasServices(snapshot, target, selector);
  requireConfirmation(target, body.confirm, `restore into ${target.name}`);
  return accept(
    services,
    newJob(services, {
      type: 'restore',
      site_id: site.id,
      environment_id: target.id,
      snapshot_id: snapshot.id,
      selectors,
      created_by: actor,
    }),
  );
}

const partName: Record<Selector, string> = { db: 'database', files: 'files' };

/** Every service of the chosen part of the snapshot must have a counterpart of the same name in the target. */
function checkTargetHasServices(snapshot: SnapshotRow, target: EnvironmentRow, selector: Selector): void {
  const names = selector === 'db' ? snapshot.db_services : snapshot.files_services;
  if (names.length === 0) {
    throw new RewindError(
      'invalid',
      'nothing_to_restore',
      'Nothing to restore',
      `Snapshot ${snapshot.id} holds no ${partName[selector]}. Leave "${selector}" out of the selectors.`,
      'selectors',
    );
  }
  const missing = names.filter(
    (name) => !target.services.some((s) => s.name === name && s.selector === selector),
  );
  if (missing.length > 0) {
    throw new RewindError(
      'invalid',
      'service_mismatch',
      'Environments do not match',
      `Environment "${target.name}" has no ${partName[selector]} service named ${missing.map((n) => `"${n}"`).join(', ')}, which snapshot ${snapshot.id} holds. Restore into an environment with the same services.`,
      'environment',
    );
  }
}

export async function findJob(services: Services, jobId: string): Promise<JobRow> {
  const job = await services.catalog.getJob(jobId);
  if (!job) throw notFound('Job', `There is no job "${jobId}".`);
  return job;
}
