// Start-up recovery: finishes every restore that a stop interrupted, from its journal, before any job runs.
import { swapForServices } from './adapters/index.ts';
import { deleteJournal, readJournals, type Journal } from './journal.ts';
import { recoverJournal, type RecoveryOutcome } from './swap.ts';
import type { ServiceSpec, ServiceType } from './types.ts';

export interface JournalledService {
  site: string | undefined;
  environment: string | undefined;
  name: string;
  type: ServiceType;
}

export interface RecoveryOptions {
  /**
   * Finds a service of the environment that a journal restored into. Database services need it, since a
   * journal never holds a connection URL; files and SQLite do not.
   */
  resolveService?: (service: JournalledService) => ServiceSpec | null | Promise<ServiceSpec | null>;
}

async function servicesOf(journal: Journal, options: RecoveryOptions): Promise<ServiceSpec[]> {
  const specs: ServiceSpec[] = [];
  for (const service of journal.services) {
    const spec = await options.resolveService?.({
      site: journal.site,
      environment: journal.environment,
      name: service.name,
      type: service.type,
    });
    if (spec) specs.push(spec);
  }
  return specs;
}

/**
 * Run at start-up, before any job: finishes every restore that a crash interrupted, so each environment is
 * entirely as before the restore or entirely as the snapshot, never a mix. A swap that cannot be finished (its
 * database server is unreachable, or its service is not resolved: `recovery_blocked`) stops recovery with an
 * error saying so; a restore that had not reached its swap is left for the next start instead.
 */
export async function recoverInterruptedSwaps(
  journalDir: string,
  options: RecoveryOptions = {},
): Promise<Array<{ jobId: string; outcome: RecoveryOutcome }>> {
  const recovered: Array<{ jobId: string; outcome: RecoveryOutcome }> = [];
  for (const journal of await readJournals(journalDir)) {
    let outcome: RecoveryOutcome;
    try {
      outcome = await recoverJournal(journal, swapForServices(await servicesOf(journal, options)));
    } catch (error) {
      // Before the swap nothing live was touched: a database server that is down now only delays deleting
      // the staged copy, so the journal waits for the next start. After it, the environment would stay mixed.
      if (journal.state === 'staging') continue;
      throw error;
    }
    await deleteJournal(journalDir, journal.job_id);
    recovered.push({ jobId: journal.job_id, outcome });
  }
  return recovered;
}
