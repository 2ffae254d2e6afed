// The demo's uploads folder: product photos, banners and documents, laid out like a real shop's media.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderBanner, renderProductPhoto } from './demo-images.ts';
import {
  checkoutNotesMarkdown,
  draftTermsMarkdown,
  invoicePdf,
  monthlySalesCsv,
  priceListCsv,
  shippingMarkdown,
  termsMarkdown,
} from './demo-documents.ts';
import type { Shop } from './demo-shop.ts';
import { encodePng } from './png.ts';
import { seedOf } from './prng.ts';

/**
 * Encoded images by name. The environments share most pictures, so each is drawn and compressed once
 * per seeding run; the promise is stored so the compression of one overlaps the drawing of the next.
 */
export class ImageCache {
  images = new Map<string, Promise<Buffer>>();

  get(name: string, kind: 'photo' | 'banner', width: number, height: number): Promise<Buffer> {
    let image = this.images.get(name);
    if (!image) {
      const render = kind === 'photo' ? renderProductPhoto : renderBanner;
      image = encodePng(width, height, render(seedOf(name), width, height));
      this.images.set(name, image);
    }
    return image;
  }
}

export type UploadContent = Promise<Buffer> | Buffer | string;

/** What the uploads folder of `environment` holds: relative POSIX path → content. */
export function planUploads(environment: string, shop: Shop, images: ImageCache): Map<string, UploadContent> {
  const preview = environment === 'preview-checkout';
  const staging = environment === 'staging';
  const files = new Map<string, UploadContent>();
  const photographed = shop.products.slice(0, preview ? 6 : 14);
  // Staging also shows the product only it has (the last one, ACME-9001).
  if (staging) photographed.push(shop.products.at(-1)!);
  for (const [index, product] of photographed.entries()) {
    // Staging has a re-shot photo of one product, not yet published to production.
    const name =
      staging && product.sku === 'ACME-1002' ? `${product.sku}/main@reshoot` : `${product.sku}/main`;
    files.set(`products/${product.sku}/main.png`, images.get(name, 'photo', 640, 480));
    if (index < (preview ? 1 : 5)) {
      for (const n of [1, 2]) {
        files.set(
          `products/${product.sku}/gallery/${n}.png`,
          images.get(`${product.sku}/gallery/${n}`, 'photo', 480, 360),
        );
      }
    }
  }
  files.set('banners/home-hero.png', images.get('banners/home-hero', 'banner', 1280, 400));
  if (!preview) files.set('banners/spring-sale.png', images.get('banners/spring-sale', 'banner', 1280, 400));
  if (staging)
    files.set('banners/summer-sale-draft.png', images.get('banners/summer-sale-draft', 'banner', 1280, 400));

  files.set('documents/terms.md', staging ? draftTermsMarkdown : termsMarkdown);
  files.set('documents/shipping-and-returns.md', shippingMarkdown);
  if (preview) files.set('documents/checkout-notes.md', checkoutNotesMarkdown);
  files.set('documents/price-list.csv', priceListCsv(shop));
  files.set('documents/reports/monthly-sales.csv', monthlySalesCsv(shop));
  for (const order of shop.orders) {
    if (order.id % 50 !== 0) continue;
    files.set(
      `documents/invoices/${order.createdAt.slice(0, 4)}/INV-${order.number}.pdf`,
      invoicePdf(shop, order),
    );
  }
  return files;
}

/** Writes the planned files under `root`, which must not exist yet. */
export async function writeUploads(root: string, files: Map<string, UploadContent>): Promise<void> {
  const folders = new Set<string>();
  for (const [relative, content] of files) {
    const file = path.join(root, ...relative.split('/'));
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await writeFile(file, await content);
  }
}
