import type { EnvironmentRow } from '../catalog/catalog.ts';
import { measureService } from '../engine/index.ts';
import { environmentSpec, type ServiceConnections } from './services.ts';

const freshForMs = 30_000;

/** Current sizes of an environment's services, measured at most every 30 s (walking a mount costs I/O). */
export class ServiceSizes {
  private cache = new Map<string, { at: number; sizes: Promise<Array<number | null>> }>();
  private readonly connections: ServiceConnections;

  constructor(connections: ServiceConnections) {
    this.connections = connections;
  }

  get(siteSlug: string, env: EnvironmentRow): Promise<Array<number | null>> {
    const hit = this.cache.get(env.id);
    if (hit && Date.now() - hit.at < freshForMs) return hit.sizes;
    const spec = environmentSpec(siteSlug, env, this.connections);
    const sizes = Promise.all(spec.services.map((service) => measureService(service).catch(() => null)));
    this.cache.set(env.id, { at: Date.now(), sizes });
    return sizes;
  }

  /** After a restore the sizes changed: measure again on the next read. */
  forget(environmentId: string): void {
    this.cache.delete(environmentId);
  }
}
