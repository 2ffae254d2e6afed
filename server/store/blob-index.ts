// The names of the blobs the store holds, in memory: a capture asks about every unchanged file, and a set lookup
// costs nothing where an lstat is a thread-pool round trip. Listed from disk once, on first use, then kept in
// step by this store's own writes, deletes and quarantines. It assumes one store object per folder per process
// (the server makes one), like the sweep lock does: blobs deleted behind its back would still be believed.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../platform/durable.ts';
import { SHA256 } from './local-layout.ts';

export interface BlobIndex {
  /** Lists the store the first time; at once after that. */
  load(): Promise<void>;
  /** Whether the store holds the blob; only after load(). */
  knows(sha256: string): boolean;
  has(sha256: string): Promise<boolean>;
  /** The ones of `sha256s` the store holds. */
  holds(sha256s: Iterable<string>): Promise<Set<string>>;
  /** Only for blobs whose content and name are durable: a capture will trust them. */
  add(names: Iterable<string>): Promise<void>;
  remove(sha256: string): Promise<void>;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

async function listStored(blobsDir: string): Promise<Set<string>> {
  const names = new Set<string>();
  const prefixes = await readdirOrEmpty(blobsDir);
  await Promise.all(
    prefixes.map(async (prefix) => {
      for (const name of await readdirOrEmpty(path.join(blobsDir, prefix))) {
        if (SHA256.test(name) && name.startsWith(prefix)) names.add(name);
      }
    }),
  );
  return names;
}

export function blobIndex(blobsDir: string): BlobIndex {
  let loading: Promise<Set<string>> | null = null;
  let names: Set<string> | null = null;
  // Changes wait for the listing, so one made while it runs is applied after it, never lost under it.
  const loaded = () => {
    loading ??= listStored(blobsDir).then(
      (set) => (names = set),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  return {
    load: async () => void (await loaded()),
    knows(sha256) {
      if (!names) throw new Error('The blob index was asked before it was loaded.');
      return names.has(sha256);
    },
    has: async (sha256) => (await loaded()).has(sha256),
    async holds(sha256s) {
      const set = await loaded();
      const held = new Set<string>();
      for (const sha256 of sha256s) if (set.has(sha256)) held.add(sha256);
      return held;
    },
    async add(names) {
      const set = await loaded();
      for (const name of names) set.add(name);
    },
    async remove(sha256) {
      (await loaded()).delete(sha256);
    },
  };
}
