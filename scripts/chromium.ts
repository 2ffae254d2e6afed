import { existsSync } from 'node:fs';

const systemChromium = '/usr/bin/chromium';

/**
 * Debian's Chromium when the machine has it (REWIND_CHROMIUM to choose another), otherwise Playwright's own
 * browser; with the flags that keep it from reaching out to the network on a closed machine.
 */
export function chromiumLaunchOptions(): { executablePath: string | undefined; args: string[] } {
  return {
    executablePath: process.env.REWIND_CHROMIUM ?? (existsSync(systemChromium) ? systemChromium : undefined),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
