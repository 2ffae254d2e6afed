import path from 'node:path';

/** What the server is told by its environment (see the README's table). */
export interface Settings {
  host: string;
  port: number;
  dataDir: string;
  configFile: string | null;
  adminToken: string | null;
  /** Where the dashboard is reached, for the printed login link (differs from host:port in `npm run dev`). */
  publicUrl: string | null;
  dashboardDir: string;
  /** REWIND_SCHEDULER=off stops scheduled backups and prunes in this process (manual work still runs). */
  scheduler: boolean;
}

export class SettingsError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SettingsError(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function parseSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new SettingsError(`${name} must be "on" or "off", not "${value}".`);
}

export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT),
    dataDir: path.resolve(cwd, env.REWIND_DATA_DIR || '.rewind'),
    configFile: env.REWIND_CONFIG ? path.resolve(cwd, env.REWIND_CONFIG) : null,
    adminToken: env.REWIND_TOKEN || null,
    publicUrl: env.REWIND_PUBLIC_URL || null,
    dashboardDir: path.resolve(cwd, env.REWIND_DASHBOARD_DIR || 'dist'),
    scheduler: parseSwitch('REWIND_SCHEDULER', env.REWIND_SCHEDULER),
  };
}
