import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SpinnerIcon } from '@/components/ui/icons';
import { FieldLabel, Input } from '@/components/ui/input';
import { safeNextPath } from '@/config/paths';
import { sessionQueryOptions, useSignIn } from '../api/session';

/** The token of a start-up link, `/login#token=…`. */
function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

export function LoginScreen() {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [fragmentToken] = useState(() => tokenFromFragment(location.hash));
  const session = useQuery({ ...sessionQueryOptions(), enabled: !fragmentToken });
  const signIn = useSignIn();
  // A link's token is in the field from the start, so that if it is refused it can be corrected there.
  const [token, setToken] = useState(fragmentToken ?? '');
  const usedFragment = useRef(false);
  const field = useRef<HTMLInputElement>(null);
  const submit = (value: string) =>
    signIn.mutate(value, { onSuccess: () => void navigate(next, { replace: true }) });

  useEffect(() => {
    if (!fragmentToken || usedFragment.current) return;
    usedFragment.current = true;
    // The token must not stay in the address bar, the history or a bookmark (a replaceState).
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
    submit(fragmentToken);
  });

  // A refused token stays, focused and selected: type to replace it, or move to correct it.
  useEffect(() => {
    if (!signIn.error) return;
    field.current?.focus();
    field.current?.select();
  }, [signIn.error]);

  if (!fragmentToken && session.data) return <Navigate to={next} replace />;

  const busy = signIn.isPending;
  return (
    <main className="grid min-h-dvh place-items-center bg-canvas p-4">
      <title>Sign in · Rewind</title>
      <section
        aria-labelledby="login-title"
        className="w-full max-w-sm space-y-6 rounded-xl border border-border bg-surface p-6 shadow-sm"
      >
        <div className="space-y-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <h1 id="login-title" className="text-xl font-semibold">
            Sign in to Rewind
          </h1>
          <p className="text-sm text-ink-muted">
            Paste the access token Rewind printed when it started, or open the sign-in link it printed.
          </p>
        </div>
        {busy && fragmentToken ? (
          <p role="status" className="flex items-center gap-2 text-sm text-ink-muted">
            <SpinnerIcon /> Signing you in…
          </p>
        ) : null}
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const value = token.trim();
            if (value) submit(value);
          }}
        >
          <div className="space-y-1.5">
            <FieldLabel htmlFor="access-token">Access token</FieldLabel>
            <Input
              id="access-token"
              type="password"
              autoComplete="current-password"
              spellCheck={false}
              required
              ref={field}
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-invalid={signIn.isError || undefined}
              aria-describedby={signIn.isError ? 'access-token-error' : undefined}
            />
          </div>
          {signIn.isError && (
            <div id="access-token-error">
              <ErrorAlert error={signIn.error} />
            </div>
          )}
          <Button type="submit" variant="primary" className="w-full" disabled={busy}>
            {busy && <SpinnerIcon />}
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </section>
    </main>
  );
}
