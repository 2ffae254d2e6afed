// A store backend on a local folder: an object is the file <root>/<name>. Staged objects are files in
// <root>/tmp/ (not fsynced one by one); publish flushes them all at once (syncfs, or an fsync each where that is
// unavailable), then renames them into place in order, then flushes the renames. So an object's name always
// has its whole content behind it, whatever instant a crash or a power cut hits.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncDir, fsyncEach, flushFilesystem, isNotFound } from '../../platform/durable.ts';
import { failpoint } from '../../platform/failpoints.ts';
import { checkName, type StagedObject, type StoreBackend } from './backend.ts';

const SCRATCH = 'tmp';

interface LocalStaged extends StagedObject {
  readonly file: string;
}

export function createLocalBackend(root: string): StoreBackend {
  const scratchDir = path.join(root, SCRATCH);
  const made = new Set<string>();
  const fileOf = (name: string) => {
    checkName(name);
    if (name === SCRATCH || name.startsWith(`${SCRATCH}/`)) throw new Error(`"${name}" is reserved.`);
    return path.join(root, name);
  };
  const scratchFile = () => path.join(scratchDir, randomUUID());
  async function folder(dir: string): Promise<void> {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }

  async function stageFrom(source: Buffer | Readable, file: string): Promise<void> {
    if (Buffer.isBuffer(source)) {
      const handle = await open(file, 'wx', 0o644);
      try {
        const half = source.length >> 1;
        await handle.write(source, 0, half);
        failpoint('backend:mid-stage');
        await handle.write(source, half, source.length - half);
      } finally {
        await handle.close();
      }
      return;
    }
    let chunks = 0;
    await pipeline(
      source,
      async function* (input: AsyncIterable<Buffer>) {
        for await (const chunk of input) {
          if (chunks++ === 1) failpoint('backend:mid-stage');
          yield chunk;
        }
      },
      createWriteStream(file, { flags: 'wx' }),
    );
  }

  const backend: StoreBackend = {
    where: root,

    async scratchFile() {
      await folder(scratchDir);
      return scratchFile();
    },

    async stage(name, source) {
      fileOf(name);
      await folder(scratchDir);
      let file: string;
      if ('file' in source && typeof source.file === 'string') {
        file = source.file;
        if (path.dirname(path.resolve(file)) !== scratchDir) {
          throw new Error(`Only a file in ${scratchDir} can be staged as it is, not ${file}.`);
        }
      } else {
        file = scratchFile();
        try {
          await stageFrom(source as Buffer | Readable, file);
        } catch (error) {
          await rm(file, { force: true });
          throw error;
        }
      }
      const staged: LocalStaged = { name, file, size: (await lstat(file)).size };
      return staged;
    },

    async publish(objects) {
      const staged = objects as LocalStaged[];
      if (staged.length === 0) return;
      if (!(await flushFilesystem(scratchDir))) await fsyncEach(staged.map(({ file }) => file));
      failpoint('backend:before-publish');
      const targets = staged.map(({ name }) => fileOf(name));
      for (const dir of new Set(targets.map((target) => path.dirname(target)))) await folder(dir);
      const half = Math.ceil(staged.length / 2);
      for (const [at, { file }] of staged.entries()) {
        if (at === half) failpoint('backend:mid-publish');
        await rename(file, targets[at]!);
      }
      if (!(await flushFilesystem(root))) {
        const dirs = new Set(targets.map((target) => path.dirname(target)));
        // New folders are entries of their parents: those are flushed too.
        for (const dir of [...dirs]) {
          for (let up = path.dirname(dir); up.startsWith(root) && up !== dir; up = path.dirname(up)) {
            dirs.add(up);
            if (up === root) break;
          }
        }
        await fsyncEach(dirs);
      }
    },

    async discard(objects) {
      await Promise.all((objects as LocalStaged[]).map(({ file }) => rm(file, { force: true })));
    },

    async get(name, range) {
      let handle;
      try {
        handle = await open(fileOf(name), 'r');
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      try {
        if (!range) return await handle.readFile();
        const buffer = Buffer.allocUnsafe(range.length);
        let length = 0;
        while (length < range.length) {
          const { bytesRead } = await handle.read(
            buffer,
            length,
            range.length - length,
            range.offset + length,
          );
          if (bytesRead === 0) break;
          length += bytesRead;
        }
        return length === range.length ? buffer : buffer.subarray(0, length);
      } finally {
        await handle.close();
      }
    },

    stream(name, range) {
      const file = fileOf(name);
      if (!range) return createReadStream(file);
      if (range.length === 0) return Readable.from([]);
      // Reads of at most the range: a restore streams thousands of small ranges.
      const highWaterMark = Math.min(range.length, 256 * 1024);
      return createReadStream(file, {
        start: range.offset,
        end: range.offset + range.length - 1,
        highWaterMark,
      });
    },

    async stat(name) {
      try {
        const info = await lstat(fileOf(name));
        return info.isFile() ? { name, size: info.size } : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    has: async (name) => (await backend.stat(name)) !== null,

    async delete(name) {
      const file = fileOf(name);
      try {
        await rm(file);
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      await fsyncDir(path.dirname(file));
    },

    async *list(prefix) {
      const slash = prefix.lastIndexOf('/');
      const base = slash < 0 ? '' : prefix.slice(0, slash);
      for await (const name of walk(root, base)) if (name.startsWith(prefix)) yield name;
    },

    async cleanStaged() {
      for (const name of await readdirOrEmpty(scratchDir)) {
        await rm(path.join(scratchDir, name), { recursive: true, force: true });
      }
    },

    localPath: (name) => fileOf(name),
  };
  return backend;
}

/** Every file under <root>/<relative> but the scratch folder, as object names, in name order. */
async function* walk(root: string, relative: string): AsyncGenerator<string> {
  const entries = await readdirOrEmpty(path.join(root, relative), true);
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (name !== SCRATCH) yield* walk(root, name);
    } else if (entry.isFile()) yield name;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]>;
async function readdirOrEmpty(dir: string, types: true): Promise<Dirent[]>;
async function readdirOrEmpty(dir: string, types?: true) {
  try {
    if (types) {
      const entries = await readdir(dir, { withFileTypes: true });
      // Name order of the full names: "a/b" sorts before "a.b" only if folders sort by name plus "/".
      return entries.sort((a, b) => {
        const x = a.isDirectory() ? `${a.name}/` : a.name;
        const y = b.isDirectory() ? `${b.name}/` : b.name;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    return (await readdir(dir)).sort();
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}
