import type { CSSProperties } from 'react';
import { Toaster as Sonner } from 'sonner';

// Toasts use the theme's colours (so they follow light/dark by the `dark` class) and are announced politely.
const style = {
  '--normal-bg': 'var(--color-surface)',
  '--normal-text': 'var(--color-ink)',
  '--normal-border': 'var(--color-border)',
} as CSSProperties;

// Sonner colours descriptions #3f3f3f whatever the background: unreadable on the dark theme's surface.
const toastOptions = { duration: 6000, classNames: { description: 'text-ink-muted!' } };

export function Toaster() {
  return <Sonner position="bottom-right" closeButton style={style} toastOptions={toastOptions} />;
}
