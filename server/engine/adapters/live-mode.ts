import { stat } from 'node:fs/promises';

/** The permissions of the live data, so restored data stays readable and writable by the application. */
export async function liveMode(livePath: string, fallback: number): Promise<number> {
  try {
    return (await stat(livePath)).mode & 0o7777;
  } catch {
    return fallback;
  }
}
