import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { toast } from 'sonner';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { rememberSession } from '@/lib/api-client';
import { connection } from '@/lib/connection';
import { resetDb } from './mocks/db';
import { listenStrictly, server, takeUnhandled } from './mocks/server';

// Pages load lazily: on a busy machine the first render of a file can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => listenStrictly());
afterEach(() => {
  cleanup();
  toast.dismiss();
  server.resetHandlers();
  resetDb();
  rememberSession(null);
  connection.reset();
  const unhandled = takeUnhandled();
  if (unhandled.length) throw new Error(`Requests without a handler:\n${unhandled.join('\n')}`);
});
afterAll(() => server.close());

// jsdom lacks what Radix and the layout use.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
// Scrolling an element to an offset (a virtualized list going to a row): move it and say so, as browsers do.
Element.prototype.scrollTo ??= function scrollTo(
  this: Element,
  options?: ScrollToOptions | number,
  y?: number,
) {
  const top = typeof options === 'number' ? y : options?.top;
  if (top !== undefined) this.scrollTop = top;
  this.dispatchEvent(new Event('scroll'));
} as Element['scrollTo'];
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.setPointerCapture ??= () => {};
globalThis.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => {},
  removeEventListener: () => {},
  addListener: () => {},
  removeListener: () => {},
  dispatchEvent: () => false,
})) as typeof globalThis.matchMedia;

// jsdom does no layout, so every element is 0 px tall and a virtualized list would show no rows. Scroll
// areas of virtualized lists get a 600 px viewport (what a laptop shows of the history).
const virtualScrollSlots = new Set(['snapshot-scroll', 'zone-list']);
export const virtualViewport = { height: 600, width: 800 };
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return virtualScrollSlots.has(this.dataset.slot ?? '')
      ? virtualViewport.height
      : (clientHeight?.get?.call(this) ?? 0);
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return virtualScrollSlots.has(this.dataset.slot ?? '')
      ? virtualViewport.width
      : (clientWidth?.get?.call(this) ?? 0);
  },
});
// Their content is as tall as the list inside says (its height is set inline), so they can scroll to a row.
const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    const content = this.firstElementChild as HTMLElement | null;
    return this.dataset.slot === 'snapshot-scroll'
      ? Number.parseFloat(content?.style.height ?? '') || 0
      : (scrollHeight?.get?.call(this) ?? 0);
  },
});
