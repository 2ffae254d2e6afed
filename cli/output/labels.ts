// Product words for the API's codes, as the dashboard says them.
import type { Job, JobPhase, Selector, Snapshot } from '../../contract/schemas.ts';

const phases: Record<JobPhase, string> = {
  queued: 'queued',
  capturing_db: 'capturing databases',
  capturing_files: 'capturing files',
  verifying: 'verifying checksums',
  staging: 'staging the restore point',
  pre_restore_snapshot: 'taking the pre-restore snapshot',
  swapping: 'swapping the data in',
  finalizing: 'finalizing',
  done: 'done',
};

export const phaseLabel = (phase: JobPhase): string => phases[phase] ?? phase;

/** "database and files", "database", "files". */
export function selectorsLabel(selectors: readonly Selector[]): string {
  const words = selectors.map((selector) => (selector === 'db' ? 'database' : 'files'));
  return words.length ? words.join(' and ') : 'database and files';
}

/** "backup job_01…", "restore job_01…". */
export const jobName = (job: Job): string => `${job.type} ${job.id}`;

/**
 * The label column: the snapshot's own label; for a pre-restore snapshot without one, the restore it was
 * taken before ("before restoring the database from snap_01… (staging)").
 */
export function snapshotLabel(snapshot: Snapshot): string {
  if (snapshot.label) return snapshot.label;
  const before = snapshot.before_restore;
  if (!before) return '';
  const point = before.restore_point;
  const where = point.environment === snapshot.environment ? '' : ` (${point.environment})`;
  return `before restoring the ${selectorsLabel(before.selectors)} from ${point.snapshot_id}${where}`;
}
