import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProvider } from '@/app/provider';
import { routes as appRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';

/** The app's query client (same 401 handling), without retries and without garbage collection. */
export function createTestQueryClient(): QueryClient {
  return createQueryClient({ queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } });
}

/** Renders routes at a path inside the app's providers, with a fresh QueryClient. */
export function renderRoutes(routes: RouteObject[], path = '/', client = createTestQueryClient()) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProvider client={client}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, client, router };
}

/** The whole dashboard at a path. */
export function renderApp(path = '/', client?: QueryClient) {
  return renderRoutes(appRoutes, path, client);
}

/** One component inside the providers and a router (for links), at `path`. */
export function renderWithProviders(
  ui: ReactNode,
  { path = '/', client }: { path?: string; client?: QueryClient } = {},
) {
  return renderRoutes([{ path: '*', element: ui }], path, client);
}
