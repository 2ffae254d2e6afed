// The fake API's verify routes: a job over one snapshot or over every ready snapshot of an environment; what it
// finds is what `db.damage` says (see api-state.ts).
import { http, HttpResponse } from 'msw';
import { findEnvironment, findSite, historyOf, newJob } from './api-state';
import { db } from './db';
import { problem } from './problem';
import { idempotent, remember, route } from './route';

export const verifyHandlers = [
  http.post(
    '/v1/sites/:site/snapshots/:snap/verify',
    route(({ request, params, body }) => {
      const site = findSite(params.site ?? '');
      const snapshot = site && db.snapshots.find((s) => s.id === params.snap && s.site_id === site.id);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      if (snapshot.status !== 'ready')
        return problem(409, 'snapshot_not_ready', 'Snapshot not ready', 'It is still being taken.');
      return idempotent(request, body, () => {
        const job = newJob({
          type: 'verify',
          verify_scope: 'snapshot',
          site_id: snapshot.site_id,
          environment: snapshot.environment,
          environment_id: snapshot.environment_id,
          snapshot_id: snapshot.id,
          selectors: [],
        });
        remember(request, body, job);
        return HttpResponse.json(job, { status: 202, headers: { location: `/v1/jobs/${job.id}` } });
      });
    }),
  ),
  http.post(
    '/v1/sites/:site/environments/:env/verify',
    route(({ request, params, body }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      const newest = historyOf(env).find((s) => s.status === 'ready');
      if (!newest) return problem(409, 'nothing_to_verify', 'Nothing to verify', 'Take a snapshot first.');
      return idempotent(request, body, () => {
        const job = newJob({
          type: 'verify',
          verify_scope: 'environment',
          site_id: env.site_id,
          environment: env.name,
          environment_id: env.id,
          snapshot_id: newest.id,
          selectors: [],
        });
        remember(request, body, job);
        return HttpResponse.json(job, { status: 202, headers: { location: `/v1/jobs/${job.id}` } });
      });
    }),
  ),
];
