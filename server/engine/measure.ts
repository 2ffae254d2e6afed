import { findAdapter } from './adapters/index.ts';
import type { ServiceSpec } from './types.ts';

/**
 * The service's current data size in bytes, or null: sqlite, the database and its -wal; files, every regular
 * file; postgres, pg_database_size; mysql, the schema's data and indexes; redis, its keys' MEMORY USAGE.
 */
export async function measureService(service: ServiceSpec): Promise<number | null> {
  const adapter = findAdapter(service.type);
  return adapter ? adapter.measure(service) : null;
}
