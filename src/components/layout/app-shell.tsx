import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { MenuIcon } from '@/components/ui/icons';
import { LoadingBlock } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { ConnectionBanner } from './connection-banner';
import { ThemeToggle } from './theme-toggle';

interface AppShellProps {
  /** The sidebar's navigation; `close` hides it again on narrow screens after a choice. */
  nav: (close: () => void) => ReactNode;
  /** Header items before the theme switch: running jobs, the account. */
  status?: ReactNode;
  account?: ReactNode;
}

export function AppShell({ nav, status, account }: AppShellProps) {
  const location = useLocation();
  // Open for one location only: going somewhere closes the narrow-screen navigation by itself.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const navOpen = openAt === location.key;
  const close = () => setOpenAt(null);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-surface/95 px-3 backdrop-blur sm:gap-3 sm:px-4">
        <button
          type="button"
          className="rounded-md p-2 text-ink-muted hover:bg-surface-muted md:hidden"
          aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
          aria-expanded={navOpen}
          aria-controls="sites-nav"
          onClick={() => setOpenAt(navOpen ? null : location.key)}
        >
          <MenuIcon className="size-5" />
        </button>
        <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" className="size-6" />
          Rewind
        </Link>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-2">
          {status}
          <ThemeToggle />
          {account}
        </div>
      </header>
      <div className="flex flex-1">
        <aside
          id="sites-nav"
          className={cn(
            'w-64 shrink-0 overflow-y-auto border-r border-border bg-surface p-4 md:sticky md:top-14 md:block md:h-[calc(100dvh-3.5rem)]',
            navOpen ? 'fixed inset-y-14 left-0 z-20 block shadow-xl' : 'hidden',
          )}
        >
          {nav(close)}
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none sm:p-6 lg:p-8">
          {/* Below the sticky header; the page scrolls under it as it does under the header. */}
          <ConnectionBanner className="sticky top-16 z-10 mx-auto mb-4 max-w-6xl" />
          <Suspense fallback={<LoadingBlock label="Loading page…" lines={5} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
