// The documents in the demo's uploads: shop policies (Markdown), exports (CSV) and invoices (PDF).
import type { Order, Shop } from './demo-shop.ts';
import { renderTextPdf } from './pdf.ts';

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

export function priceListCsv(shop: Shop): string {
  const rows = shop.products.map((p) => [
    p.sku,
    p.name,
    p.category,
    (p.priceCents / 100).toFixed(2),
    p.stock,
  ]);
  return csv([['sku', 'name', 'category', 'price_usd', 'stock'], ...rows]);
}

export function monthlySalesCsv(shop: Shop): string {
  const months = new Map<string, { orders: number; cents: number }>();
  for (const order of shop.orders) {
    if (order.status === 'cancelled') continue;
    const month = order.createdAt.slice(0, 7);
    const total = months.get(month) ?? { orders: 0, cents: 0 };
    total.orders++;
    total.cents += order.status === 'refunded' ? 0 : order.totalCents;
    months.set(month, total);
  }
  const rows = [...months].map(([month, total]) => [month, total.orders, (total.cents / 100).toFixed(2)]);
  return csv([['month', 'orders', 'revenue_usd'], ...rows]);
}

export function invoicePdf(shop: Shop, order: Order): Buffer {
  const customer = shop.customers[order.customerId - 1]!;
  const date = order.createdAt.slice(0, 10);
  const lines = [
    'Acme Store',
    '1 Market Street, Springfield',
    '',
    `INVOICE ${order.number}`,
    `Date: ${date}`,
    `Status: ${order.status}`,
    '',
    'Bill to:',
    `  ${customer.name}`,
    `  ${customer.email}`,
    `  Country: ${customer.country}`,
    '',
    'Qty  Item                                          Unit price     Amount',
  ];
  for (const item of order.items) {
    const product = shop.products[item.productId - 1]!;
    const name = `${product.name} (${product.sku})`.padEnd(44).slice(0, 44);
    const unit = money(item.unitPriceCents).padStart(10);
    const amount = money(item.quantity * item.unitPriceCents).padStart(10);
    lines.push(`${String(item.quantity).padStart(3)}  ${name}  ${unit}  ${amount}`);
  }
  lines.push('', `Total: ${money(order.totalCents)}`, '', 'Thank you for shopping with Acme Store.');
  return renderTextPdf(`Acme Store invoice ${order.number}`, lines, date);
}

export const termsMarkdown = `# Terms of sale

These terms apply to every order placed at the Acme Store.

## Orders
An order is accepted when we send the shipping confirmation. Until then we may cancel it, for example
when an item turns out to be out of stock; you are refunded in full.

## Prices
Prices are in US dollars and include VAT where it applies. Shipping is shown at checkout.

## Returns
You may return any unused item within 30 days of delivery. See [shipping and returns](shipping-and-returns.md).

## Contact
Write to support@acme-store.example; we answer within two working days.
`;

/** Staging carries the next version of the terms, still being reviewed. */
export const draftTermsMarkdown = termsMarkdown.replace(
  '## Contact',
  `## Gift cards (draft, not yet live)
Gift cards are valid for 24 months and can be used for any order. They cannot be exchanged for cash.

## Contact`,
);

export const shippingMarkdown = `# Shipping and returns

| Destination | Standard (5-8 days) | Express (1-3 days) |
|---|---|---|
| United States | $4.90, free over $60 | $14.90 |
| Canada | $9.90 | $24.90 |
| Europe | $11.90 | $29.90 |
| Rest of the world | $19.90 | $39.90 |

Returns are free within the United States. Print the label from your order page and drop the parcel at
any post office. Refunds reach your card 3-5 days after we receive the parcel.
`;

export const checkoutNotesMarkdown = `# Checkout redesign (preview)

This preview environment runs the \`checkout-v2\` branch.

- One-page checkout with the address and payment form side by side
- Express checkout buttons above the form
- Test orders are placed by the QA tester accounts (qa+N@acme-store.test); use card 4242 4242 4242 4242

Known issues: the gift card field is hidden on small screens.
`;
