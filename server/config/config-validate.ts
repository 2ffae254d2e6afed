// Turns the parsed JSON of a config file into SiteConfig[], or into the list of everything wrong with it.
import path from 'node:path';
import {
  childKey,
  closest,
  describe,
  type Json,
  listAt,
  listOf,
  objectAt,
  Problems,
  quote,
  stringAt,
  UniqueCheck,
  type ConfigProblem,
} from './config-checks.ts';
import {
  environmentTypes,
  inferEnvironmentType,
  namePattern,
  selectorFor,
  serviceTypes,
  slugPattern,
  urlSchemes,
  type EnvironmentConfig,
  type EnvironmentType,
  type ServiceConfig,
  type ServiceType,
  type SiteConfig,
} from './site-config.ts';

const slugRule =
  'lowercase letters, digits and "-", starting with a letter or digit, at most 63 characters (like "acme-store")';
const nameRule =
  'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters';
const urlExamples: Record<keyof typeof urlSchemes, string> = {
  postgres: 'postgres://user:password@host:5432/database',
  mysql: 'mysql://user:password@host:3306/database',
  redis: 'redis://:password@host:6379/0',
};
// Schemes that are safe to name back to the user; anything else before a ":" might be part of a secret.
const nameableSchemes = new Set([
  ...Object.values(urlSchemes).flat(),
  'http',
  'https',
  'file',
  'jdbc',
  'tcp',
]);

interface Context {
  problems: Problems;
  baseDir: string;
  paths: UniqueCheck;
}

function patternAt(
  object: Json,
  key: string,
  name: string,
  pattern: RegExp,
  rule: string,
  what: string,
  context: Context,
): string | null {
  const value = stringAt(object, key, name, rule, context.problems);
  if (value === null) return null;
  if (pattern.test(value)) return value;
  context.problems.add(childKey(key, name), `${quote(value)} is not a valid ${what}; expected ${rule}`);
  return null;
}

function checkPath(object: Json, key: string, type: ServiceType, context: Context): string | null {
  const what =
    type === 'sqlite'
      ? 'the database file, absolute or relative to the config file\'s folder (like "data/shop.db")'
      : 'the folder to capture, absolute or relative to the config file\'s folder (like "data/uploads")';
  const value = stringAt(object, key, 'path', what, context.problems);
  if (value === null) return null;
  const at = childKey(key, 'path');
  if (value.includes('\0')) context.problems.add(at, `contains a NUL character; expected ${what}`);
  else if (value === '~' || value.startsWith('~/')) {
    context.problems.add(at, `starts with "~", which is not expanded here; expected ${what}`);
  } else {
    const resolved = path.resolve(context.baseDir, value);
    context.paths.check(resolved, at, context.problems);
    return resolved;
  }
  return null;
}

