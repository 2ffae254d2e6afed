// The fake server's state: what the MSW handlers read and change, and what tests arrange and inspect.
import type {
  DamagedContent,
  Environment,
  Job,
  Selector,
  Site,
  Snapshot,
  SnapshotStorage,
} from '@contract/schemas';
import { beforeRestoreOf, buildEnvironment, buildJob, buildSite, buildSnapshot, time, ago } from './fixtures';

export interface RecordedRequest {
  /** When it arrived (Date.now(), so fake timers apply). */
  at: number;
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export type JobStep = Partial<Omit<Job, 'progress'>> & { progress?: Partial<Job['progress']> };

export interface MockDb {
  token: string;
  csrf: string;
  signedIn: boolean;
  sites: Site[];
  environments: Environment[];
  snapshots: Snapshot[];
  jobs: Job[];
  /** What a snapshot occupies in the store, when a test says (buildStorage's otherwise). */
  storage: Map<string, SnapshotStorage>;
  /** What a verify finds damaged in a snapshot, when a test says (nothing otherwise). */
  damage: Map<string, DamagedContent[]>;
  idempotency: Map<string, { body: string; job: Job }>;
  /** Steps a job goes through, one per GET /v1/jobs/{id}; the last stays. */
  jobSteps: Map<string, JobStep[]>;
  requests: RecordedRequest[];
  /** Writes whose effect happens but whose answer is lost on the way back (a network error). */
  loseAnswers: number;
}

function empty(): MockDb {
  return {
    token: 'test-token',
    csrf: 'csrf-123',
    signedIn: true,
    sites: [],
    environments: [],
    snapshots: [],
    jobs: [],
    storage: new Map(),
    damage: new Map(),
    idempotency: new Map(),
    jobSteps: new Map(),
    requests: [],
    loseAnswers: 0,
  };
}

export const db: MockDb = empty();

export function resetDb(): void {
  Object.assign(db, empty());
}

/** The demo site: acme-store with production (two snapshots), staging (one) and preview-checkout (none). */
export function seedDemo() {
  const site = buildSite();
  const production = buildEnvironment(site, { store_usage_bytes: 43_000_000 });
  const staging = buildEnvironment(site, { name: 'staging', type: 'staging', store_usage_bytes: 41_800_000 });
  const preview = buildEnvironment(site, { name: 'preview-checkout', type: 'preview' });
  const older = buildSnapshot(production, {
    kind: 'scheduled',
    created_by: 'scheduler',
    created_at: ago(time.day + time.hour),
    expires_at: ago(-(13 * time.day - time.hour)),
  });
  const newer = buildSnapshot(production, { label: 'before upgrade', created_at: ago(3 * time.hour) });
  const stagingSnapshot = buildSnapshot(staging, { created_at: ago(2 * time.hour) });
  db.sites.push(site);
  db.environments.push(production, staging, preview);
  db.snapshots.push(older, newer, stagingSnapshot);
  return { site, production, staging, preview, older, newer, stagingSnapshot };
}

/** Requests recorded so far that match a method and a path (a string, exact, or a pattern). */
export function requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
  return db.requests.filter(
    (request) =>
      request.method === method &&
      (typeof path === 'string' ? request.path === path : path.test(request.path)),
  );
}

/** A restore of `point` into `env` that succeeded at `at`, with the ready pre-restore snapshot it took. */
export function seedFinishedRestore(
  env: Environment,
  point: Snapshot,
  { selectors = ['db'], at = ago(5 * time.minute) }: { selectors?: Selector[]; at?: string } = {},
) {
  const job = buildJob(env, {
    type: 'restore',
    status: 'succeeded',
    snapshot_id: point.id,
    selectors,
    progress: { phase: 'done', done_bytes: point.size_bytes, total_bytes: point.size_bytes },
    created_at: at,
    started_at: at,
    finished_at: at,
  });
  const preRestore = buildSnapshot(env, {
    kind: 'pre_restore',
    created_at: at,
    before_restore: beforeRestoreOf({ id: job.id, selectors }, point),
  });
  job.pre_restore_snapshot_id = preRestore.id;
  db.jobs.push(job);
  db.snapshots.push(preRestore);
  return { job, preRestore };
}
