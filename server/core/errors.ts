/** How a refusal is classed; the HTTP layer turns the kind into a status code. */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

/** A refusal the user can act on: `detail` says what went wrong and what to do. */
export class RewindError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly field: string | undefined;

  constructor(kind: ErrorKind, code: string, title: string, detail: string, field?: string) {
    super(detail);
    this.name = 'RewindError';
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.field = field;
  }
}

export const notFound = (what: string, detail: string) =>
  new RewindError('not_found', 'not_found', `${what} not found`, detail);
