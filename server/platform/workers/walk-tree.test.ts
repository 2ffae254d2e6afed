// The two ways of walking a mount (synchronous calls on a worker thread, the thread pool on the main thread)
// must see the same tree: a capture takes one or the other by the mount's size.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../engine/testing/fixtures.ts';
import { lookInPool, lookNow, walkTree } from './walk-tree.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  tmp = await makeTempDir('walk');
});
afterEach(() => tmp.cleanup());

describe('walking a tree', () => {
  it('finds the same folders, files and symlinks either way, sorted, special files left out', async () => {
    const root = path.join(tmp.dir, 'mount');
    mkdirSync(path.join(root, 'photos', 'ünïcödé'), { recursive: true });
    mkdirSync(path.join(root, 'empty'));
    for (let k = 0; k < 150; k++) writeFileSync(path.join(root, 'photos', `p${k}.jpg`), `photo ${k}`);
    writeFileSync(path.join(root, 'photos', 'ünïcödé', 'notes.txt'), 'notes', { mode: 0o600 });
    symlinkSync('photos/p1.jpg', path.join(root, 'latest'));
    symlinkSync('nowhere', path.join(root, 'dangling'));
    spawnSync('mkfifo', [path.join(root, 'a-fifo')]);

    const inWorkerWay = await walkTree(root, lookNow);
    const onMainWay = await walkTree(root, lookInPool);
    expect(onMainWay).toEqual(inWorkerWay);
    if ('problem' in onMainWay) throw new Error('the walk failed');
    expect(onMainWay.paths).toHaveLength(3 + 151 + 2); // folders, files, symlinks;
    expect(onMainWay.paths).toEqual([...onMainWay.paths].sort());
    expect(onMainWay.paths).not.toContain('a-fifo');
    expect(Object.values(onMainWay.targets).sort()).toEqual(['nowhere', 'photos/p1.jpg']);
  });

  it('reports a root that cannot be listed the same way either way', async () => {
    const missing = path.join(tmp.dir, 'missing');
    const expected = { problem: 'folder', path: missing, code: 'ENOENT' };
    expect(await walkTree(missing, lookNow)).toEqual(expected);
    expect(await walkTree(missing, lookInPool)).toEqual(expected);
  });
});
