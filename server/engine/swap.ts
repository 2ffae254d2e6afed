// The swap and its undo, for every service of a restore. How one service's data goes aside and comes in
// depends on its type (renames of paths, a database rename, one RENAME TABLE statement, SWAPDB); what they
// share is that every step is atomic or repeatable, and what to do next is worked out from what exists, so a
// kill at any instant, during the swap or during recovery itself, leaves something the next recovery finishes.
import { failpoint } from '../platform/failpoints.ts';
import type { Journal, JournalService } from './journal.ts';

/** One service's swap. Every method but `swap` is safe to run again after a kill at any instant. */
export interface ServiceSwap {
  /** Records what exists just before the swap starts (`had_live`, and a database's `detail`). */
  prepare(service: JournalService): Promise<JournalService>;
  /** Moves the live data aside and the staged data in; `between` runs once the live data is aside. */
  swap(service: JournalService, between: () => void): Promise<void>;
  /** Puts the live data back as it was before the swap, whichever step the swap reached. */
  rollBack(service: JournalService): Promise<void>;
  /** After the commit point: deletes the old data. */
  dropOld(service: JournalService): Promise<void>;
  /** Deletes the staged data (and what staging may leave beside it). */
  dropStaged(service: JournalService): Promise<void>;
}

/** The swap for a journalled service (by its type; for database servers, with the service's connection). */
export type SwapFor = (service: JournalService) => ServiceSwap;

/** Records what exists now, just before the swap starts. */
export async function prepareSwap(journal: Journal, swapFor: SwapFor): Promise<Journal> {
  const services = [];
  for (const service of journal.services) services.push(await swapFor(service).prepare(service));
  return { ...journal, services };
}

/** For each service in turn: the live data aside, the staged data in. */
export async function swapServices(journal: Journal, swapFor: SwapFor): Promise<void> {
  for (const [index, service] of journal.services.entries()) {
    await swapFor(service).swap(service, () => {
      if (index === 0) failpoint('restore:between-renames');
    });
    if (index === 0) failpoint('restore:after-first-service');
  }
}

/** Puts every service back as it was before the swap began, then deletes the staged data. */
export async function rollBack(journal: Journal, swapFor: SwapFor): Promise<void> {
  for (const service of [...journal.services].reverse()) await swapFor(service).rollBack(service);
  await removeStaged(journal, swapFor);
}

/** After the commit point: the new data is live, the old data is deleted. */
export async function rollForward(journal: Journal, swapFor: SwapFor): Promise<void> {
  for (const service of journal.services) await swapFor(service).dropOld(service);
  await removeStaged(journal, swapFor);
}

export async function removeStaged(journal: Journal, swapFor: SwapFor): Promise<void> {
  for (const service of journal.services) await swapFor(service).dropStaged(service);
}

export type RecoveryOutcome = 'cleaned' | 'rolled_back' | 'rolled_forward';

/** Finishes one interrupted restore according to its journal's state. */
export async function recoverJournal(journal: Journal, swapFor: SwapFor): Promise<RecoveryOutcome> {
  if (journal.state === 'committed') {
    await rollForward(journal, swapFor);
    return 'rolled_forward';
  }
  if (journal.state === 'swapping') {
    await rollBack(journal, swapFor);
    return 'rolled_back';
  }
  await removeStaged(journal, swapFor);
  return 'cleaned';
}