function checkUrl(object: Json, key: string, type: keyof typeof urlSchemes, context: Context): string | null {
  const schemes = urlSchemes[type];
  const expected = `a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')} (like "${urlExamples[type]}")`;
  const value = stringAt(object, key, 'url', expected, context.problems);
  if (value === null) return null;
  const at = childKey(key, 'url');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not quoted: a broken URL is the likeliest place for a password to be printed whole.
    context.problems.add(at, `is not a valid URL; expected ${expected}`);
    return null;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (schemes.includes(scheme)) {
    // The URL names the data Rewind captures: one database (a Redis database index), nothing more or less.
    const database = url.pathname.replace(/^\//, '');
    if (type === 'redis' ? !/^(\d{1,5})?$/.test(database) : database === '' || database.includes('/')) {
      const what = type === 'redis' ? 'end with the database index, or nothing for 0' : 'name one database';
      context.problems.add(at, `must ${what}; expected ${expected}`);
      return null;
    }
    return value;
  }
  const named = nameableSchemes.has(scheme) ? `has the scheme "${scheme}://", which` : 'has a scheme that';
  context.problems.add(at, `${named} is not valid for a ${type} service; expected ${expected}`);
  return null;
}

function checkService(
  value: unknown,
  key: string,
  context: Context,
  names: UniqueCheck,
): ServiceConfig | null {
  const { problems } = context;
  const object = objectAt(value, key, 'a service', ['name', 'type', 'path', 'url'], problems);
  if (object === null) return null;
  // Which of "path" and "url" applies depends on the type; the wrong one is a mistake worth naming.
  const takesUrl = object.type === 'postgres' || object.type === 'mysql' || object.type === 'redis';
  const takesPath = object.type === 'sqlite' || object.type === 'files';
  if (takesPath && object.url !== undefined) {
    problems.add(
      childKey(key, 'url'),
      `does not apply to a ${object.type} service, which takes "path" instead`,
    );
  }
  if (takesUrl && object.path !== undefined) {
    problems.add(
      childKey(key, 'path'),
      `does not apply to a ${object.type} service, which takes "url" instead`,
    );
  }

  const name = patternAt(object, key, 'name', namePattern, nameRule, 'service name', context);
  if (name !== null) names.check(name, childKey(key, 'name'), problems);

  const type = stringAt(object, key, 'type', `one of ${listOf(serviceTypes)}`, problems);
  if (type === null) return null;
  if (!(serviceTypes as readonly string[]).includes(type)) {
    const guess = closest(type, serviceTypes);
    const hint = guess ? `did you mean "${guess}"? ` : '';
    problems.add(
      childKey(key, 'type'),
      `${quote(type)} is not a service type; ${hint}expected one of ${listOf(serviceTypes)}`,
    );
    return null;
  }
  const serviceType = type as ServiceType;
  const service: ServiceConfig = { name: name ?? '', type: serviceType, selector: selectorFor(serviceType) };
  if (serviceType === 'sqlite' || serviceType === 'files') {
    const resolved = checkPath(object, key, serviceType, context);
    if (resolved === null) return null;
    service.path = resolved;
  } else {
    const url = checkUrl(object, key, serviceType, context);
    if (url === null) return null;
    service.url = url;
  }
  return name === null ? null : service;
}

function checkEnvironment(
  value: unknown,
  key: string,
  context: Context,
  names: UniqueCheck,
): EnvironmentConfig | null {
  const { problems } = context;
  const object = objectAt(value, key, 'an environment', ['name', 'type', 'services'], problems);
  if (object === null) return null;

  const name = patternAt(object, key, 'name', namePattern, nameRule, 'environment name', context);
  if (name !== null) names.check(name, childKey(key, 'name'), problems);

  let type: EnvironmentType | null = name === null ? null : inferEnvironmentType(name);
  if (object.type !== undefined) {
    const expected = `one of ${listOf(environmentTypes)}, or no "type" to infer it from the name`;
    if (typeof object.type !== 'string') {
      problems.add(
        childKey(key, 'type'),
        `must be a string, not ${describe(object.type)}; expected ${expected}`,
      );
      type = null;
    } else if (!(environmentTypes as readonly string[]).includes(object.type)) {
      problems.add(
        childKey(key, 'type'),
        `${quote(object.type)} is not an environment type; expected ${expected}`,
      );
      type = null;
    } else type = object.type as EnvironmentType;
  }

  const list = listAt(object, key, 'services', 'a list of services (databases and file mounts)', problems);
  const serviceNames = new UniqueCheck('service names within an environment');
  const services = (list ?? []).map((item, i) =>
    checkService(item, childKey(childKey(key, 'services'), i), context, serviceNames),
  );
  if (name === null || type === null || list === null || services.includes(null)) return null;
  return { name, type, services: services as ServiceConfig[] };
}

function checkSite(value: unknown, key: string, context: Context, slugs: UniqueCheck): SiteConfig | null {
  const { problems } = context;
  const object = objectAt(value, key, 'a site', ['slug', 'name', 'environments'], problems);
  if (object === null) return null;

  const slug = patternAt(object, key, 'slug', slugPattern, slugRule, 'slug', context);
  if (slug !== null) slugs.check(slug, childKey(key, 'slug'), problems);
  const name = stringAt(object, key, 'name', 'the site\'s display name (like "Acme Store")', problems);

  const list = listAt(object, key, 'environments', 'a list of environments', problems);
  const envNames = new UniqueCheck('environment names within a site');
  const environments = (list ?? []).map((item, i) =>
    checkEnvironment(item, childKey(childKey(key, 'environments'), i), context, envNames),
  );
  if (slug === null || name === null || list === null || environments.includes(null)) return null;
  return { slug, name, environments: environments as EnvironmentConfig[] };
}

/**
 * Checks a parsed config file. Relative paths are resolved against `baseDir` (the file's folder).
 * Returns the sites only when there is no problem at all.
 */
export function validateConfig(
  data: unknown,
  baseDir: string,
): { sites: SiteConfig[]; problems: [] } | { sites: null; problems: ConfigProblem[] } {
  const context: Context = { problems: new Problems(), baseDir, paths: new UniqueCheck('service paths') };
  const { problems } = context;
  const root = objectAt(data, '', 'an object with a "sites" list', ['sites', '$schema'], problems);
  let sites: (SiteConfig | null)[] = [];
  if (root !== null) {
    if (root.$schema !== undefined && typeof root.$schema !== 'string') {
      problems.add('$schema', `must be a string, not ${describe(root.$schema)}`);
    }
    const list = listAt(
      root,
      '',
      'sites',
      'a list of sites, like "sites": [{ "slug": …, "name": …, "environments": […] }]',
      problems,
    );
    const slugs = new UniqueCheck('site slugs');
    sites = (list ?? []).map((item, i) => checkSite(item, childKey('sites', i), context, slugs));
  }
  if (problems.list.length > 0) return { sites: null, problems: problems.list };
  return { sites: sites as SiteConfig[], problems: [] };
}
