// Where the server is and who we are: flags first, then REWIND_URL and REWIND_TOKEN.
import type { Connection, Io, Values } from './command.ts';
import { CliError, ExitCode, NetworkError, usageError } from './exit-codes.ts';
import { text } from './options.ts';

export const defaultUrl = 'http://127.0.0.1:8080';

export function resolveConnection(values: Values, io: Io): Connection {
  const raw = text(values, 'url') ?? io.env.REWIND_URL ?? defaultUrl;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`"${raw}" is not a URL; pass --url http://host:port or set REWIND_URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`The server URL must start with http:// or https://; got "${raw}".`);
  }
  const token = text(values, 'token') ?? io.env.REWIND_TOKEN ?? '';
  if (!token) {
    throw new CliError(ExitCode.auth, 'No API token: set REWIND_TOKEN or pass --token.');
  }
  const base = url.origin + url.pathname.replace(/\/$/, '');
  return { url: base, token, fetch: networkAwareFetch(base) };
}

/** fetch, with "the server could not be reached" told apart from an answer or a cancellation. */
function networkAwareFetch(url: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw new NetworkError(url, error);
    }
  };
}
