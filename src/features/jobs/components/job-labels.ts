import type { Job, JobPhase, Selector } from '@contract/schemas';

const phases: Record<JobPhase, string> = {
  queued: 'Queued',
  capturing_db: 'Capturing databases',
  capturing_files: 'Capturing files',
  verifying: 'Verifying checksums',
  staging: 'Staging the restore point',
  pre_restore_snapshot: 'Taking the pre-restore snapshot',
  swapping: 'Swapping the data in',
  finalizing: 'Finalizing',
  done: 'Done',
};

export function phaseLabel(phase: JobPhase): string {
  return phases[phase];
}

/** "database and files", "database", "files". */
export function selectorsLabel(selectors: Selector[]): string {
  const words = selectors.map((selector) => (selector === 'db' ? 'database' : 'files'));
  return words.length ? words.join(' and ') : 'database and files';
}

/** Whether `selectorsLabel(selectors)` takes a plural verb: "the files are back", "the database is back". */
export function selectorsArePlural(selectors: Selector[]): boolean {
  return !(selectors.length === 1 && selectors[0] === 'db');
}

/** What the job does, as a heading: "Taking a snapshot", "Restoring the database and files". */
export function jobTitle(job: Job): string {
  if (job.type === 'backup') return 'Taking a snapshot';
  if (job.type === 'prune') return 'Pruning expired snapshots';
  if (job.type === 'verify') {
    return job.verify_scope === 'environment' ? 'Verifying every snapshot' : 'Verifying a snapshot';
  }
  return `Restoring the ${selectorsLabel(job.selectors)}`;
}

/**
 * What a job whose progress cannot be measured yet is waiting for, read out with its indeterminate progress
 * bar: the job ahead of it, the job runner, or the size of what it copies.
 */
export function waitingLabel(job: Job): string {
  if (job.status === 'queued') {
    return job.waiting_for
      ? `Queued: waiting for job ${job.waiting_for} on this environment to finish`
      : 'Queued: waiting for the job runner to pick it up';
  }
  return `${phaseLabel(job.progress.phase)}: the size is not known yet`;
}
