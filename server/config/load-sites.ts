import type { SiteDefinition } from '../catalog/catalog.ts';
import { loadConfigFile } from './config-file.ts';
import { seedDemoSite } from './demo-site.ts';
import type { SiteConfig } from './site-config.ts';

/** The sites Rewind serves: those of REWIND_CONFIG, or the demo site seeded under the data directory. */
export async function loadSites(configFile: string | null, dataDir: string): Promise<SiteDefinition[]> {
  const sites: SiteConfig[] = configFile ? loadConfigFile(configFile) : await seedDemoSite(dataDir);
  return sites.map((site) => ({
    slug: site.slug,
    name: site.name,
    environments: site.environments.map((env) => ({
      name: env.name,
      type: env.type,
      services: env.services.map((service) => ({
        name: service.name,
        type: service.type,
        selector: service.selector,
        path: service.path ?? null,
        url: service.url ?? null,
      })),
    })),
  }));
}
