// The corpus's shop database: SQLite in WAL mode with customers, products, orders, events and product images
// (small incompressible blobs), filled batch by batch until it reaches its target size.
import { DatabaseSync } from 'node:sqlite';
import { Random, seedOf } from '../server/config/prng.ts';
import { isoDate, words } from './corpus-text.ts';
import { keystream } from './random-bytes.ts';

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = OFF;
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    address TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
    price_cents INTEGER NOT NULL);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
    status TEXT NOT NULL, total_cents INTEGER NOT NULL, items_json TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX orders_by_customer ON orders (customer_id);
  CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, at TEXT NOT NULL);
  CREATE TABLE product_images (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, image BLOB NOT NULL);
`;

const KINDS = ['page_view', 'add_to_cart', 'checkout', 'login', 'search', 'review'];

export function createShopDatabase(file: string, targetBytes: number, seed: string): void {
  const random = new Random(seedOf(`${seed}:db`));
  const blobBytes = keystream(`${seed}:db-images`);
  const db = new DatabaseSync(file);
  db.exec(SCHEMA);
  const customer = db.prepare('INSERT INTO customers (email, name, address, created_at) VALUES (?, ?, ?, ?)');
  const product = db.prepare(
    'INSERT INTO products (sku, name, description, price_cents) VALUES (?, ?, ?, ?)',
  );
  const order = db.prepare(
    'INSERT INTO orders (customer_id, status, total_cents, items_json, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const event = db.prepare('INSERT INTO events (kind, payload, at) VALUES (?, ?, ?)');
  const image = db.prepare('INSERT INTO product_images (product_id, image) VALUES (?, ?)');
  const size = () => {
    const row = db
      .prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size')
      .get();
    return Number(row?.bytes ?? 0);
  };

  let customers = 0;
  let products = 0;
  while (size() < targetBytes) {
    db.exec('BEGIN');
    for (let i = 0; i < 200; i++) {
      customers++;
      customer.run(`customer${customers}@example.com`, words(random, 2), words(random, 6), isoDate(random));
    }
    for (let i = 0; i < 50; i++) {
      products++;
      product.run(
        `SKU-${products}`,
        words(random, 3),
        words(random, random.int(20, 60)),
        random.int(100, 99_999),
      );
    }
    for (let i = 0; i < 1000; i++) {
      const items = Array.from({ length: random.int(1, 5) }, () => ({
        product_id: random.int(1, products),
        quantity: random.int(1, 4),
        price_cents: random.int(100, 9999),
      }));
      order.run(
        random.int(1, customers),
        'paid',
        random.int(100, 99_999),
        JSON.stringify(items),
        isoDate(random),
      );
    }
    for (let i = 0; i < 1500; i++) {
      const payload = JSON.stringify({
        customer: random.int(1, customers),
        query: words(random, random.int(2, 12)),
      });
      event.run(random.pick(KINDS), payload, isoDate(random));
    }
    for (let i = 0; i < 10; i++) image.run(random.int(1, products), blobBytes(random.int(4096, 20_480)));
    db.exec('COMMIT');
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}
