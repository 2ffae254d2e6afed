import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations.ts';

/** Opens (creating when needed) the catalog database and brings its schema up to date. */
export function openCatalogDatabase(file: string): DatabaseSync {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const { user_version: current } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (current > migrations.length) {
    throw new Error(
      `The catalog was written by a newer Rewind (schema ${current}, this one knows ${migrations.length}). Upgrade Rewind.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    transaction(db, () => {
      db.exec(migrations[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

/** Runs fn in one write transaction (BEGIN IMMEDIATE), rolling back if it throws. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export type Row = Record<string, unknown>;

/** Builds `SET a = ?, b = ?` and its values from a patch, with column names checked against a whitelist. */
export function setClause(
  patch: Row,
  columns: readonly string[],
): { sql: string; values: Array<string | number | null> } {
  const parts: string[] = [];
  const values: Array<string | number | null> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!columns.includes(key)) throw new Error(`Unknown catalog column "${key}".`);
    parts.push(`${key} = ?`);
    values.push(value as string | number | null);
  }
  return { sql: parts.join(', '), values };
}

/** Inserts a row with its id and every column of the whitelist that `values` sets. */
export function insertRow(
  db: DatabaseSync,
  table: string,
  id: string,
  values: Row,
  columns: readonly string[],
): void {
  const names = columns.filter((c) => values[c] !== undefined);
  db.prepare(
    `INSERT INTO ${table} (id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`,
  ).run(id, ...names.map((c) => values[c] as string | number | null));
}
