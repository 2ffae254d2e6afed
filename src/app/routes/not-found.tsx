import { Link, useLocation } from 'react-router';

export function NotFoundRoute() {
  const { pathname } = useLocation();
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg space-y-3 py-16 text-center">
      <p className="text-sm font-medium text-ink-muted">404</p>
      <h1 id="not-found-title" className="text-2xl font-semibold">
        Page not found
      </h1>
      <p className="text-ink-muted">
        Nothing lives at <code className="font-mono">{pathname}</code>. It may have been moved, or the link
        may be mistyped.
      </p>
      <Link to="/" className="inline-block rounded-md bg-accent px-4 py-2 font-medium text-accent-ink">
        Back to the overview
      </Link>
    </section>
  );
}
