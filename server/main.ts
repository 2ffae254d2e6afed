import { buildApp } from './app.ts';
import { readSettings, SettingsError } from './settings.ts';

async function main(): Promise<void> {
  const settings = readSettings();
  const app = await buildApp({
    dashboardDir: settings.dashboardDir,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'could not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => close('SIGINT'));
  process.on('SIGTERM', () => close('SIGTERM'));

  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url =
    settings.publicUrl ??
    `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  console.log(`Rewind is running at ${url}`);
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) console.error(`Rewind cannot start: ${error.message}`);
  else console.error('Rewind cannot start:', error);
  process.exit(1);
});
