import { setupServer } from 'msw/node';
import { handlers } from './handlers';

export const server = setupServer(...handlers);

const unhandled: string[] = [];

/** Any request no handler answers is an error: recorded here and failed in the test's afterEach. */
export function listenStrictly(): void {
  server.listen({
    onUnhandledFrame: ({ frame, defaults }) => {
      const request = (frame.data as { request?: Request } | undefined)?.request;
      unhandled.push(request ? `${request.method} ${request.url}` : String(frame.protocol));
      defaults.error();
      throw new Error('Unhandled request in a test');
    },
  });
}

export function takeUnhandled(): string[] {
  return unhandled.splice(0);
}
