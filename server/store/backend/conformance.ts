// What every store backend must do, asked through the StoreBackend interface only: run it against each backend
// (`backendConformance('local folder', ...)` in local-backend.test.ts). The crash cases kill a child process at
// the failpoints every backend names: backend:mid-stage (half an object written), backend:before-publish
// (staged objects made durable, none visible yet), backend:mid-publish (half of them visible).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreBackend } from './backend.ts';

export interface BackendUnderTest {
  /** A backend over `dir` (a fresh temporary folder per test: the backend may keep its data elsewhere). */
  open(dir: string): StoreBackend;
  /** A module exporting `openBackend(dir)`, the same backend for a child process the crash cases kill. */
  childModule: string;
}

const nodeBin = path.resolve(import.meta.dirname, '../../../node_modules/.bin/node');
const child = path.join(import.meta.dirname, 'testing', 'backend-child.ts');

async function names(backend: StoreBackend, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const name of backend.list(prefix)) found.push(name);
  return found;
}

export function backendConformance(label: string, subject: BackendUnderTest): void {
  let dir: string;
  let backend: StoreBackend;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-backend-'));
    backend = subject.open(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const publish = async (name: string, content: Buffer) =>
    backend.publish([await backend.stage(name, content)]);

  describe(`${label} backend`, () => {
    it('keeps an object staged from a buffer, a stream or a scratch file, and gives back its bytes', async () => {
      const content = randomBytes(300_000);
      const scratch = await backend.scratchFile();
      await writeFile(scratch, content.subarray(0, 1000));
      const staged = [
        await backend.stage('packs/aa/buffer', content),
        await backend.stage(
          'packs/aa/stream',
          Readable.from([content.subarray(0, 100), content.subarray(100)]),
        ),
        await backend.stage('packs/bb/file', { file: scratch }),
        await backend.stage('empty', Buffer.alloc(0)),
      ];
      expect(staged.map((object) => object.size)).toEqual([300_000, 300_000, 1000, 0]);
      await backend.publish(staged);

      expect((await backend.get('packs/aa/buffer'))!.equals(content)).toBe(true);
      expect((await buffer(backend.stream('packs/aa/stream'))).equals(content)).toBe(true);
      expect((await backend.get('packs/bb/file'))!.equals(content.subarray(0, 1000))).toBe(true);
      expect(await backend.get('empty')).toEqual(Buffer.alloc(0));
      expect(await backend.stat('packs/aa/stream')).toEqual({ name: 'packs/aa/stream', size: 300_000 });
      expect(await backend.has('packs/bb/file')).toBe(true);
    });

    it('reads a range of an object, whole or streamed', async () => {
      const content = randomBytes(100_000);
      await publish('packs/one', content);
      for (const range of [
        { offset: 0, length: 10 },
        { offset: 12_345, length: 54_321 },
        { offset: 99_999, length: 1 },
        { offset: 500, length: 0 },
      ]) {
        const wanted = content.subarray(range.offset, range.offset + range.length);
        expect((await backend.get('packs/one', range))!.equals(wanted)).toBe(true);
        expect((await buffer(backend.stream('packs/one', range))).equals(wanted)).toBe(true);
      }
      // Past the end: only the bytes there are (the caller checks the length it asked for).
      expect((await backend.get('packs/one', { offset: 99_990, length: 100 }))!.length).toBe(10);
    });

    it('shows nothing staged until it is published, and nothing discarded ever', async () => {
      const kept = await backend.stage('index/kept', Buffer.from('kept'));
      const dropped = await backend.stage('index/dropped', Buffer.from('dropped'));
      expect(await backend.has('index/kept')).toBe(false);
      expect(await backend.get('index/kept')).toBeNull();
      expect(await names(backend, '')).toEqual([]);
      await backend.discard([dropped]);
      await backend.publish([kept]);
      expect(await names(backend, '')).toEqual(['index/kept']);
      expect(await backend.has('index/dropped')).toBe(false);
    });

    it('lists published objects by prefix, in name order', async () => {
      const all = ['a.b', 'a/b', 'a/c/d', 'ab', 'b/a', 'packs/00/x', 'packs/01/y', 'packs/01/z'];
      await backend.publish(
        await Promise.all([...all].reverse().map((name) => backend.stage(name, Buffer.from(name)))),
      );
      expect(await names(backend, '')).toEqual(all);
      expect(await names(backend, 'a')).toEqual(['a.b', 'a/b', 'a/c/d', 'ab']);
      expect(await names(backend, 'a/')).toEqual(['a/b', 'a/c/d']);
      expect(await names(backend, 'packs/01/')).toEqual(['packs/01/y', 'packs/01/z']);
      expect(await names(backend, 'packs/0')).toEqual(['packs/00/x', 'packs/01/y', 'packs/01/z']);
      expect(await names(backend, 'nothing/')).toEqual([]);
    });

    it('replaces an object published again, and deletes objects', async () => {
      await publish('manifests/snap_1', Buffer.from('first'));
      await publish('manifests/snap_1', Buffer.from('second'));
      expect((await backend.get('manifests/snap_1'))!.toString()).toBe('second');
      await backend.delete('manifests/snap_1');
      await backend.delete('manifests/never-there');
      expect(await backend.stat('manifests/snap_1')).toBeNull();
      expect(await names(backend, 'manifests/')).toEqual([]);
    });

    it('says an absent object is absent', async () => {
      expect(await backend.get('packs/none')).toBeNull();
      expect(await backend.stat('packs/none')).toBeNull();
      expect(await backend.has('packs/none')).toBe(false);
      await expect(buffer(backend.stream('packs/none'))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses names that could climb out or are not names', async () => {
      for (const name of ['../x', 'a/../../x', '/abs', 'a//b', '', 'a/', 'sp ace', 'a/./b']) {
        await expect(backend.stage(name, Buffer.from('x')), name).rejects.toThrow(/not a valid object name/);
        await expect(backend.get(name), name).rejects.toThrow(/not a valid object name/);
      }
    });

    it('forgets staged objects of a process that stopped, keeping the published ones', async () => {
      await publish('packs/kept', Buffer.from('kept'));
      await backend.stage('packs/left', Buffer.from('left behind'));
      await subject.open(dir).cleanStaged();
      expect(await names(backend, '')).toEqual(['packs/kept']);
    });

    describe('killed while writing', () => {
      const run = (failpoint: string, objects: number) =>
        spawnSync(nodeBin, [child, JSON.stringify({ module: subject.childModule, dir, objects })], {
          env: { ...process.env, REWIND_FAILPOINTS: failpoint },
          encoding: 'utf8',
        });
      const content = (at: number) => Buffer.alloc(200_000 + at, at + 1);

      it.each([
        { failpoint: 'backend:mid-stage', visible: 0 },
        { failpoint: 'backend:before-publish', visible: 0 },
        { failpoint: 'backend:mid-publish', visible: 2 },
        { failpoint: '', visible: 4 },
      ])(
        'at "$failpoint": the first $visible objects visible and whole, no other',
        async ({ failpoint, visible }) => {
          const result = run(failpoint, 4);
          if (failpoint) expect(result.signal, result.stderr).toBe('SIGKILL');
          else expect(result.status, result.stderr).toBe(0);

          const after = subject.open(dir);
          const expected = Array.from({ length: visible }, (_, at) => `packs/object-${at}`);
          expect(await names(after, 'packs/')).toEqual(expected);
          for (const [at, name] of expected.entries()) {
            expect((await after.get(name))!.equals(content(at)), name).toBe(true);
          }
          await after.cleanStaged();
          expect(await names(after, '')).toEqual(expected);
          // The store goes on: the same objects can be written again.
          await after.publish([await after.stage('packs/object-0', content(0))]);
          expect((await after.get('packs/object-0'))!.equals(content(0))).toBe(true);
        },
      );
    });
  });
}
