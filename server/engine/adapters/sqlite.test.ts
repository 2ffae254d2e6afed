// SQLite capture: consistent while the application keeps writing, read-only, and clear when it cannot read.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../../store/local-store.ts';
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import { captureSnapshot } from '../capture.ts';
import { restoreSnapshot } from '../restore.ts';
import { makeTempDir, nodeBin, readDatabase } from '../testing/fixtures.ts';
import type { EnvironmentSpec } from '../types.ts';

let tmp: { dir: string; cleanup: () => Promise<void> };
let store: SnapshotStore;

beforeEach(async () => {
  tmp = await makeTempDir('sqlite');
  store = createLocalStore(path.join(tmp.dir, 'store'));
});
afterEach(() => tmp.cleanup());

const envWith = (dbFile: string, name = 'production'): EnvironmentSpec => ({
  site: 'acme-store',
  name,
  services: [{ name: 'db', type: 'sqlite', selector: 'db', path: dbFile }],
});
const capture = (env: EnvironmentSpec, snapshotId = 'snap_A') =>
  captureSnapshot({ snapshotId, createdAt: '', env, store, workDir: path.join(tmp.dir, 'work') });
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function createShop(file: string): void {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT, payload BLOB);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
    INSERT INTO orders (note, payload) SELECT 'order ' || i, randomblob(500) FROM n;`);
  db.close();
}

describe('capturing a SQLite database', () => {
  it('is consistent while another process keeps writing', async () => {
    const file = path.join(tmp.dir, 'shop.db');
    createShop(file);
    const code = `const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(process.argv[1], { timeout: 10000 });
      process.stdout.write('ready\\n');
      setInterval(() => db.exec("INSERT INTO orders (note, payload) VALUES ('live', randomblob(300))"), 2);`;
    const writer = spawn(nodeBin, ['-e', code, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => writer.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { manifest } = await capture(envWith(file));
      writer.kill('SIGKILL');

      const target = envWith(path.join(tmp.dir, 'restored', 'shop.db'), 'staging');
      await restoreSnapshot({
        jobId: 'job_1',
        manifest,
        target,
        selectors: ['db'],
        store,
        journalDir: path.join(tmp.dir, 'journals'),
        beforeSwap: async () => {},
      });
      const restored = new DatabaseSync(target.services[0]!.path!, { readOnly: true });
      expect(restored.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      const { count, max } = restored
        .prepare('SELECT count(*) AS count, max(id) AS max FROM orders')
        .get() as {
        count: number;
        max: number;
      };
      restored.close();
      expect(count).toBe(max); // no torn rows: every id up to the last is there
      expect(count).toBeGreaterThan(5000);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('only reads: the database and its WAL are byte for byte the same afterwards', async () => {
    const file = path.join(tmp.dir, 'shop.db');
    createShop(file);
    const db = new DatabaseSync(file);
    db.exec("PRAGMA wal_autocheckpoint = 0; INSERT INTO orders (note) VALUES ('in the wal');");
    const before = [sha256(file), sha256(`${file}-wal`)];
    const { manifest } = await capture(envWith(file));
    expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
    db.close();
    expect(manifest.services[0]!.dump!.size).toBeGreaterThan(0);
    expect(readDatabase(file).orders).toHaveLength(5001);
  });

  it.each([
    ['missing', (dir: string) => path.join(dir, 'missing.db'), /missing\.db does not exist/],
    [
      'not a database',
      (dir: string) => {
        writeFileSync(path.join(dir, 'notes.db'), 'just some text, not a database at all '.repeat(50));
        return path.join(dir, 'notes.db');
      },
      /notes\.db cannot be opened/,
    ],
    [
      'a folder',
      (dir: string) => {
        mkdirSync(path.join(dir, 'folder.db'));
        return path.join(dir, 'folder.db');
      },
      /folder\.db is not a file/,
    ],
  ])('fails with service_unreadable when the database is %s', async (_case, make, message) => {
    const error = (await capture(envWith(make(tmp.dir))).catch((e: unknown) => e)) as Error & {
      code: string;
    };
    expect(error.code).toBe('service_unreadable');
    expect(error.message).toMatch(/^Service "db": /);
    expect(error.message).toMatch(message);
  });
});
