// The database servers' client libraries stay unloaded until a service of their type needs one: a server with
// SQLite and files only never pays for them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBin } from '../testing/fixtures.ts';

const server = path.resolve(import.meta.dirname, '../..');

/** Imports the app and the engine in a fresh process, runs `then`, and says which drivers were loaded. */
function loadedDrivers(then = ''): string[] {
  const code = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(path.join(server, 'app.ts'))});
    const engine = await import(${JSON.stringify(path.join(server, 'engine/index.ts'))});
    const { loadDriver } = await import(${JSON.stringify(path.join(server, 'engine/adapters/drivers.ts'))});
    ${then}
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const drivers = { pg: '/node_modules/pg/', mysql: '/node_modules/mysql2/', redis: '/node_modules/@redis/client/' };
    console.log(JSON.stringify(Object.keys(drivers).filter((name) => loaded.some((file) => file.includes(drivers[name])))));
  `;
  const result = spawnSync(nodeBin, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: server });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as string[];
}

describe('database drivers', () => {
  it('are not loaded when the server and the engine start', () => {
    expect(loadedDrivers()).toEqual([]);
  });

  it('are loaded one by one, when a service of their type is reached', () => {
    const service = { name: 'db', type: 'postgres', selector: 'db', url: 'postgres://u@127.0.0.1:1/shop' };
    // Nothing listens on port 1: measuring fails to connect, after the driver was loaded to try.
    expect(loadedDrivers(`await engine.measureService(${JSON.stringify(service)});`)).toEqual(['pg']);
    expect(loadedDrivers(`await loadDriver('redis'); await loadDriver('mysql');`)).toEqual([
      'mysql',
      'redis',
    ]);
  });
});
