import { findAdapter } from './adapters/index.ts';
import type { ServiceSpec } from './types.ts';

/** The service's current data size in bytes (sqlite: database and -wal; files: every regular file), or null. */
export async function measureService(service: ServiceSpec): Promise<number | null> {
  const adapter = findAdapter(service.type);
  return adapter ? adapter.measure(service) : null;
}
