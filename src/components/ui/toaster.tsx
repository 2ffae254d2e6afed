import type { CSSProperties } from 'react';
import { Toaster as Sonner } from 'sonner';

// Toasts use the theme's colours (so they follow light/dark by the `dark` class) and are announced politely.
const style = {
  '--normal-bg': 'var(--color-surface)',
  '--normal-text': 'var(--color-ink)',
  '--normal-border': 'var(--color-border)',
} as CSSProperties;

export function Toaster() {
  return <Sonner position="bottom-right" closeButton style={style} toastOptions={{ duration: 6000 }} />;
}
