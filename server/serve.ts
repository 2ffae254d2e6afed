import { buildApp } from './app.ts';
import { ConfigError } from './config/config-file.ts';
import { readSettings, SettingsError } from './settings.ts';

// Runs the server: builds the app, listens, prints where, closes gracefully on SIGINT and SIGTERM. Started by
// main.js, which prepares the process first.

async function main(): Promise<void> {
  const settings = readSettings();
  const { app, generatedToken } = await buildApp({
    dataDir: settings.dataDir,
    dashboardDir: settings.dashboardDir,
    configFile: settings.configFile,
    adminToken: settings.adminToken,
    scheduler: settings.scheduler,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: finishing running work and closing…`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Rewind could not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => close('SIGINT'));
  process.on('SIGTERM', () => close('SIGTERM'));

  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = settings.publicUrl ?? `http://${host}:${port}`;
  console.log(`Rewind is running at ${url}`);
  console.log(
    `Data: ${settings.dataDir}${settings.configFile ? `; sites from ${settings.configFile}` : ' (demo site acme-store)'}`,
  );
  if (!settings.scheduler) console.log('Scheduled backups are off in this process (REWIND_SCHEDULER=off).');
  if (generatedToken) {
    console.log(
      `\nAn admin token was generated. It is shown only this once; keep it somewhere safe:\n  ${generatedToken}`,
    );
    console.log(`Sign in to the dashboard: ${url}/login#token=${generatedToken}\n`);
  } else if (settings.adminToken) {
    console.log(`Sign in at ${url}/login with the token in REWIND_TOKEN.`);
  } else {
    console.log(`Sign in at ${url}/login with your admin token (lost it? run: npm run token).`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError || error instanceof ConfigError)
    console.error(`Rewind cannot start: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `Rewind cannot start: the port is already in use. Stop the other server or set PORT to another port.`,
    );
  } else console.error('Rewind cannot start:', error);
  process.exit(1);
});
