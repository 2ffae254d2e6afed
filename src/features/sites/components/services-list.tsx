import type { Service, ServiceType } from '@contract/schemas';
import { formatBytes } from '@/lib/format';

const kinds: Record<ServiceType, string> = {
  sqlite: 'SQLite database',
  postgres: 'PostgreSQL database',
  mysql: 'MariaDB / MySQL database',
  redis: 'Redis',
  files: 'File mount',
};

/** What a snapshot of this environment captures, with each service's current size. */
export function ServicesList({ services }: { services: Service[] }) {
  return (
    <section aria-labelledby="services-title" className="space-y-3">
      <h2 id="services-title" className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
        Services
      </h2>
      {services.length === 0 ? (
        <p className="text-sm text-ink-muted">This environment has no services to capture.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {services.map((service) => (
            <li
              key={service.name}
              className="flex items-center justify-between gap-3 rounded-lg border border-border bg-surface px-4 py-3"
            >
              <div className="min-w-0">
                <p className="truncate font-medium">{service.name}</p>
                <p className="text-xs text-ink-muted">{kinds[service.type]}</p>
              </div>
              <p className="shrink-0 text-sm tabular-nums">
                <span className="sr-only">Current size: </span>
                {service.size_bytes === null ? 'Size unknown' : formatBytes(service.size_bytes)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
