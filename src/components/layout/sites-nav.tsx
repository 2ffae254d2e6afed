import { NavLink } from 'react-router';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';

export interface SiteNavGroup {
  slug: string;
  name: string;
  environments: Array<{ name: string; type: string }>;
  loading: boolean;
}

interface SitesNavProps {
  groups: SiteNavGroup[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  onNavigate?: () => void;
}

/** The sidebar: sites and their environments; the current environment is marked for screen readers too. */
export function SitesNav({ groups, loading, error, onRetry, onNavigate }: SitesNavProps) {
  return (
    <nav aria-label="Sites and environments" className="space-y-5 text-sm">
      <h2 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Sites</h2>
      {loading ? (
        <div role="status" className="space-y-2">
          <span className="sr-only">Loading sites…</span>
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-7 w-full" />
          <Skeleton className="h-7 w-full" />
        </div>
      ) : error ? (
        <div role="alert" className="space-y-2">
          <p className="text-ink-muted">The sites could not be loaded.</p>
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : groups.length === 0 ? (
        <p className="text-ink-muted">No sites yet.</p>
      ) : (
        groups.map((group) => (
          <section key={group.slug} aria-label={group.name} className="space-y-1">
            <h3 className="truncate px-2 font-medium">{group.name}</h3>
            {group.loading ? (
              <Skeleton className="mx-2 h-6" />
            ) : (
              <ul className="space-y-0.5">
                {group.environments.map((env) => (
                  <li key={env.name}>
                    <NavLink
                      to={paths.environment(group.slug, env.name)}
                      onClick={onNavigate}
                      className={({ isActive }) =>
                        cn(
                          'flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-ink-muted hover:bg-surface-muted hover:text-ink',
                          isActive && 'bg-surface-muted font-medium text-ink',
                        )
                      }
                    >
                      <span className="truncate">{env.name}</span>
                      {env.type === 'production' && (
                        <>
                          {' '}
                          <span className="sr-only">(production)</span>
                          <span
                            aria-hidden="true"
                            className="rounded border border-danger/40 px-1 text-[10px] font-semibold tracking-wide text-danger uppercase"
                          >
                            prod
                          </span>
                        </>
                      )}
                    </NavLink>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </nav>
  );
}
