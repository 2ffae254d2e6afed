// Adapters by service type. PostgreSQL, MariaDB/MySQL and Redis get adapters of the same shape when an issue
// asks for them (pg_dump, mysqldump --single-transaction, a completed BGSAVE); until then a snapshot of an
// environment that has one fails clearly instead of leaving that service out.
import { EngineError, type ServiceType } from '../types.ts';
import type { ServiceAdapter } from './adapter.ts';
import { filesAdapter } from './files.ts';
import { sqliteAdapter } from './sqlite.ts';

export type { ServiceAdapter } from './adapter.ts';

const adapters: Partial<Record<ServiceType, ServiceAdapter>> = {
  sqlite: sqliteAdapter,
  files: filesAdapter,
};

export function findAdapter(type: ServiceType): ServiceAdapter | null {
  return adapters[type] ?? null;
}

export function adapterFor(type: ServiceType, serviceName: string): ServiceAdapter {
  const adapter = findAdapter(type);
  if (!adapter) {
    throw new EngineError(
      'unsupported_service',
      `Service "${serviceName}" is a ${type} service, which this version of Rewind cannot capture or restore yet.`,
    );
  }
  return adapter;
}
