import type { Environment, Job, Snapshot } from '@contract/schemas';
import { formatShortTime } from '@/lib/format';
import { isRestorable } from '@/lib/restorable';
import { possessive, restoredParts, restoredPartsAreOne } from '@/lib/restore-words';

/**
 * What the environment page says of the environment's latest restore that stands:
 * - `undoable`: it succeeded and its pre-restore snapshot is ready and restorable, so it can be undone;
 * - `undone`: it was itself an undo (it restored a pre-restore snapshot of this environment). Offering to
 *   undo that under the same words would undo the undo, so the page only says what happened; its own
 *   pre-restore snapshot stays in the history for whoever wants it back.
 * Nothing while a restore is queued or running (its progress shows instead), or when it cannot be undone.
 */
export type LastRestore =
  { state: 'undoable'; job: Job; preRestore: Snapshot } | { state: 'undone'; job: Job; undoneAt: string };

export function lastRestoreOf(environment: Environment, now: number): LastRestore | null {
  const latest = environment.latest_restore;
  if (!latest || latest.job.status !== 'succeeded') return null;
  const preRestore = latest.pre_restore_snapshot;
  const point = preRestore?.before_restore?.restore_point;
  if (point?.kind === 'pre_restore' && point.environment_id === environment.id) {
    return { state: 'undone', job: latest.job, undoneAt: point.created_at };
  }
  if (!preRestore || !isRestorable(preRestore, now)) return null;
  return { state: 'undoable', job: latest.job, preRestore };
}

/**
 * Whether a restore that ended was an undo, as the environment now tells: it succeeded and is the latest
 * restore, undoing an earlier one; or it failed while trying to bring back what the standing restore replaced.
 */
export function wasUndo(environment: Environment, job: Job): boolean {
  const latest = environment.latest_restore;
  if (!latest) return false;
  if (latest.job.id === job.id) {
    return lastRestoreOf(environment, Date.now())?.state === 'undone';
  }
  return job.status !== 'succeeded' && latest.pre_restore_snapshot?.id === job.snapshot_id;
}

const databaseCount = (environment: Environment) =>
  environment.services.filter((service) => service.selector === 'db').length;

/** "the database", "the databases", "the files", "the database and files" of what the restore brought back. */
export function partsOf(environment: Environment, job: Job): { words: string; one: boolean } {
  const count = databaseCount(environment);
  return { words: restoredParts(job.selectors, count), one: restoredPartsAreOne(job.selectors, count) };
}

/**
 * "Restored the database from the snapshot of Dec 6, 14:02" (from staging's snapshot, from a pre-restore
 * snapshot), or, after an undo, "Undid the restore of Dec 6, 14:05: the database is back as it was before".
 */
export function describeLastRestore(environment: Environment, last: LastRestore): string {
  const { words, one } = partsOf(environment, last.job);
  if (last.state === 'undone') {
    return `Undid the restore of ${formatShortTime(last.undoneAt)}: the ${words} ${one ? 'is' : 'are'} back as ${one ? 'it was' : 'they were'} before it`;
  }
  const point = last.preRestore.before_restore?.restore_point;
  if (!point) return `Restored the ${words}`;
  const whose = point.environment === environment.name ? 'the' : possessive(point.environment);
  const source = point.kind === 'pre_restore' ? 'pre-restore snapshot' : 'snapshot';
  return `Restored the ${words} from ${whose} ${source} of ${formatShortTime(point.created_at)}`;
}
