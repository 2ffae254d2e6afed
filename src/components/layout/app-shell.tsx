import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { cn } from '@/lib/cn';
import { ThemeToggle } from './theme-toggle';
import { SitesNav } from './sites-nav';

export function AppShell() {
  const [navOpen, setNavOpen] = useState(false);
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-border bg-surface/95 px-4 backdrop-blur">
        <button
          type="button"
          className="rounded-md p-2 text-ink-muted hover:bg-surface-muted md:hidden"
          aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
          aria-expanded={navOpen}
          aria-controls="sites-nav"
          onClick={() => setNavOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
        </button>
        <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" className="size-6" />
          Rewind
        </Link>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
        </div>
      </header>
      <div className="flex flex-1">
        <aside
          id="sites-nav"
          className={cn(
            'w-64 shrink-0 border-r border-border bg-surface p-4 md:block',
            navOpen ? 'fixed inset-y-14 left-0 z-20 block' : 'hidden',
          )}
        >
          <SitesNav />
        </aside>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
