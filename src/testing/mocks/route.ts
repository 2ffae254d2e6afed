// What every fake route does: record the request, check the session and CSRF token, and answer a retried
// Idempotency-Key with the job it first made.
import { HttpResponse, type HttpResponseResolver } from 'msw';
import { db } from './db';
import { problem } from './problem';

export type Params = Record<string, string>;
export type Resolver = (args: {
  request: Request;
  params: Params;
  body: unknown;
}) => Response | Promise<Response>;

export const session = () => ({
  csrf_token: db.csrf,
  expires_at: new Date(Date.now() + 86_400_000).toISOString(),
});

/** Records the request, then checks the session (unless public) and, for writes, the CSRF token. */
export function route(resolve: Resolver, { open = false } = {}): HttpResponseResolver {
  return async ({ request, params }) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    db.requests.push({
      at: Date.now(),
      method: request.method,
      path: url.pathname,
      search: url.searchParams,
      headers: request.headers,
      body,
    });
    if (!open && !db.signedIn) return problem(401, 'unauthorized', 'Not signed in', 'Sign in to continue.');
    if (!open && request.method !== 'GET' && request.headers.get('x-csrf-token') !== db.csrf) {
      return problem(403, 'csrf_required', 'CSRF token required', 'Send X-CSRF-Token with this request.');
    }
    const response = await resolve({ request, params: params as Params, body });
    if (request.method !== 'GET' && db.loseAnswers > 0) {
      db.loseAnswers -= 1;
      return HttpResponse.error();
    }
    return response;
  };
}

export const noSite = (key: string) => problem(404, 'not_found', 'Not found', `No site ${key}.`);

/** Same key and body: the same job again; same key, other body: 422. */
export function idempotent(request: Request, body: unknown, create: () => Response): Response {
  const key = request.headers.get('idempotency-key');
  const entry = key ? db.idempotency.get(`${new URL(request.url).pathname} ${key}`) : undefined;
  if (entry) {
    if (entry.body !== JSON.stringify(body)) {
      return problem(
        422,
        'idempotency_mismatch',
        'Idempotency-Key reused',
        'This key was used for another request.',
      );
    }
    return HttpResponse.json(entry.job, { status: 200 });
  }
  const response = create();
  return response;
}

export function remember(request: Request, body: unknown, job: (typeof db.jobs)[number]) {
  const key = request.headers.get('idempotency-key');
  if (key) db.idempotency.set(`${new URL(request.url).pathname} ${key}`, { body: JSON.stringify(body), job });
}
