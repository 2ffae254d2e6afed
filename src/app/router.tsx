import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppRoot } from './routes/app-root';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { OverviewRoute } from './routes/overview';

// The environment page and the restore dialog load on demand, keeping the first load small.
const EnvironmentRoute = lazy(() =>
  import('./routes/environment').then((m) => ({ default: m.EnvironmentRoute })),
);
const RestoreRoute = lazy(() => import('./routes/restore').then((m) => ({ default: m.RestoreRoute })));

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute /> },
  {
    element: <AppRoot />,
    children: [
      { index: true, element: <OverviewRoute /> },
      {
        path: 'sites/:site/environments/:env',
        element: <EnvironmentRoute />,
        children: [{ path: 'restore/:snap', element: <RestoreRoute /> }],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
