import type { SiteDefinition } from '../catalog/catalog.ts';
import { connectionKey, type ServiceConnections } from '../core/services.ts';
import { loadConfigFile } from './config-file.ts';
import { seedDemoSite } from './demo-site.ts';
import { redactCredentials } from './redact.ts';
import type { SiteConfig } from './site-config.ts';

export interface LoadedSites {
  /** What the catalog records: database URLs with their passwords masked. */
  sites: SiteDefinition[];
  /** The real connection URLs, kept in memory only. */
  connections: ServiceConnections;
}

/** The sites Rewind serves: those of REWIND_CONFIG, or the demo site seeded under the data directory. */
export async function loadSites(configFile: string | null, dataDir: string): Promise<LoadedSites> {
  const configs: SiteConfig[] = configFile ? loadConfigFile(configFile) : await seedDemoSite(dataDir);
  const connections = new Map<string, string>();
  const sites = configs.map((site) => ({
    slug: site.slug,
    name: site.name,
    environments: site.environments.map((env) => ({
      name: env.name,
      type: env.type,
      services: env.services.map((service) => {
        if (service.url) connections.set(connectionKey(site.slug, env.name, service.name), service.url);
        return {
          name: service.name,
          type: service.type,
          selector: service.selector,
          path: service.path ?? null,
          url: service.url ? redactCredentials(service.url) : null,
        };
      }),
    })),
  }));
  return { sites, connections };
}
