// The database servers' client libraries, loaded the first time a service of their type is reached. Together
// they are about 50 MB of a process's memory (and a good part of its start-up), which an environment of
// SQLite and files, like most, never needs.
import type pg from 'pg';
import type * as mysql from 'mysql2/promise';
import type * as redis from 'redis';

interface Drivers {
  pg: typeof pg;
  mysql: typeof mysql;
  redis: typeof redis;
}

const loaders: { [K in keyof Drivers]: () => Promise<Drivers[K]> } = {
  pg: async () => (await import('pg')).default,
  mysql: () => import('mysql2/promise'),
  redis: () => import('redis'),
};

const loading: { [K in keyof Drivers]?: Promise<Drivers[K]> } = {};

export function loadDriver<K extends keyof Drivers>(kind: K): Promise<Drivers[K]> {
  return ((loading[kind] as Promise<Drivers[K]> | undefined) ??= loaders[kind]().catch((error: unknown) => {
    delete loading[kind]; // a failed load is tried again next time
    throw error;
  }));
}
