// The API v1 as the dashboard sees it, faked over `db`: sessions and CSRF, sites, environments, paginated
// histories, backups and restores with Idempotency-Key (production only when confirmed), jobs that follow
// scripted steps, what a snapshot occupies in the store, deletes, downloads; verifies in verify-handlers.ts.
import { http, HttpResponse } from 'msw';
import type { BackupPolicyRequest, SnapshotPatch } from '@contract/requests';
import {
  ARCHIVE_FORMATS,
  ARCHIVE_MEDIA_TYPES,
  type ArchiveFormat,
  type Environment,
  type Job,
  type Selector,
  type Snapshot,
} from '@contract/schemas';
import { advance, findEnvironment, findSite, historyOf, isActive, newJob, withLiveFields } from './api-state';
import { db } from './db';
import { buildSnapshot, buildStorage, iso, time } from './fixtures';
import { problem } from './problem';
import { idempotent, noSite, remember, route, session } from './route';
import { verifyHandlers } from './verify-handlers';

/** A backup job and its pending snapshot, as POST …/backups and …/backup-policy/run accept them. */
function newBackup(env: Environment, snapshot: Partial<Snapshot>): Job {
  const pending = buildSnapshot(env, {
    status: 'pending',
    created_at: new Date().toISOString(),
    completed_at: null,
    size_bytes: 0,
    ...snapshot,
  });
  db.snapshots.push(pending);
  return newJob({
    type: 'backup',
    site_id: env.site_id,
    environment: env.name,
    environment_id: env.id,
    snapshot_id: pending.id,
    selectors: ['db', 'files'],
  });
}

/** The server's guard: production goes ahead only when the request names it; a name sent must match. */
function confirmationProblem(env: Environment, confirm: string | undefined | null): Response | null {
  if (confirm === undefined || confirm === null) {
    if (env.type !== 'production') return null;
    return problem(
      422,
      'confirmation_required',
      'Confirmation required',
      `${env.name} is a production environment. Send "confirm": "${env.name}".`,
      'confirm',
    );
  }
  if (confirm === env.name) return null;
  return problem(
    422,
    'confirmation_mismatch',
    'Confirmation does not match',
    `"confirm" is "${confirm}", which does not match the environment's name.`,
    'confirm',
  );
}

