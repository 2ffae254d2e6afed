// A database held under a write lock by its application: the capture waits for the lock without stalling the
// server (other work keeps running meanwhile), then captures the committed state.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLocalStore } from '../../store/local-store.ts';
import { captureSnapshot } from '../capture.ts';
import { makeTempDir, nodeBin } from '../testing/fixtures.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir('rewind-sqlite-lock-');
});
afterEach(() => temp.cleanup());

const holdWriteLock = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec("BEGIN EXCLUSIVE; INSERT INTO orders (note) VALUES ('written under the lock')");
console.log('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);
`;

it('waits for a write lock without blocking other work, and captures the committed rows', async () => {
  const file = path.join(temp.dir, 'env', 'shop.db');
  await mkdir(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO orders (note) VALUES ('first')",
  );
  db.close();

  const holder = spawn(nodeBin, ['-e', holdWriteLock, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(holder, 'exit');
  await once(holder.stdout, 'data');

  let ticks = 0;
  const timer = setInterval(() => ticks++, 50);
  const store = createLocalStore(path.join(temp.dir, 'store'));
  const result = await captureSnapshot({
    snapshotId: 'snap_lock',
    createdAt: new Date().toISOString(),
    env: {
      site: 's',
      name: 'production',
      services: [{ name: 'db', type: 'sqlite', selector: 'db', path: file }],
    },
    store,
    workDir: path.join(temp.dir, 'work'),
  }).finally(() => clearInterval(timer));
  await exited;

  // The lock was held for 1.5 s: a server stalled by it would have run no timer meanwhile.
  expect(ticks).toBeGreaterThanOrEqual(5);
  const copy = path.join(temp.dir, 'copy.db');
  await pipeline(store.openBlob(result.manifest.services[0]!.dump!.sha256), createWriteStream(copy));
  const captured = new DatabaseSync(copy, { readOnly: true });
  expect(
    captured
      .prepare('SELECT note FROM orders ORDER BY id')
      .all()
      .map((r) => r.note),
  ).toEqual(['first', 'written under the lock']);
  captured.close();
});
