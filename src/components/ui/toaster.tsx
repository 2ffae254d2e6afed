import { useSyncExternalStore, type CSSProperties } from 'react';
import { Toaster as Sonner } from 'sonner';

// Toasts use the theme's colours (so they follow light/dark by the `dark` class) and are announced politely.
const style = {
  '--normal-bg': 'var(--color-surface)',
  '--normal-text': 'var(--color-ink)',
  '--normal-border': 'var(--color-border)',
} as CSSProperties;

// From md up the sidebar is shown: toasts stack inside its bottom corner (its 16rem, less the offsets), so they
// never cover the history's row actions, wherever a layout puts them. Narrower, they span the bottom of the
// screen, two at most, and the page leaves room to scroll the last rows out from under them (index.css).
const sidebarToasts = { ...style, '--width': '15rem' } as CSSProperties;
const wideQuery = '(min-width: 48rem)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(wideQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const isWide = () => window.matchMedia(wideQuery).matches;

// Sonner colours descriptions #3f3f3f whatever the background: unreadable on the dark theme's surface.
// In a narrow toast the action button wraps under the text instead of squeezing it.
const toastOptions = {
  duration: 6000,
  classNames: { toast: 'flex-wrap', content: 'min-w-40', description: 'text-ink-muted!' },
};

export function Toaster() {
  const wide = useSyncExternalStore(subscribe, isWide, () => true);
  return (
    <Sonner
      position={wide ? 'bottom-left' : 'bottom-center'}
      offset={wide ? '0.5rem' : undefined}
      visibleToasts={wide ? 3 : 2}
      closeButton
      style={wide ? sidebarToasts : style}
      toastOptions={toastOptions}
    />
  );
}
