import { createClient } from '@contract/client';
import type { Session } from '@contract/schemas';
import { watchedFetch } from './connection';

let csrfToken: string | null = null;

/**
 * The dashboard's API client: same origin, authenticated by the HttpOnly session cookie. Writes carry the
 * CSRF token of the current session, which the session query and sign-in keep up to date. Each request
 * tells the connection watch whether Rewind answered.
 */
export const api = createClient({ csrfToken: () => csrfToken, fetch: watchedFetch() });

export function rememberSession(session: Session | null): void {
  csrfToken = session?.csrf_token ?? null;
}
