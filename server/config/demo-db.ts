// Writes the demo shop into a SQLite database, the way a small web shop would keep it.
import { DatabaseSync } from 'node:sqlite';
import type { Shop } from './demo-shop.ts';

const schema = `
  CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    stock INTEGER NOT NULL CHECK (stock >= 0)
  );
  CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'refunded', 'cancelled')),
    total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX orders_by_customer ON orders (customer_id);
  CREATE TABLE order_items (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL
  );
  CREATE INDEX order_items_by_order ON order_items (order_id);
  CREATE INDEX order_items_by_product ON order_items (product_id);
`;

/** Creates `file` (which must not exist yet) holding `shop`. */
export function writeShopDatabase(file: string, shop: Shop): void {
  const db = new DatabaseSync(file);
  try {
    // WAL is what live web apps use, so snapshots of the demo meet the same -wal/-shm files as real ones.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('BEGIN');
    db.exec(schema);
    const product = db.prepare(
      'INSERT INTO products (id, sku, name, description, category, price_cents, stock) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const p of shop.products)
      product.run(p.id, p.sku, p.name, p.description, p.category, p.priceCents, p.stock);
    const customer = db.prepare(
      'INSERT INTO customers (id, name, email, country, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const c of shop.customers) customer.run(c.id, c.name, c.email, c.country, c.createdAt);
    const order = db.prepare(
      'INSERT INTO orders (id, number, customer_id, status, total_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const item = db.prepare(
      'INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)',
    );
    for (const o of shop.orders) {
      order.run(o.id, o.number, o.customerId, o.status, o.totalCents, o.createdAt);
      for (const i of o.items) item.run(o.id, i.productId, i.quantity, i.unitPriceCents);
    }
    db.exec('PRAGMA user_version = 1');
    db.exec('COMMIT');
  } finally {
    // Closing the last connection checkpoints the WAL into the main file, so the file alone is complete.
    db.close();
  }
}
