// The swap, killed after every single filesystem operation, then recovery killed after every single one of its
// own operations, then recovery run to the end: the environment must always come out entirely old (before the
// commit point) or entirely new (after it), and recovery must be safe to repeat.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siblingPath, type Journal } from './journal.ts';
import { fileSwapOps, pathSwap, type SwapOps } from './swap-path.ts';
import { prepareSwap, recoverJournal, swapServices, type SwapFor } from './swap.ts';
import { makeTempDir } from './testing/fixtures.ts';

class Killed extends Error {}

const onDisk: SwapFor = () => pathSwap();
const using =
  (ops: SwapOps): SwapFor =>
  () =>
    pathSwap(ops);

/** Real filesystem operations that "kill the process" (throw, and keep throwing) after `budget` of them. */
function dyingAfter(budget: number): SwapOps & { used: () => number } {
  let used = 0;
  const step = () => {
    if (used >= budget) throw new Killed();
    used++;
  };
  return {
    exists: fileSwapOps.exists, // reads change nothing, so a kill between them is the same as before them
    rename: async (from, to) => {
      step();
      await fileSwapOps.rename(from, to);
    },
    remove: async (target) => {
      step();
      await fileSwapOps.remove(target);
    },
    used: () => used,
  };
}

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await makeTempDir('swap');
});
afterEach(() => tmp.cleanup());

/** Two services: a database with a -wal (and no -shm) and a files mount; both staged. */
function setUp(root: string): Journal {
  mkdirSync(root, { recursive: true });
  const db = path.join(root, 'shop.db');
  const uploads = path.join(root, 'uploads');
  writeFileSync(db, 'old db');
  writeFileSync(`${db}-wal`, 'old wal');
  mkdirSync(uploads);
  writeFileSync(path.join(uploads, 'a.txt'), 'old a');
  const job = 'job_1';
  writeFileSync(siblingPath(db, 'staged', job), 'new db');
  mkdirSync(siblingPath(uploads, 'staged', job));
  writeFileSync(path.join(siblingPath(uploads, 'staged', job), 'b.txt'), 'new b');
  const companion = (file: string) => ({ live: file, old: siblingPath(file, 'old', job), had_live: false });
  return {
    format: 1,
    job_id: job,
    snapshot_id: 'snap_A',
    state: 'staging',
    services: [
      {
        name: 'db',
        type: 'sqlite',
        live: db,
        old: siblingPath(db, 'old', job),
        had_live: false,
        staged: siblingPath(db, 'staged', job),
        companions: ['-wal', '-shm', '-journal'].map((suffix) => companion(db + suffix)),
        staged_extras: [`${siblingPath(db, 'staged', job)}-wal`],
      },
      {
        name: 'uploads',
        type: 'files',
        live: uploads,
        old: siblingPath(uploads, 'old', job),
        had_live: false,
        staged: siblingPath(uploads, 'staged', job),
        companions: [],
        staged_extras: [],
      },
    ],
  };
}

function state(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      try {
        files[prefix + name] = readFileSync(full, 'utf8');
      } catch {
        visit(full, `${prefix}${name}/`);
      }
    }
  };
  visit(root, '');
  return files;
}

const OLD = { 'shop.db': 'old db', 'shop.db-wal': 'old wal', 'uploads/a.txt': 'old a' };
const NEW = { 'shop.db': 'new db', 'uploads/b.txt': 'new b' };

async function swapKilledAfter(
  root: string,
  budget: number,
): Promise<{ journal: Journal; finished: boolean }> {
  const journal = { ...(await prepareSwap(setUp(root), onDisk)), state: 'swapping' as const };
  try {
    await swapServices(journal, using(dyingAfter(budget)));
    return { journal, finished: true };
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
    return { journal, finished: false };
  }
}

describe('swap and recovery, killed at every step', () => {
  it('always ends entirely old when the kill comes before the commit point', async () => {
    let budget = 0;
    for (;;) {
      const root = path.join(tmp.dir, `swap-${budget}`);
      const { journal, finished } = await swapKilledAfter(root, budget);
      // An application opens the new database after it went live and before the kill: its -shm is not ours.
      if (!existsSync(journal.services[0]!.staged))
        writeFileSync(`${journal.services[0]!.live}-shm`, 'new shm');

      // Recovery itself is killed after 0, 1, 2… operations, then run again to the end.
      for (let recoveryBudget = 0; ; recoveryBudget++) {
        const recovery = dyingAfter(recoveryBudget);
        try {
          await recoverJournal(journal, using(recovery));
          break;
        } catch (error) {
          if (!(error instanceof Killed)) throw error;
        }
      }
      await recoverJournal(journal, onDisk); // and once more: recovery is idempotent
      expect(state(root), `killed after ${budget} swap operations`).toEqual(OLD);
      if (finished) break;
      budget++;
    }
    expect(budget).toBeGreaterThanOrEqual(4);
  });

  it('ends entirely new once committed, even if the cleanup is killed', async () => {
    for (let recoveryBudget = 0; recoveryBudget < 8; recoveryBudget++) {
      const root = path.join(tmp.dir, `commit-${recoveryBudget}`);
      const { journal, finished } = await swapKilledAfter(root, Infinity);
      expect(finished).toBe(true);
      const committed = { ...journal, state: 'committed' as const };
      await recoverJournal(committed, using(dyingAfter(recoveryBudget))).catch((error) => {
        if (!(error instanceof Killed)) throw error;
      });
      await recoverJournal(committed, onDisk);
      expect(state(root)).toEqual(NEW);
    }
  });

  it('cleans the staged data of a restore that never reached the swap', async () => {
    const root = path.join(tmp.dir, 'staging');
    const journal = setUp(root);
    await recoverJournal(journal, onDisk);
    expect(state(root)).toEqual(OLD);
  });

  it('swaps into an environment whose data did not exist yet, and back', async () => {
    const root = path.join(tmp.dir, 'fresh');
    const journal = setUp(root);
    for (const name of readdirSync(root)) {
      if (!name.includes('rewind-staged')) await fileSwapOps.remove(path.join(root, name));
    }
    const swapping = { ...(await prepareSwap(journal, onDisk)), state: 'swapping' as const };
    expect(swapping.services.every((s) => !s.had_live)).toBe(true);
    await swapServices(swapping, onDisk);
    expect(state(root)).toEqual(NEW);
    await recoverJournal(swapping, onDisk);
    expect(state(root)).toEqual({});
  });
});
