// Real environments for server tests: a SQLite database and an uploads tree in a temporary folder.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export async function makeEnvironment(
  dir: string,
  options: { rows?: number; seed?: string } = {},
): Promise<{ db: string; uploads: string }> {
  const db = path.join(dir, 'shop.db');
  const uploads = path.join(dir, 'uploads');
  await mkdir(path.join(uploads, 'products', 'tea pot'), { recursive: true });
  await mkdir(path.join(uploads, 'documents', 'invoices'), { recursive: true });
  await mkdir(path.join(uploads, 'empty'), { recursive: true });
  const database = new DatabaseSync(db);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec(
    'CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL)',
  );
  const insert = database.prepare('INSERT INTO products (name, price_cents) VALUES (?, ?)');
  for (let i = 0; i < (options.rows ?? 200); i++) insert.run(`${options.seed ?? 'product'} ${i}`, 100 + i);
  database.close();
  await writeFile(path.join(uploads, 'products', 'tea pot', 'main.png'), randomBytes(256 * 1024));
  await writeFile(path.join(uploads, 'products', 'cup.png'), randomBytes(64 * 1024));
  await writeFile(
    path.join(uploads, 'documents', 'invoices', 'INV-0001 é.pdf'),
    `%PDF-1.4 ${options.seed ?? ''}\n`,
  );
  await writeFile(path.join(uploads, 'documents', 'terms.md'), '# Terms\n\nBe kind.\n');
  return { db, uploads };
}

export function readRows(db: string): Array<{ id: number; name: string; price_cents: number }> {
  const database = new DatabaseSync(db, { readOnly: true });
  try {
    return database.prepare('SELECT id, name, price_cents FROM products ORDER BY id').all() as Array<{
      id: number;
      name: string;
      price_cents: number;
    }>;
  } finally {
    database.close();
  }
}

export function changeRows(db: string): void {
  const database = new DatabaseSync(db);
  database.exec(
    "UPDATE products SET price_cents = 1 WHERE id <= 10; DELETE FROM products WHERE id > 150; INSERT INTO products (name, price_cents) VALUES ('new', 5)",
  );
  database.close();
}

/** Every path of a tree with its type, mode and content hash: equal digests mean byte-identical trees. */
export async function treeDigest(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string, rel: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const full = path.join(dir, name);
      const key = rel ? `${rel}/${name}` : name;
      const stat = await lstat(full);
      if (stat.isDirectory()) {
        out[key] = `dir ${stat.mode & 0o777}`;
        await walk(full, key);
      } else if (stat.isSymbolicLink()) out[key] = `link ${await readlink(full)}`;
      else
        out[key] = `file ${stat.mode & 0o777} ${createHash('sha256')
          .update(await readFile(full))
          .digest('hex')}`;
    }
  }
  await walk(root, '');
  return out;
}
