// The restore journal: one small JSON file per restore, rewritten atomically at each state change, that tells
// start-up what an interrupted restore was doing and so which way to finish it.
//   staging    staged data is being written beside the live data; the environment is untouched
//   swapping   renames are under way; roll back to the old data
//   committed  every service is swapped; roll forward (delete the old data)
// For files and SQLite the names are paths; for database servers they are names on the server (a PostgreSQL
// database, a MariaDB schema, a Redis database index). A journal never holds a connection URL: recovery asks
// for the service by site, environment and name.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, isNotFound, writeFileDurably } from '../platform/durable.ts';
import { EngineError, type ServiceType } from './types.ts';

export type JournalState = 'staging' | 'swapping' | 'committed';

/** One path (or database name) of the live data, with where it moves aside to. */
export interface JournalPath {
  live: string;
  old: string;
  /** Whether the live path existed when swapping began (a files mount may not exist yet). */
  had_live: boolean;
}

export interface JournalService extends JournalPath {
  name: string;
  type: ServiceType;
  /** The new data, materialised beside the live path so the swap is a rename on one filesystem. */
  staged: string;
  /** Files that move aside with the live data (SQLite's -wal, -shm, -journal). */
  companions: JournalPath[];
  /** Leftovers that staging may create next to the staged path; deleted with it. */
  staged_extras: string[];
  /** What a database swap records before it starts, to decide later which way to finish (no secrets). */
  detail?: Record<string, unknown>;
}

export interface Journal {
  format: 1;
  job_id: string;
  snapshot_id: string;
  /** The environment restored into, so recovery can find its database services' connections. */
  site?: string;
  environment?: string;
  state: JournalState;
  services: JournalService[];
}

const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function journalFile(journalDir: string, jobId: string): string {
  if (!JOB_ID.test(jobId))
    throw new EngineError('invalid_job_id', `"${jobId}" cannot name a restore journal.`);
  return path.join(journalDir, `${jobId}.json`);
}

/** A hidden sibling of `live`, so that moving between them is an atomic rename on the same filesystem. */
export function siblingPath(live: string, role: 'staged' | 'old', jobId: string): string {
  return path.join(path.dirname(live), `.${path.basename(live)}.rewind-${role}-${jobId}`);
}

/**
 * A name on a database server beside `live`, e.g. `shop__rw_staged_job_01j…`, at most `maxLength` characters
 * (PostgreSQL: 63, MariaDB: 64). A live name too long to keep whole is cut and made unique by a hash.
 */
export function databaseSiblingName(
  live: string,
  role: 'staged' | 'old',
  jobId: string,
  maxLength: number,
): string {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);
  const job = jobId.length <= 40 ? jobId.toLowerCase() : hash(jobId);
  const suffix = `__rw_${role}_${job}`;
  if (Buffer.byteLength(live) + suffix.length <= maxLength) return live + suffix;
  let head = live;
  while (Buffer.byteLength(head) + suffix.length + 11 > maxLength) head = head.slice(0, -1);
  return `${head}_${hash(live)}${suffix}`;
}

export async function writeJournal(journalDir: string, journal: Journal): Promise<void> {
  await writeFileDurably(journalFile(journalDir, journal.job_id), JSON.stringify(journal, null, 2));
}

export async function deleteJournal(journalDir: string, jobId: string): Promise<void> {
  await rm(journalFile(journalDir, jobId), { force: true });
  await fsyncDir(journalDir);
}

/** Every journal left in the folder, oldest job first; temporary files of an interrupted write are removed. */
export async function readJournals(journalDir: string): Promise<Journal[]> {
  let names: string[];
  try {
    names = (await readdir(journalDir)).sort();
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const journals: Journal[] = [];
  for (const name of names) {
    const file = path.join(journalDir, name);
    if (name.startsWith('.') && name.endsWith('.tmp')) {
      await rm(file, { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    try {
      const journal = JSON.parse(await readFile(file, 'utf8')) as Journal;
      if (journal.format !== 1 || !Array.isArray(journal.services)) throw new Error('unknown format');
      journals.push(journal);
    } catch (error) {
      // Written atomically, a journal is never half there: a damaged one means the disk needs a human.
      throw new EngineError(
        'corrupt_journal',
        `The restore journal ${file} cannot be read (${(error as Error).message}). Check the environment's data ` +
          'by hand (look for .rewind-old- and .rewind-staged- paths beside it), then delete the journal.',
      );
    }
  }
  return journals;
}
