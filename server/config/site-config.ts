// What the server knows about the sites it protects, whether they come from a config file
// (config-file.ts) or from the embedded demo (demo-site.ts). Paths are always absolute here.

export type ServiceType = 'sqlite' | 'files' | 'postgres' | 'mysql' | 'redis';
export type EnvironmentType = 'production' | 'staging' | 'preview' | 'development';
export type Selector = 'db' | 'files';

export interface ServiceConfig {
  name: string;
  type: ServiceType;
  /** `files` for file mounts, `db` for every database. */
  selector: Selector;
  /** sqlite: the database file; files: the mount's root folder. Absolute. */
  path?: string;
  /** postgres, mysql, redis: the connection URL. It may hold a password: never log it. */
  url?: string;
}

export interface EnvironmentConfig {
  name: string;
  type: EnvironmentType;
  services: ServiceConfig[];
}

export interface SiteConfig {
  slug: string;
  name: string;
  environments: EnvironmentConfig[];
}

export const serviceTypes: readonly ServiceType[] = ['sqlite', 'files', 'postgres', 'mysql', 'redis'];
export const environmentTypes: readonly EnvironmentType[] = [
  'production',
  'staging',
  'preview',
  'development',
];

/** The URL schemes each network database accepts (without the trailing `:`). */
export const urlSchemes: Readonly<Record<'postgres' | 'mysql' | 'redis', readonly string[]>> = {
  postgres: ['postgres', 'postgresql'],
  mysql: ['mysql', 'mariadb'],
  redis: ['redis', 'rediss'],
};

// Slugs and environment names appear in URLs (`/v1/sites/{site}/environments/{env}`) and archive names,
// so they are limited to characters that never need escaping. Service names become archive paths
// (`db/<service>.<ext>`, `files/<service>/…`), so they follow the environment rule.
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const namePattern = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export function selectorFor(type: ServiceType): Selector {
  return type === 'files' ? 'files' : 'db';
}

/** The type an environment gets when its config does not say, guessed from the usual names. */
export function inferEnvironmentType(name: string): EnvironmentType {
  if (name === 'production' || name === 'prod') return 'production';
  if (name === 'staging' || name === 'stage') return 'staging';
  if (name.startsWith('preview') || name.startsWith('pr-')) return 'preview';
  return 'development';
}