/** The server's checks of a policy, roughly: five cron fields and a time zone Intl knows. */
function policyProblem({ schedule }: BackupPolicyRequest): Response | null {
  const fields = schedule.cron.trim().split(/\s+/);
  if (fields.length !== 5 || fields.some((field) => !/^[\w*,/?#+-]+$/.test(field))) {
    return problem(
      400,
      'invalid_cron',
      'Invalid schedule',
      `"${schedule.cron}" is not a valid cron expression. Use five fields.`,
      'schedule.cron',
    );
  }
  if (schedule.timezone !== 'UTC' && !Intl.supportedValuesOf('timeZone').includes(schedule.timezone)) {
    return problem(
      400,
      'invalid_timezone',
      'Unknown time zone',
      `"${schedule.timezone}" is not a time zone.`,
      'schedule.timezone',
    );
  }
  return null;
}

export const handlers = [
  ...verifyHandlers,
  http.get(
    '/v1/health',
    route(() => HttpResponse.json({ status: 'ok', version: 'test' }), { open: true }),
  ),
  http.get(
    '/v1/session',
    route(
      () =>
        db.signedIn
          ? HttpResponse.json(session())
          : problem(401, 'unauthorized', 'Not signed in', 'No session.'),
      { open: true },
    ),
  ),
  http.post(
    '/v1/session',
    route(
      ({ body }) => {
        if ((body as { token?: string }).token !== db.token) {
          return problem(401, 'invalid_token', 'Invalid token', 'That access token is not valid.');
        }
        db.signedIn = true;
        return HttpResponse.json(session());
      },
      { open: true },
    ),
  ),
  http.delete(
    '/v1/session',
    route(() => {
      db.signedIn = false;
      return new HttpResponse(null, { status: 204 });
    }),
  ),

  http.get(
    '/v1/sites',
    route(() => HttpResponse.json({ data: db.sites })),
  ),
  http.get(
    '/v1/sites/:site/environments',
    route(({ params }) => {
      const site = findSite(params.site ?? '');
      if (!site) return noSite(params.site ?? '');
      return HttpResponse.json({
        data: db.environments.filter((e) => e.site_id === site.id).map(withLiveFields),
      });
    }),
  ),
  http.get(
    '/v1/sites/:site/environments/:env',
    route(({ params }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      return HttpResponse.json(withLiveFields(env));
    }),
  ),
  http.get(
    '/v1/sites/:site/environments/:env/snapshots',
    route(({ request, params }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const offset = Number(url.searchParams.get('cursor')?.replace('c', '') ?? 0);
      const kinds = url.searchParams.get('kind')?.split(',');
      const unknown = kinds?.find((kind) => !['manual', 'scheduled', 'pre_restore'].includes(kind));
      if (unknown !== undefined) {
        return problem(
          400,
          'invalid_kind',
          'Unknown snapshot kind',
          `"${unknown}" is not a snapshot kind. Use one or several of manual, scheduled, pre_restore.`,
          'kind',
        );
      }
      const all = historyOf(env).filter((snapshot) => !kinds || kinds.includes(snapshot.kind));
      const data = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? `c${offset + limit}` : null;
      return HttpResponse.json({ data, next_cursor: next });
    }),
  ),
  http.get(
    '/v1/sites/:site/environments/:env/backup-policy',
    route(({ params }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      return HttpResponse.json(env.backup_policy);
    }),
  ),
  http.put(
    '/v1/sites/:site/environments/:env/backup-policy',
    route(({ params, body }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      const { schedule, retention } = body as BackupPolicyRequest;
      const invalid = policyProblem(body as BackupPolicyRequest);
      if (invalid) return invalid;
      const enabled = schedule.enabled ?? true;
      env.backup_policy = {
        ...env.backup_policy,
        schedule: { cron: schedule.cron, timezone: schedule.timezone, enabled },
        retention: {
          days: retention.days,
          keep_last: retention.keep_last ?? 0,
          keep_daily: retention.keep_daily ?? 0,
          keep_weekly: retention.keep_weekly ?? 0,
          keep_monthly: retention.keep_monthly ?? 0,
        },
        is_default: false,
        next_run_at: enabled ? iso(Date.now() + 6 * time.hour) : null,
        updated_at: new Date().toISOString(),
        updated_by: 'admin',
      };
      return HttpResponse.json(env.backup_policy);
    }),
  ),
  http.patch(
    '/v1/sites/:site/snapshots/:snap',
    route(({ params, body }) => {
      const snapshot = db.snapshots.find((s) => s.id === params.snap);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      const changes = body as SnapshotPatch;
      if (changes.label !== undefined) snapshot.label = changes.label?.trim() || null;
      if (changes.pinned !== undefined) snapshot.pinned = changes.pinned;
      return HttpResponse.json(snapshot);
    }),
  ),
  http.get(
    '/v1/sites/:site/snapshots/:snap',
    route(({ params }) => {
      const snapshot = db.snapshots.find((s) => s.id === params.snap);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      return HttpResponse.json(snapshot);
    }),
  ),
  http.post(
    '/v1/sites/:site/backups',
    route(({ request, params, body }) => {
      const site = findSite(params.site ?? '');
      if (!site) return noSite(params.site ?? '');
      const { environment, label } = body as { environment: string; label?: string | null };
      const env = findEnvironment(site.id, environment);
      if (!env)
        return problem(400, 'invalid_request', 'Invalid request', 'No such environment.', 'environment');
      return idempotent(request, body, () => {
        const job = newBackup(env, { label: label ?? null });
        remember(request, body, job);
        return HttpResponse.json(job, { status: 202, headers: { location: `/v1/jobs/${job.id}` } });
      });
    }),
  ),
  http.post(
    '/v1/sites/:site/environments/:env/backup-policy/run',
    route(({ request, params, body }) => {
      const site = findSite(params.site ?? '');
      const env = site && findEnvironment(site.id, params.env ?? '');
      if (!env) return problem(404, 'not_found', 'Not found', `No environment ${params.env}.`);
      return idempotent(request, body, () => {
        const job = newBackup(env, { kind: 'scheduled' });
        env.backup_policy.last_run = { job_id: job.id, status: job.status };
        env.backup_policy.last_run_at = job.created_at;
        remember(request, body, job);
        return HttpResponse.json(job, { status: 202, headers: { location: `/v1/jobs/${job.id}` } });
      });
    }),
  ),
  http.post(
    '/v1/sites/:site/snapshots/:snap/restore',
    route(({ request, params, body }) => {
      const site = findSite(params.site ?? '');
      if (!site) return noSite(params.site ?? '');
      const snapshot = db.snapshots.find((s) => s.id === params.snap && s.site_id === site.id);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      if (snapshot.status !== 'ready')
        return problem(409, 'snapshot_not_ready', 'Snapshot not ready', 'It is still being taken.');
      if (!snapshot.pinned && Date.parse(snapshot.expires_at) <= Date.now()) {
        return problem(
          409,
          'snapshot_expired',
          'Snapshot expired',
          'This restore point is no longer restorable.',
        );
      }
      if (snapshot.verification?.status === 'damaged') {
        return problem(
          409,
          'snapshot_damaged',
          'Snapshot is damaged',
          'Its last verify found contents missing or corrupt. Restore another point.',
        );
      }
      const request_ = body as { selectors?: Selector[]; environment?: string; confirm?: string };
      const env = findEnvironment(site.id, request_.environment ?? snapshot.environment);
      if (!env)
        return problem(400, 'invalid_request', 'Invalid request', 'No such environment.', 'environment');
      const unconfirmed = confirmationProblem(env, request_.confirm);
      if (unconfirmed) return unconfirmed;
      return idempotent(request, body, () => {
        const job = newJob({
          type: 'restore',
          site_id: site.id,
          environment: env.name,
          environment_id: env.id,
          snapshot_id: snapshot.id,
          selectors: request_.selectors ?? ['db', 'files'],
        });
        remember(request, body, job);
        return HttpResponse.json(job, { status: 202, headers: { location: `/v1/jobs/${job.id}` } });
      });
    }),
  ),
  http.get(
    '/v1/sites/:site/snapshots/:snap/storage',
    route(({ params }) => {
      const snapshot = db.snapshots.find((s) => s.id === params.snap);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      return HttpResponse.json(db.storage.get(snapshot.id) ?? buildStorage(snapshot));
    }),
  ),
  http.delete(
    '/v1/sites/:site/snapshots/:snap',
    route(({ request, params, body }) => {
      const snapshot = db.snapshots.find((s) => s.id === params.snap);
      if (!snapshot) return problem(404, 'not_found', 'Snapshot not found', `No snapshot ${params.snap}.`);
      if (snapshot.pinned)
        return problem(409, 'snapshot_pinned', 'Snapshot is pinned', 'Unpin it before deleting it.');
      const env = db.environments.find((e) => e.id === snapshot.environment_id);
      const confirm =
        (body as { confirm?: string } | undefined)?.confirm ??
        new URL(request.url).searchParams.get('confirm');
      const unconfirmed = env && confirmationProblem(env, confirm);
      if (unconfirmed) return unconfirmed;
      db.snapshots = db.snapshots.filter((s) => s.id !== snapshot.id);
      return new HttpResponse(null, { status: 204 });
    }),
  ),
  http.get(
    '/v1/sites/:site/snapshots/:snap/download',
    route(({ params, request }) => {
      const format = new URL(request.url).searchParams.get('format') ?? 'tar.gz';
      if (!(ARCHIVE_FORMATS as readonly string[]).includes(format)) {
        return problem(422, 'unknown_format', 'Unknown archive format', `There is no format "${format}".`);
      }
      return new HttpResponse('archive', {
        headers: {
          'content-type': ARCHIVE_MEDIA_TYPES[format as ArchiveFormat],
          'content-disposition': `attachment; filename="${params.snap}.${format}"`,
        },
      });
    }),
  ),
  http.get(
    '/v1/jobs/:job',
    route(({ params }) => {
      const job = db.jobs.find((j) => j.id === params.job);
      if (!job) return problem(404, 'not_found', 'Job not found', `No job ${params.job}.`);
      return HttpResponse.json(advance(job));
    }),
  ),
  http.get(
    '/v1/sites/:site/jobs',
    route(({ params }) => {
      const site = findSite(params.site ?? '');
      if (!site) return noSite(params.site ?? '');
      return HttpResponse.json({ data: db.jobs.filter((job) => job.site_id === site.id && isActive(job)) });
    }),
  ),
];
