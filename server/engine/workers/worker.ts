// A worker thread of the pool (pool.ts): runs one request at a time, synchronously, and posts the result back.
import { parentPort } from 'node:worker_threads';
import { decodeItems, failure, hashFiles, renameAll, storeHeld } from './blob-ops.ts';
import type { WorkerRequest, WorkerResults } from './protocol.ts';
import { lookNow, walkTree } from './walk-tree.ts';

/** SQLite's own check of a restored database, off the main thread: it takes seconds on a big database. */
function integrityCheck(file: string): string[] {
  try {
    // Loaded here, not up front: most workers never open a database.
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(file);
    try {
      return db
        .prepare('PRAGMA integrity_check')
        .all()
        .map((row) => String(row.integrity_check));
    } finally {
      db.close(); // the last connection closing checkpoints and removes -wal and -shm
    }
  } catch (error) {
    return [(error as Error).message];
  }
}

type Result = WorkerResults[WorkerRequest['op']];

function run(request: WorkerRequest): Result | Promise<Result> {
  switch (request.op) {
    case 'walk':
      return walkTree(request.root, lookNow);
    case 'hash':
      return hashFiles(request.files, request.limit);
    case 'store':
      return storeHeld(request.keep, request.drop);
    case 'decode':
      return decodeItems(request.items, request.maxCompressed);
    case 'rename':
      return renameAll(request.pairs);
    case 'sqlite-check':
      return integrityCheck(request.file);
  }
}

// A walk is asynchronous in form only: its calls are synchronous here, so it finishes within the message that
// asked for it, and requests still run one at a time.
parentPort!.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  new Promise<Result>((resolve) => resolve(run(request))).then(
    (result) => parentPort!.postMessage({ id, result }),
    (error: unknown) => parentPort!.postMessage({ id, error: failure(error) }),
  );
});
