// What the main thread asks of a worker thread, and what comes back. Every operation is synchronous inside the
// worker: thousands of small files cost a few system calls each instead of a thread-pool round trip per step.

/** A failure as it crosses threads: the message and the errno code, which callers branch on. */
export interface WorkerFailure {
  message: string;
  code?: string;
  path?: string;
}

/** A walked tree, column by column (cheap to copy between threads), sorted by path. */
export interface WalkedColumns {
  paths: string[];
  /** 0 file, 1 folder, 2 symlink. */
  kinds: Uint8Array;
  sizes: Float64Array;
  modes: Uint16Array;
  mtimes: Float64Array;
  /** Symlink targets by index. */
  targets: Record<number, string>;
}

/** A walk that stopped: `folder` could not be listed, or `entry` could not be looked at. */
export interface WalkProblem {
  problem: 'folder' | 'entry';
  path: string;
  code: string;
}

/** `token` names the content the worker keeps until a `store` call writes or drops it. */
export type HashResult =
  { token: number; sha256: string; size: number } | { large: true } | { error: WorkerFailure };

export interface DecodeItem {
  /** The compressed blob file, or the pack holding it at `range`. */
  blob: string;
  range?: { offset: number; length: number };
  sha256: string;
  size: number;
  /** Created exclusively; never overwritten. */
  file: string;
  mode: number;
  mtimeMs?: number;
  /** fsync the file before closing it (when the filesystem cannot be flushed as a whole). */
  fsync: boolean;
}

export type DecodeResult =
  | { ok: true }
  | { missing: true }
  | { corrupt: string }
  | { larger: true }
  | { actualSize: number }
  /** The compressed file is bigger than a small content can be: the caller streams it instead. */
  | { large: true }
  | { error: WorkerFailure };

export type WorkerRequest =
  | { op: 'walk'; root: string }
  | { op: 'hash'; files: string[]; limit: number }
  /** Appends the kept contents to `pack` (a file nobody else writes meanwhile); null when none are kept. */
  | { op: 'append'; keep: number[]; drop: number[]; pack: string | null }
  | { op: 'decode'; items: DecodeItem[]; maxCompressed: number }
  | { op: 'sqlite-check'; file: string };

export interface WorkerResults {
  walk: WalkedColumns | WalkProblem;
  hash: HashResult[];
  /** Where each kept content's frame went in the pack, or the failure. */
  append: Array<{ offset: number; length: number } | { error: WorkerFailure }>;
  decode: DecodeResult[];
  /** PRAGMA integrity_check's rows, or the error opening the file. */
  'sqlite-check': string[];
}

export type ResultOf<R extends WorkerRequest> = WorkerResults[R['op']];
