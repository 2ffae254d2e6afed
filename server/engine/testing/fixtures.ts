// Real environments for engine tests: a SQLite shop database in WAL mode and an uploads tree with the awkward
// cases (binary content, empty folder and file, symlinks, spaces and non-ASCII names, modes), plus independent
// fingerprints of both so a restore can be compared with what was captured.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EnvironmentSpec } from '../types.ts';

export const nodeBin = path.resolve(import.meta.dirname, '../../../node_modules/.bin/node');

export async function makeTempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `rewind-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function environmentSpec(root: string, name = 'production'): EnvironmentSpec {
  return {
    site: 'acme-store',
    name,
    services: [
      { name: 'db', type: 'sqlite', selector: 'db', path: path.join(root, name, 'shop.db') },
      { name: 'uploads', type: 'files', selector: 'files', path: path.join(root, name, 'uploads') },
    ],
  };
}

export const dbPath = (env: EnvironmentSpec) => env.services.find((s) => s.type === 'sqlite')!.path!;
export const uploadsPath = (env: EnvironmentSpec) => env.services.find((s) => s.type === 'files')!.path!;

/**
 * Creates the shop database and uploads. Returns the database connection still open with automatic checkpoints
 * off, so the last rows live only in the -wal until the caller closes it.
 */
export function createEnvironment(env: EnvironmentSpec): DatabaseSync {
  const uploads = uploadsPath(env);
  mkdirSync(path.join(uploads, 'products', 'photos'), { recursive: true });
  mkdirSync(path.join(uploads, 'empty folder'));
  mkdirSync(path.join(uploads, 'ünïcödé 文件夹'));
  writeFileSync(path.join(uploads, 'products', 'photos', 'mug.bin'), randomBytes(300_000));
  writeFileSync(path.join(uploads, 'products', 'photos', 'mug copy.bin'), randomBytes(2_000));
  writeFileSync(path.join(uploads, 'products', 'catalog.csv'), 'sku,name\nMUG-1,Mug\nTEE-2,T-shirt\n');
  writeFileSync(path.join(uploads, 'ünïcödé 文件夹', 'emoji 🎉 notes.txt'), 'party\n');
  writeFileSync(path.join(uploads, 'empty.txt'), '');
  writeFileSync(path.join(uploads, 'run me.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  writeFileSync(path.join(uploads, 'private.key'), randomBytes(64), { mode: 0o600 });
  symlinkSync('products/photos/mug.bin', path.join(uploads, 'latest-photo'));
  symlinkSync('/nonexistent/elsewhere', path.join(uploads, 'dangling link'));

  const db = new DatabaseSync(dbPath(env));
  db.exec(`
    PRAGMA journal_mode = WAL;
    CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, name TEXT NOT NULL, price_cents INTEGER);
    CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, photo BLOB);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total_cents INTEGER);
    INSERT INTO products (sku, name, price_cents) VALUES ('MUG-1', 'Mug', 1200), ('TEE-2', 'T-shirt', 2500);
    INSERT INTO customers (email, photo) VALUES ('ada@example.com', randomblob(5000)), ('bob@example.com', NULL);
    PRAGMA wal_checkpoint(TRUNCATE);
    PRAGMA wal_autocheckpoint = 0;
  `);
  const insert = db.prepare('INSERT INTO orders (customer_id, total_cents) VALUES (?, ?)');
  for (let i = 0; i < 200; i++) insert.run(1 + (i % 2), 100 * i);
  return db;
}

/**
 * Changes the environment the way a day of use would, leaving the database as an application killed mid-run
 * leaves it: committed changes only in a hot -wal (which a restore must not replay into the restored database).
 */
export function changeEnvironment(env: EnvironmentSpec): void {
  const uploads = uploadsPath(env);
  writeFileSync(path.join(uploads, 'products', 'catalog.csv'), 'sku,name\nMUG-1,Big mug\n');
  writeFileSync(path.join(uploads, 'products', 'new upload.bin'), randomBytes(10_000));
  rmSync(path.join(uploads, 'products', 'photos', 'mug copy.bin'));
  mkdirSync(path.join(uploads, 'added folder'));
  writeFileSync(path.join(uploads, 'added folder', 'x.txt'), 'x');
  chmodSync(path.join(uploads, 'private.key'), 0o644);
  const code = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec("PRAGMA wal_autocheckpoint = 0; UPDATE products SET price_cents = 999 WHERE sku = 'MUG-1';" +
      "DELETE FROM orders WHERE id % 3 = 0; INSERT INTO customers (email) VALUES ('eve@example.com');");
    process.kill(process.pid, 'SIGKILL');`;
  const result = spawnSync(nodeBin, ['-e', code, dbPath(env)]);
  if (result.signal !== 'SIGKILL') throw new Error(`the crashing writer did not crash: ${result.stderr}`);
}

export interface TreeFingerprint {
  /** path → "type mode size sha256" or "symlink → target" */
  entries: Record<string, string>;
  mtimes: Record<string, number>;
}

/** Walks a tree independently of the engine. */
export function fingerprintTree(root: string): TreeFingerprint | null {
  const entries: Record<string, string> = {};
  const mtimes: Record<string, number> = {};
  try {
    lstatSync(root);
  } catch {
    return null;
  }
  const visit = (relative: string) => {
    for (const name of readdirSync(path.join(root, relative)).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      const abs = path.join(root, rel);
      const info = lstatSync(abs);
      const mode = (info.mode & 0o7777).toString(8);
      if (info.isSymbolicLink()) entries[rel] = `symlink → ${readlinkSync(abs)}`;
      else if (info.isDirectory()) {
        entries[rel] = `dir ${mode}`;
        visit(rel);
      } else {
        const sha = createHash('sha256').update(readFileSync(abs)).digest('hex');
        entries[rel] = `file ${mode} ${info.size} ${sha}`;
        mtimes[rel] = info.mtimeMs;
      }
    }
  };
  visit('');
  return { entries, mtimes };
}

/** Every row of every table, in rowid order. */
export function readDatabase(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => String(row.name));
    return Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

export interface EnvironmentState {
  tree: TreeFingerprint | null;
  db: Record<string, unknown[]> | null;
}

export function environmentState(env: EnvironmentSpec): EnvironmentState {
  let db: Record<string, unknown[]> | null;
  try {
    lstatSync(dbPath(env));
    db = readDatabase(dbPath(env));
  } catch {
    db = null;
  }
  return { tree: fingerprintTree(uploadsPath(env)), db };
}

/** Paths the engine leaves beside live data while a restore is in progress. */
export function leftovers(env: EnvironmentSpec): string[] {
  const dir = path.dirname(dbPath(env));
  return readdirSync(dir).filter((name) => name.includes('.rewind-'));
}
