// SQLite: captured through SQLite's online backup API, which gives a consistent copy even while the application
// writes (a plain file copy of a live database, or of its -wal, can be torn). Restored as a new file that must
// pass `PRAGMA integrity_check` before the engine swaps it in.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { EngineError, type DumpPart, type ServiceManifest, type ServiceSpec } from '../types.ts';
import { pathSwap } from '../swap-path.ts';
import { runOnWorker } from '../../platform/workers/pool.ts';
import { liveMode } from './live-mode.ts';
import type { ServiceAdapter } from './adapter.ts';
import { checkDump, corruptSnapshot, writeBlobFile } from './blob-file.ts';
import { pathRestoreTarget } from './path-target.ts';
import { lookAtDatabase, stampOfCopy } from './sqlite-stamp.ts';

const COMPANIONS = ['-wal', '-shm', '-journal'];
// The whole database in one backup step, i.e. one read transaction. Stepping page batches lets a busy
// application's writes restart the backup again and again (measured: never finishing in rollback-journal mode
// under a write every 5 ms); one step is consistent and quick. In WAL mode writers carry on meanwhile; in
// rollback-journal mode they wait for the copy (their busy timeout), which is the price of a consistent copy.
const WHOLE_DATABASE = 2 ** 31 - 1;

function unreadable(service: ServiceSpec, why: string): EngineError {
  return new EngineError(
    'service_unreadable',
    `Service "${service.name}": the SQLite database ${service.path ?? '(no path)'} ${why}`,
  );
}

async function databaseSize(service: ServiceSpec): Promise<number> {
  if (!service.path)
    throw unreadable(service, 'has no path. Set "path" for this service in the configuration.');
  try {
    const info = await stat(service.path);
    if (!info.isFile()) throw unreadable(service, 'is not a file. Check the path in the configuration.');
    const wal = await stat(`${service.path}-wal`).catch(() => null);
    return info.size + (wal?.size ?? 0);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw unreadable(
        service,
        'does not exist. Check the path in the configuration and that the file is there.',
      );
    }
    throw unreadable(
      service,
      `cannot be read (${code}). Check that Rewind may read the file and its folder.`,
    );
  }
}

function dumpManifest(service: ServiceSpec, dump: DumpPart): ServiceManifest {
  return {
    name: service.name,
    type: 'sqlite',
    selector: service.selector,
    dump,
    size_bytes: dump.size,
    file_count: 0,
  };
}

const lockWaitMs = 30_000;
const isLocked = (error: unknown) => /locked|busy/i.test((error as Error).message);

/**
 * Opens the live database for the backup. node:sqlite waits for locks synchronously, which would stall the
 * whole server while an application holds a write lock, so the first read is retried here without blocking;
 * only the backup itself (on a worker thread) waits for locks through the busy timeout.
 */
async function openForCapture(service: ServiceSpec): Promise<DatabaseSync> {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(service.path!, { readOnly: true, timeout: 0 });
    for (const started = Date.now(); ;) {
      try {
        db.prepare('PRAGMA schema_version').get(); // a file that is not a database fails here, not mid-backup
        break;
      } catch (error) {
        if (!isLocked(error) || Date.now() - started > lockWaitMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    db.exec(`PRAGMA busy_timeout = ${lockWaitMs}`);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    const why = isLocked(error)
      ? `stayed locked by another program for ${lockWaitMs / 1000} s (${(error as Error).message}). Try again when it is less busy.`
      : `cannot be opened (${(error as Error).message}). Check that it is a SQLite database and that Rewind may ` +
        'read it and write to its folder (SQLite needs the -shm file of a WAL database).';
    throw unreadable(service, why);
  }
}

export const sqliteAdapter: ServiceAdapter = {
  async planCapture(service) {
    const totalBytes = await databaseSize(service);
    return {
      totalBytes,
      async run({ store, blobs, workDir, previous, onBytes }) {
        const look = await lookAtDatabase(service.path!).catch(() => null); // before anything opens it
        const last = previous?.dump;
        const unchanged = look?.settled && last && !last.raw && last.source_stamp === look.stamp;
        if (unchanged && (await store.hasBlob(last.sha256))) {
          onBytes(totalBytes);
          return { manifest: dumpManifest(service, last), storedBytes: 0 };
        }
        // Progress: the backup (one step) is the first half of the estimate, storing the copy the second half.
        let reported = 0;
        const report = (done: number) => {
          const capped = Math.min(Math.round(done), totalBytes);
          if (capped > reported) onBytes(capped - reported);
          reported = Math.max(reported, capped);
        };
        await mkdir(workDir, { recursive: true });
        const copy = path.join(workDir, `${randomUUID()}.sqlite`);
        const db = await openForCapture(service);
        try {
          await backup(db, copy, { rate: WHOLE_DATABASE });
          db.close();
          const after = await lookAtDatabase(service.path!).catch(() => null);
          const stamp = look && after ? stampOfCopy(look, after) : undefined;
          report(totalBytes / 2);
          const copySize = (await stat(copy)).size;
          let stored = 0;
          const put = await blobs.putFile(
            copy,
            (bytes) => {
              stored += bytes;
              report(totalBytes / 2 + (stored / Math.max(copySize, 1)) * (totalBytes / 2));
            },
            copySize,
          );
          report(totalBytes);
          const dump = {
            sha256: put.sha256,
            size: put.size,
            ext: 'sqlite',
            ...(stamp ? { source_stamp: stamp } : {}),
          };
          return { manifest: dumpManifest(service, dump), storedBytes: put.storedBytes };
        } finally {
          if (db.isOpen) db.close();
          await Promise.all(
            [copy, ...COMPANIONS.map((suffix) => copy + suffix)].map((f) => rm(f, { force: true })),
          );
        }
      },
    };
  },

  check: checkDump,

  restoreTarget: (service, jobId) =>
    // The companions move aside with the live data: left beside a new database, a stale write-ahead log
    // would be replayed into it.
    pathRestoreTarget(service, jobId, (livePath) => COMPANIONS.map((suffix) => livePath + suffix)),

  async stage(part, { live: livePath, staged: stagedPath }, { store, snapshotId, onBytes, syncEachFile }) {
    const dump = part.dump!;
    const mode = await liveMode(livePath, 0o644);
    const { sha256, size } = dump;
    await writeBlobFile({
      store,
      snapshotId,
      label: part.name,
      sha256,
      size,
      file: stagedPath,
      mode,
      onBytes,
      fsync: syncEachFile,
    });
    // The SHA-256 already proved the bytes are the ones captured; the full check (not quick_check) also proves
    // the copy is a sound database, indexes included. It runs on a worker thread: seconds on a big database,
    // during which the main thread keeps serving.
    const result = await runOnWorker({ op: 'sqlite-check', file: stagedPath });
    if (result.length !== 1 || result[0] !== 'ok') {
      throw corruptSnapshot(
        snapshotId,
        part.name,
        `the restored database fails its integrity check (${result[0]}).`,
      );
    }
    await Promise.all(COMPANIONS.map((suffix) => rm(stagedPath + suffix, { force: true })));
  },

  swap: () => pathSwap(),

  async measure(service) {
    try {
      return await databaseSize(service);
    } catch {
      return null;
    }
  },
};
