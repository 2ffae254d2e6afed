// The exit codes scripts rely on, and how a failure becomes one. Documented in `rewind --help` and cli/README.md.
import { ApiError } from '../contract/client.ts';

export const ExitCode = {
  ok: 0,
  /** The job failed or was canceled, or the API refused for a state reason (409). */
  failed: 1,
  /** Bad flags or arguments, a request the API found invalid (400, 422), or a restore or delete not confirmed. */
  usage: 2,
  /** No token, a wrong token (401) or not allowed (403). */
  auth: 3,
  /** The site, environment, snapshot or job does not exist (404). */
  notFound: 4,
  /** The server could not be reached, or it failed (5xx). */
  unavailable: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeHelp = `Exit codes:
  0  success
  1  the job failed (or was canceled), or the API refused because of the current state (409)
  2  usage error: unknown command, bad flags, missing arguments, an invalid request (400, 422),
     or a restore or delete that was not confirmed
  3  authentication or authorization error: no token, wrong token (401), not allowed (403)
  4  not found (404): the site, environment, snapshot or job does not exist
  5  the server is unreachable, or it failed (5xx)`;

/** A problem the CLI found before or after talking to the API; `code` is the exit code. */
export class CliError extends Error {
  readonly code: ExitCode;

  constructor(code: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

export const usageError = (message: string) => new CliError(ExitCode.usage, message);

/** The server could not be reached (fetch itself threw): safe to retry with the same Idempotency-Key. */
export class NetworkError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = describeCause(cause);
    super(`Could not reach Rewind at ${url}${reason ? ` (${reason})` : ''}.`);
    this.name = 'NetworkError';
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : '');
}

export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.auth;
  if (status === 404) return ExitCode.notFound;
  if (status === 400 || status === 422) return ExitCode.usage;
  if (status >= 500) return ExitCode.unavailable;
  return ExitCode.failed;
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.code;
  if (error instanceof ApiError) return exitCodeForStatus(error.status);
  if (error instanceof NetworkError) return ExitCode.unavailable;
  return ExitCode.failed;
}

/** What to print on stderr: a problem's title and detail, or the message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return detail && detail !== title ? `${title}: ${detail}` : title;
  }
  return error instanceof Error ? error.message : String(error);
}
