// A few worker threads for the work that would otherwise keep the main thread busy or idle-waiting: thousands
// of small files hashed, compressed and written (or read back), trees walked, SQLite databases checked. With
// one worker per core, captures and restores use every core, and the main thread stays free for requests.
// Workers start on first use and stop after a short idle time, so an idle server holds none.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResultOf, WorkerFailure, WorkerRequest } from './protocol.ts';

const IDLE_MS = 2_000;
/**
 * Each worker is a V8 instance of its own (~30 MB): one per core but one, at most four. The remaining core is
 * not idle: the main thread hashes big files and the thread pool compresses them and copies databases.
 */
export const POOL_SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** Leases holding this worker. */
  load: number;
}

let slots: Slot[] = [];
let nextId = 1;
let idleTimer: NodeJS.Timeout | undefined;

function toError(failure: WorkerFailure): Error {
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {}, {
    path: failure.path,
  });
}

function start(): Slot {
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const slot: Slot = { worker, waiting: new Map(), load: 0 };
  const failAll = (error: Error) => {
    slots = slots.filter((other) => other !== slot);
    for (const waiting of slot.waiting.values()) waiting.reject(error);
    slot.waiting.clear();
  };
  worker.on('message', (message: { id: number; result?: unknown; error?: WorkerFailure }) => {
    const waiting = slot.waiting.get(message.id);
    slot.waiting.delete(message.id);
    if (message.error) waiting?.reject(toError(message.error));
    else waiting?.resolve(message.result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`A worker thread stopped (exit code ${code}).`)));
  worker.unref(); // referenced only while a lease holds it
  slots.push(slot);
  return slot;
}

function pick(): Slot {
  const idlest = slots.reduce<Slot | null>(
    (best, slot) => (!best || slot.load < best.load ? slot : best),
    null,
  );
  if (idlest && (idlest.load === 0 || slots.length >= POOL_SIZE)) return idlest;
  return start();
}

function stopWhenIdle(): void {
  clearTimeout(idleTimer);
  if (slots.some((slot) => slot.load > 0)) return;
  idleTimer = setTimeout(() => {
    const stopping = slots;
    slots = [];
    for (const slot of stopping) void slot.worker.terminate();
  }, IDLE_MS).unref();
}

export interface WorkerLease {
  call<R extends WorkerRequest>(request: R): Promise<ResultOf<R>>;
}

/** Runs `fn` with one worker (the least busy); the calls it makes all go to that worker, in order. */
export async function withWorker<T>(fn: (lease: WorkerLease) => Promise<T>): Promise<T> {
  clearTimeout(idleTimer);
  const slot = pick();
  slot.load++;
  slot.worker.ref();
  const lease: WorkerLease = {
    call: <R extends WorkerRequest>(request: R) =>
      new Promise<ResultOf<R>>((resolve, reject) => {
        if (!slots.includes(slot)) return reject(new Error('The worker thread stopped.'));
        const id = nextId++;
        slot.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        slot.worker.postMessage({ id, request });
      }),
  };
  try {
    return await fn(lease);
  } finally {
    slot.load--;
    if (slot.load === 0) slot.worker.unref();
    stopWhenIdle();
  }
}

/** One request on the least busy worker. */
export function runOnWorker<R extends WorkerRequest>(request: R): Promise<ResultOf<R>> {
  return withWorker((lease) => lease.call(request));
}
