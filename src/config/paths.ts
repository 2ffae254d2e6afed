const enc = encodeURIComponent;

/** Every path of the dashboard, built in one place. */
export const paths = {
  overview: () => '/',
  login: (next?: string) => (next && next !== '/' ? `/login?next=${enc(next)}` : '/login'),
  environment: (site: string, env: string) => `/sites/${enc(site)}/environments/${enc(env)}`,
  /** A snapshot's row in its environment's history, scrolled to and highlighted. */
  snapshotInHistory: (site: string, env: string, snap: string) =>
    `${paths.environment(site, env)}?snapshot=${enc(snap)}`,
  /** A restore point, linkable: the environment page with the restore dialog open. */
  restore: (site: string, env: string, snap: string) =>
    `${paths.environment(site, env)}/restore/${enc(snap)}`,
};

/** Only same-origin paths are followed after signing in (no `//evil.example` or `https://…`). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
