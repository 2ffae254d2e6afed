// The demo shop's rows, generated in memory from fixed seeds so every run and machine gets the same data.
// Both the database (demo-db.ts) and the uploads (invoices, price list) are written from it.
import {
  careNotes,
  colours,
  countries,
  emailDomains,
  firstNames,
  itemKinds,
  lastNames,
  qualities,
} from './demo-words.ts';
import { Random, seedOf } from './prng.ts';

export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  stock: number;
}

export interface Customer {
  id: number;
  name: string;
  email: string;
  country: string;
  createdAt: string;
}

export interface OrderItem {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: number;
  number: string;
  customerId: number;
  status: 'pending' | 'paid' | 'shipped' | 'delivered' | 'refunded' | 'cancelled';
  createdAt: string;
  items: OrderItem[];
  totalCents: number;
}

export interface Shop {
  products: Product[];
  customers: Customer[];
  orders: Order[];
}

// The shop's history runs from the start of 2025 to mid-2026; fixed, not "now", to stay reproducible.
const historyStart = Date.UTC(2025, 0, 1);
const historyEnd = Date.UTC(2026, 5, 30);
const day = 86_400_000;

const isoAt = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

// Each table draws from its own stream, so the first N products of a small shop are the same as
// the first N of a big one: the preview environment shares its catalogue with production.
function makeProducts(count: number): Product[] {
  const random = new Random(seedOf('acme-store/products'));
  const used = new Set<string>();
  const products: Product[] = [];
  for (let id = 1; id <= count; id++) {
    const kind = random.pick(itemKinds);
    const material = random.pick(kind.materials);
    // A material and kind already on sale comes back in another colourway, as shops do.
    let name = `${material} ${kind.name}`;
    for (let n = 0; used.has(name); n++) {
      const round = Math.floor(n / colours.length);
      name = `${material} ${kind.name}, ${colours[n % colours.length]}${round > 0 ? ` ${round + 1}` : ''}`;
    }
    used.add(name);
    const dollars = random.int(kind.min, kind.max);
    products.push({
      id,
      sku: `ACME-${1000 + id}`,
      name,
      description: `${/^[AEIOU]/.test(material) ? 'An' : 'A'} ${material.toLowerCase()} ${kind.name.toLowerCase()} ${random.pick(qualities)}. ${random.pick(careNotes[kind.category]!)}`,
      category: kind.category,
      priceCents: dollars * 100 - (random.chance(0.7) ? 1 : 0),
      stock: random.chance(0.08) ? 0 : random.int(1, 250),
    });
  }
  return products;
}

