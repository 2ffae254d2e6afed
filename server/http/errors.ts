import type { FastifyError, FastifyInstance } from 'fastify';
import { RewindError, type ErrorKind } from '../core/errors.ts';
import { Problem } from './problem.ts';

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

function fromValidation(error: FastifyError): Problem {
  const first = error.validation?.[0];
  const where = error.validationContext ?? 'body';
  const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
  const params = first?.params as { missingProperty?: string; additionalProperty?: string } | undefined;
  const missing = params?.missingProperty;
  const unknown = params?.additionalProperty;
  const name = missing ?? unknown ?? field;
  let detail: string;
  if (missing) detail = `The ${where} field "${name}" is required.`;
  else if (unknown) detail = `The ${where} has an unknown field "${unknown}"; remove it (is it misspelt?).`;
  else if (name) detail = `The ${where} field "${name}" ${first?.message ?? 'is not valid'}.`;
  else detail = `The ${where} is not valid: ${first?.message ?? error.message}.`;
  return new Problem(400, 'invalid_request', 'Invalid request', detail, name ? { field: name } : {});
}

/** One error path for the whole API: every failure is problem+json, and 5xx never leaks internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) problem = error;
    else if (error instanceof RewindError) {
      problem = new Problem(
        statusOf[error.kind],
        error.code,
        error.title,
        error.detail,
        error.field ? { field: error.field } : {},
      );
    } else if (error.validation) problem = fromValidation(error);
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      problem = new Problem(
        error.statusCode,
        error.code?.toLowerCase() ?? 'bad_request',
        'Bad request',
        error.message,
      );
    } else {
      request.log.error({ err: error }, 'request failed');
      problem = new Problem(
        500,
        'internal_error',
        'Internal server error',
        'Something went wrong on the server. The error was logged; try again, and report it if it keeps happening.',
      );
    }
    void reply.status(problem.status).type('application/problem+json').send(problem.toJSON());
  });
}
