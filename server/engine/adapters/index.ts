// Adapters by service type: SQLite and file mounts live at a path; PostgreSQL, MariaDB/MySQL and Redis are
// servers reached through the service's url.
import type { JournalService } from '../journal.ts';
import type { SwapFor } from '../swap.ts';
import { EngineError, type ServiceSpec, type ServiceType } from '../types.ts';
import type { ServiceAdapter } from './adapter.ts';
import { filesAdapter } from './files.ts';
import { mysqlAdapter } from './mysql.ts';
import { postgresAdapter } from './postgres.ts';
import { redisAdapter } from './redis.ts';
import { sqliteAdapter } from './sqlite.ts';

export type { ServiceAdapter } from './adapter.ts';

const adapters: Partial<Record<ServiceType, ServiceAdapter>> = {
  sqlite: sqliteAdapter,
  files: filesAdapter,
  postgres: postgresAdapter,
  mysql: mysqlAdapter,
  redis: redisAdapter,
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

/** Services whose data lives at a path on this machine (the rest are database servers). */
export function isPathType(type: ServiceType): boolean {
  return type === 'sqlite' || type === 'files';
}

/** The swap of each journalled service, from the environment's services (database swaps need their url). */
export function swapForServices(services: ServiceSpec[]): SwapFor {
  return (journalled: JournalService) => {
    const spec = services.find((s) => s.name === journalled.name && s.type === journalled.type);
    if (!spec && !isPathType(journalled.type)) {
      throw new EngineError(
        'recovery_blocked',
        `The ${journalled.type} service "${journalled.name}" of an interrupted restore is not in the ` +
          'configuration any more, so Rewind cannot reach its server to finish the restore. Put the service ' +
          'back in the configuration and restart Rewind.',
      );
    }
    const selector = journalled.type === 'files' ? 'files' : 'db';
    return adapterFor(journalled.type, journalled.name).swap(
      spec ?? { name: journalled.name, type: journalled.type, selector },
    );
  };
}
