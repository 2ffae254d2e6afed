// Product words for the API's codes, as the dashboard says them.
import type { Job, JobPhase, Selector } from '../../contract/schemas.ts';

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
