// The failures of database servers and their client tools, as messages a person can act on. Every message
// names the service, the server (host:port, database, user — never the password) and what to do.
import { EngineError, type ServiceSpec } from '../types.ts';
import { describeServer, redact, type Connection, type ServerKind } from './connection.ts';

const installHints: Record<ServerKind, string> = {
  postgres:
    "apt-get install postgresql-client (its major version must be at least the server's; the PostgreSQL " +
    'apt repository has every version)',
  mysql: 'apt-get install mariadb-client (or default-mysql-client)',
  redis: 'nothing: Rewind talks to Redis itself',
};

export function toolMissing(
  service: ServiceSpec,
  kind: ServerKind,
  tools: string[],
  purpose: string,
): EngineError {
  const names = tools.length === 1 ? tools[0] : `${tools.slice(0, -1).join(', ')} or ${tools.at(-1)}`;
  return new EngineError(
    'tool_missing',
    `Service "${service.name}": ${purpose} needs ${names}, which is not installed on the machine running ` +
      `Rewind (or not on its PATH). Install it — on Debian or Ubuntu: ${installHints[kind]} — and try again.`,
  );
}

const connectCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CLOSED',
  'PROTOCOL_CONNECTION_LOST',
]);
// PostgreSQL SQLSTATEs, MariaDB error numbers and Redis error prefixes that mean "you may not come in".
const refusedAtDoor = new Set([
  '28P01',
  '28000',
  '3D000',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
]);

function whyUnreachable(error: Error & { code?: string }): string | null {
  const code = String(error.code ?? '');
  const message = error.message ?? '';
  if (code === 'ECONNREFUSED') return 'refused the connection: nothing listens there';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'cannot be found: the host name does not resolve';
  if (code === 'ETIMEDOUT' || (/timeout/i.test(message) && /connect/i.test(message)))
    return 'did not answer in time';
  if (connectCodes.has(code)) return `dropped the connection (${code})`;
  if (refusedAtDoor.has(code) || /^(WRONGPASS|NOAUTH)/.test(message)) return 'refused to let Rewind in';
  if (/Connection timeout|Socket closed unexpectedly|connect ECONNREFUSED/i.test(message)) {
    return 'could not be reached';
  }
  return null;
}

/**
 * Turns an error from a server or a driver into an EngineError: `service_unreachable` when Rewind could not
 * connect or log in, `service_refused` when the server refused what Rewind asked (usually a privilege).
 */
export function serverError(
  service: ServiceSpec,
  connection: Connection,
  error: unknown,
  doing: string,
  hint: string,
): EngineError {
  if (error instanceof EngineError) return error;
  const failure = error as Error & { code?: string };
  const detail = redact(failure?.message || String(error), connection);
  const why = whyUnreachable(failure ?? {});
  if (why) {
    return new EngineError(
      'service_unreachable',
      `Service "${service.name}": the ${describeServer(connection)} ${why} (${detail}). Check that the ` +
        'server is running and reachable from the machine running Rewind, and that the user, password and ' +
        "database in the service's url are right.",
    );
  }
  return new EngineError(
    'service_refused',
    `Service "${service.name}": the ${describeServer(connection)} refused to ${doing} (${detail}). ${hint}`,
  );
}
