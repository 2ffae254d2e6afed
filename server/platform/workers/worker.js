// A worker thread of the pool (pool.ts): runs one request at a time, synchronously, and posts the result back.
// The modules a worker loads are JavaScript typed in comments, not TypeScript: each worker would otherwise
// load Node's type stripper for itself, ~13 MB of memory and ~40 ms of start-up per worker.
// @ts-check
/** @import { WorkerRequest, WorkerResults } from './protocol.ts' */
/** @typedef {WorkerResults[WorkerRequest['op']]} Result */
import { parentPort } from 'node:worker_threads';
import { appendHeld, decodeItems, failure, hashFiles } from './blob-ops.js';
import { lookNow, walkTree } from './walk-tree.js';

/**
 * SQLite's own check of a restored database, off the main thread: it takes seconds on a big database.
 * @param {string} file
 * @returns {string[]}
 */
function integrityCheck(file) {
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
    return [/** @type {Error} */ (error).message];
  }
}

/**
 * @param {WorkerRequest} request
 * @returns {Result | Promise<Result>}
 */
function run(request) {
  switch (request.op) {
    case 'walk':
      return walkTree(request.root, lookNow);
    case 'hash':
      return hashFiles(request.files, request.limit);
    case 'append':
      return appendHeld(request.keep, request.drop, request.pack);
    case 'decode':
      return decodeItems(request.items, request.maxCompressed);
    case 'sqlite-check':
      return integrityCheck(request.file);
  }
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
// A walk is asynchronous in form only: its calls are synchronous here, so it finishes within the message that
// asked for it, and requests still run one at a time.
port.on(
  'message',
  /** @param {{ id: number, request: WorkerRequest }} message */ ({ id, request }) => {
    new Promise((resolve) => resolve(run(request))).then(
      (result) => port.postMessage({ id, result }),
      (error) => port.postMessage({ id, error: failure(error) }),
    );
  },
);
