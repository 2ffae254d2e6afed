// A typed client for API v1, shared by the dashboard and the CLI. It only depends on fetch.
import type {
  BackupPolicyRequest,
  BackupRequest,
  DeleteSnapshotRequest,
  RestoreRequest,
  SnapshotListQuery,
  SnapshotPatch,
} from './requests.ts';
import type {
  ArchiveFormat,
  BackupPolicy,
  Environment,
  Health,
  Job,
  List,
  Page,
  Problem,
  Selector,
  Session,
  Site,
  Snapshot,
  SnapshotStorage,
} from './schemas.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface ClientOptions {
  /** Origin of the server, e.g. http://127.0.0.1:8080; empty for same-origin (the dashboard). */
  baseUrl?: string;
  /** Bearer token (CLI and scripts). The dashboard relies on its session cookie instead. */
  token?: string;
  /** CSRF token for cookie-authenticated writes. */
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
}

export interface WriteOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const enc = encodeURIComponent;

export function createClient(options: ClientOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown, write?: WriteOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const csrf = method !== 'GET' ? options.csrfToken?.() : null;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (write?.idempotencyKey) headers['idempotency-key'] = write.idempotencyKey;

    const response = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: write?.signal,
    });
    if (!response.ok) throw new ApiError(await readProblem(response));
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const site = (s: string) => `/v1/sites/${enc(s)}`;
  return {
    health: () => request<Health>('GET', '/v1/health'),
    getSession: () => request<Session>('GET', '/v1/session'),
    signIn: (token: string) => request<Session>('POST', '/v1/session', { token }),
    signOut: () => request<void>('DELETE', '/v1/session'),

    listSites: () => request<List<Site>>('GET', '/v1/sites'),
    getSite: (s: string) => request<Site>('GET', site(s)),
    listEnvironments: (s: string) => request<List<Environment>>('GET', `${site(s)}/environments`),
    getEnvironment: (s: string, env: string) =>
      request<Environment>('GET', `${site(s)}/environments/${enc(env)}`),
    listSnapshots: (s: string, env: string, query: SnapshotListQuery = {}) => {
      const params = new URLSearchParams();
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.kind) params.set('kind', query.kind);
      const qs = params.size ? `?${params}` : '';
      return request<Page<Snapshot>>('GET', `${site(s)}/environments/${enc(env)}/snapshots${qs}`);
    },
    getSnapshot: (s: string, snap: string) => request<Snapshot>('GET', `${site(s)}/snapshots/${enc(snap)}`),
    /** Changes a snapshot's label and whether it is pinned. */
    updateSnapshot: (s: string, snap: string, body: SnapshotPatch, write?: WriteOptions) =>
      request<Snapshot>('PATCH', `${site(s)}/snapshots/${enc(snap)}`, body, write),
    getBackupPolicy: (s: string, env: string) =>
      request<BackupPolicy>('GET', `${site(s)}/environments/${enc(env)}/backup-policy`),
    putBackupPolicy: (s: string, env: string, body: BackupPolicyRequest, write?: WriteOptions) =>
      request<BackupPolicy>('PUT', `${site(s)}/environments/${enc(env)}/backup-policy`, body, write),
    /** Starts a backup of the environment as its policy would (kind `scheduled`, then its retention). */
    runBackupPolicy: (s: string, env: string, write?: WriteOptions) =>
      request<Job>('POST', `${site(s)}/environments/${enc(env)}/backup-policy/run`, undefined, write),
    /** What the snapshot occupies in the store, and what deleting it would free. */
    getSnapshotStorage: (s: string, snap: string) =>
      request<SnapshotStorage>('GET', `${site(s)}/snapshots/${enc(snap)}/storage`),
    /** Deletes it; a snapshot of a production environment needs `confirm`. */
    deleteSnapshot: (s: string, snap: string, body: DeleteSnapshotRequest = {}, write?: WriteOptions) =>
      request<void>(
        'DELETE',
        `${site(s)}/snapshots/${enc(snap)}`,
        body.confirm === undefined ? undefined : body,
        write,
      ),
    createBackup: (s: string, body: BackupRequest, write?: WriteOptions) =>
      request<Job>('POST', `${site(s)}/backups`, body, write),
    restoreSnapshot: (s: string, snap: string, body: RestoreRequest, write?: WriteOptions) =>
      request<Job>('POST', `${site(s)}/snapshots/${enc(snap)}/restore`, body, write),
    /** Starts a verify job: every content of the snapshot read back from the store and checked. */
    verifySnapshot: (s: string, snap: string, write?: WriteOptions) =>
      request<Job>('POST', `${site(s)}/snapshots/${enc(snap)}/verify`, undefined, write),
    /** Starts one verify job over every ready snapshot of the environment. */
    verifyEnvironment: (s: string, env: string, write?: WriteOptions) =>
      request<Job>('POST', `${site(s)}/environments/${enc(env)}/verify`, undefined, write),
    getJob: (job: string) => request<Job>('GET', `/v1/jobs/${enc(job)}`),
    listActiveJobs: (s: string) => request<List<Job>>('GET', `${site(s)}/jobs?status=active`),
    /** The archive's URL, for a plain link (the browser streams it) or a streaming fetch. */
    downloadUrl: (s: string, snap: string, selectors?: Selector[], format?: ArchiveFormat) => {
      const query = new URLSearchParams();
      if (selectors?.length) query.set('selectors', selectors.join(','));
      if (format) query.set('format', format);
      const search = query.size ? `?${query.toString().replaceAll('%2C', ',')}` : '';
      return `${base}${site(s)}/snapshots/${enc(snap)}/download${search}`;
    },
  };
}

export type RewindClient = ReturnType<typeof createClient>;

/** The problem+json of a refused request, or one made up from the status when the body is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (parsed && typeof parsed.title === 'string') {
      return {
        type: parsed.type ?? 'about:blank',
        title: parsed.title,
        status: parsed.status ?? response.status,
        detail: parsed.detail ?? '',
        code: parsed.code ?? 'unknown',
        ...(parsed.field ? { field: parsed.field } : {}),
      };
    }
  } catch {
    // not JSON: fall through
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: text.slice(0, 500) || `The server answered ${response.status}.`,
    code: 'http_error',
  };
}