function makeCustomers(count: number): Customer[] {
  const random = new Random(seedOf('acme-store/customers'));
  const customers: Customer[] = [];
  const emails = new Set<string>();
  // Sign-ups are spread evenly over the first 90% of the history, in id order.
  const span = (historyEnd - historyStart) * 0.9;
  for (let id = 1; id <= count; id++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${local}@${random.pick(emailDomains)}`;
    if (emails.has(email)) email = email.replace('@', `${id}@`);
    emails.add(email);
    const createdAt = historyStart + (span * (id - 1)) / count + random.int(0, day - 1);
    customers.push({
      id,
      name: `${first} ${last}`,
      email,
      country: random.pick(countries),
      createdAt: isoAt(createdAt),
    });
  }
  return customers;
}

/** How many of the ascending `values` are <= `limit` (a binary search). */
function countUpTo(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

function statusFor(random: Random, ageDays: number): Order['status'] {
  if (ageDays < 2) return random.chance(0.5) ? 'pending' : 'paid';
  if (ageDays < 7) return random.chance(0.6) ? 'shipped' : 'paid';
  const roll = random.next();
  return roll < 0.04 ? 'refunded' : roll < 0.07 ? 'cancelled' : 'delivered';
}

function makeOrders(count: number, customers: Customer[], products: Product[]): Order[] {
  const random = new Random(seedOf('acme-store/orders'));
  const orders: Order[] = [];
  const span = historyEnd - historyStart;
  const signups = customers.map((customer) => Date.parse(customer.createdAt));
  for (let id = 1; id <= count; id++) {
    // Orders grow denser over time (a growing shop), and each is placed by an existing customer.
    const placed = historyStart + span * Math.sqrt((id - 0.5) / count) + random.int(0, day / 4);
    const signedUp = countUpTo(signups, placed);
    const customerId = random.int(1, Math.max(1, signedUp));
    const lines = new Map<number, OrderItem>();
    const lineCount = random.chance(0.5) ? 1 : random.int(2, 5);
    for (let line = 0; line < lineCount; line++) {
      const product = random.pick(products);
      const existing = lines.get(product.id);
      if (existing) existing.quantity++;
      else
        lines.set(product.id, {
          productId: product.id,
          quantity: random.chance(0.8) ? 1 : 2,
          unitPriceCents: product.priceCents,
        });
    }
    const items = [...lines.values()];
    orders.push({
      id,
      number: `A${100000 + id}`,
      customerId,
      status: statusFor(random, (historyEnd - placed) / day),
      createdAt: isoAt(placed),
      items,
      totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    });
  }
  return orders;
}

function makeShop(productCount: number, customerCount: number, orderCount: number): Shop {
  const products = makeProducts(productCount);
  const customers = makeCustomers(customerCount);
  return { products, customers, orders: makeOrders(orderCount, customers, products) };
}

/** Testers and their orders, as a non-production environment gains them. */
function addTestOrders(
  shop: Shop,
  testers: number,
  orders: number,
  productIds: number[],
  placedAt: string,
): void {
  const random = new Random(seedOf(`acme-store/test-orders/${placedAt}`));
  const firstTester = shop.customers.length + 1;
  for (let n = 1; n <= testers; n++) {
    shop.customers.push({
      id: shop.customers.length + 1,
      name: `QA Tester ${n}`,
      email: `qa+${n}@acme-store.test`,
      country: 'US',
      createdAt: placedAt,
    });
  }
  for (let n = 0; n < orders; n++) {
    const id = shop.orders.length + 1;
    const product = shop.products[random.pick(productIds) - 1]!;
    const quantity = random.int(1, 3);
    const item = { productId: product.id, quantity, unitPriceCents: product.priceCents };
    shop.orders.push({
      id,
      number: `A${100000 + id}`,
      customerId: firstTester + (n % testers),
      status: random.chance(0.6) ? 'pending' : 'paid',
      createdAt: isoAt(Date.parse(placedAt) + n * 3_600_000),
      items: [item],
      totalCents: quantity * item.unitPriceCents,
    });
  }
}

/**
 * The shop as each demo environment holds it. Staging is production plus what a team tries out there
 * (a sale, a test product, test orders); the preview is a smaller shop with checkout test orders.
 */
export function demoShop(environment: string): Shop {
  if (environment === 'preview-checkout') {
    const shop = makeShop(120, 200, 300);
    addTestOrders(shop, 3, 12, [1, 2, 3, 4, 5, 6], '2026-06-28T09:00:00.000Z');
    return shop;
  }
  const shop = makeShop(240, 600, 1500);
  if (environment !== 'staging') return shop;
  for (const id of [3, 17, 42, 88]) {
    const product = shop.products[id - 1]!;
    product.priceCents = Math.round((product.priceCents * 0.85) / 100) * 100 - 1;
  }
  shop.products[4]!.stock = 0;
  shop.products.push({
    id: shop.products.length + 1,
    sku: 'ACME-9001',
    name: 'QA Test Product (staging only)',
    description: 'Not for sale. Used to test the checkout on staging.',
    category: 'Testing',
    priceCents: 100,
    stock: 999,
  });
  shop.orders[1199]!.status = 'refunded';
  addTestOrders(shop, 5, 25, [1, 2, 3, 17, shop.products.length], '2026-06-20T10:00:00.000Z');
  return shop;
}
