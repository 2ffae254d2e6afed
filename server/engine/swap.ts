// The swap and its undo. Every step is a rename between siblings (atomic) or a delete, and what to do next is
// worked out from which paths exist, so a kill at any instant, during the swap or during recovery itself,
// leaves something the next recovery finishes correctly.
import { failpoint } from './failpoints.ts';
import { pathExists, removeAll, renameDurably, isNotFound } from './durable.ts';
import { deleteJournal, readJournals, type Journal } from './journal.ts';

/** The filesystem operations the swap uses; tests replace them to crash after any single one. */
export interface SwapOps {
  exists(target: string): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  remove(target: string): Promise<void>;
}

export const fileSwapOps: SwapOps = { exists: pathExists, rename: renameDurably, remove: removeAll };

/** Records which live paths exist now, just before the swap starts. */
export async function withLivePaths(journal: Journal, ops: SwapOps = fileSwapOps): Promise<Journal> {
  const services = [];
  for (const service of journal.services) {
    const companions = [];
    for (const companion of service.companions) {
      companions.push({ ...companion, had_live: await ops.exists(companion.live) });
    }
    services.push({ ...service, had_live: await ops.exists(service.live), companions });
  }
  return { ...journal, services };
}

/** For each service: move the live data aside, then move the staged data in. */
export async function swapServices(journal: Journal, ops: SwapOps = fileSwapOps): Promise<void> {
  for (const [index, service] of journal.services.entries()) {
    for (const companion of service.companions) {
      // Tried even when it did not exist a moment ago (an application may just have opened the database), and
      // fine when it is gone (SQLite deletes its -wal and -shm when the last connection closes).
      try {
        await ops.rename(companion.live, companion.old);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    if (service.had_live) await ops.rename(service.live, service.old);
    if (index === 0) failpoint('restore:between-renames');
    await ops.rename(service.staged, service.live);
    if (index === 0) failpoint('restore:after-first-service');
  }
}

/** Puts every service back as it was before the swap began, then deletes the staged data. */
export async function rollBack(journal: Journal, ops: SwapOps = fileSwapOps): Promise<void> {
  for (const service of [...journal.services].reverse()) {
    // Whether the new data went live: decided before anything is moved back, so a rerun decides the same.
    const swappedIn = service.had_live
      ? await ops.exists(service.old)
      : (await ops.exists(service.live)) && !(await ops.exists(service.staged));
    for (const companion of service.companions) {
      if (await ops.exists(companion.old)) {
        await ops.remove(companion.live);
        await ops.rename(companion.old, companion.live);
      } else if (swappedIn && !companion.had_live) {
        await ops.remove(companion.live); // made by something that opened the new database: not the old data's
      }
    }
    if (service.had_live) {
      if (await ops.exists(service.old)) {
        if (await ops.exists(service.live)) {
          // The new data goes back to the staged path (deleted below), or is deleted if that is taken.
          if (await ops.exists(service.staged)) await ops.remove(service.live);
          else await ops.rename(service.live, service.staged);
        }
        await ops.rename(service.old, service.live);
      }
    } else if (swappedIn) {
      await ops.rename(service.live, service.staged);
    }
  }
  await removeStaged(journal, ops);
}

/** After the commit point: the new data is live, the old data is deleted. */
export async function rollForward(journal: Journal, ops: SwapOps = fileSwapOps): Promise<void> {
  for (const service of journal.services) {
    await ops.remove(service.old);
    for (const companion of service.companions) await ops.remove(companion.old);
  }
  await removeStaged(journal, ops);
}

export async function removeStaged(journal: Journal, ops: SwapOps = fileSwapOps): Promise<void> {
  for (const service of journal.services) {
    await ops.remove(service.staged);
    for (const extra of service.staged_extras) await ops.remove(extra);
  }
}

export type RecoveryOutcome = 'cleaned' | 'rolled_back' | 'rolled_forward';

/** Finishes one interrupted restore according to its journal's state. */
export async function recoverJournal(journal: Journal, ops: SwapOps = fileSwapOps): Promise<RecoveryOutcome> {
  if (journal.state === 'committed') {
    await rollForward(journal, ops);
    return 'rolled_forward';
  }
  if (journal.state === 'swapping') {
    await rollBack(journal, ops);
    return 'rolled_back';
  }
  await removeStaged(journal, ops);
  return 'cleaned';
}

/**
 * Run at start-up, before any job: finishes every restore that a crash interrupted, so each environment is
 * entirely as before the restore or entirely as the snapshot, never a mix.
 */
export async function recoverInterruptedSwaps(
  journalDir: string,
): Promise<Array<{ jobId: string; outcome: RecoveryOutcome }>> {
  const recovered: Array<{ jobId: string; outcome: RecoveryOutcome }> = [];
  for (const journal of await readJournals(journalDir)) {
    const outcome = await recoverJournal(journal);
    await deleteJournal(journalDir, journal.job_id);
    recovered.push({ jobId: journal.job_id, outcome });
  }
  return recovered;
}
