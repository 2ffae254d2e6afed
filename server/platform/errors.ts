// A failure explained to the user, raised by the engine and the store alike.
/** A failure the engine or the store explains to the user: `code` is stable, `message` says what happened and what to do. */
export class EngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
