import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

describe('GET /v1/openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('describes every call of API v1 with its schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/sites',
        'GET /v1/sites/{site}',
        'GET /v1/sites/{site}/environments',
        'GET /v1/sites/{site}/environments/{env}',
        'GET /v1/sites/{site}/environments/{env}/snapshots',
        'POST /v1/sites/{site}/backups',
        'GET /v1/jobs/{job}',
        'GET /v1/sites/{site}/jobs',
        'GET /v1/sites/{site}/snapshots/{snap}',
        'POST /v1/sites/{site}/snapshots/{snap}/restore',
        'GET /v1/sites/{site}/snapshots/{snap}/download',
        'DELETE /v1/sites/{site}/snapshots/{snap}',
        'GET /v1/sites/{site}/snapshots/{snap}/storage',
        'PATCH /v1/sites/{site}/snapshots/{snap}',
        'GET /v1/sites/{site}/environments/{env}/backup-policy',
        'PUT /v1/sites/{site}/environments/{env}/backup-policy',
        'POST /v1/sites/{site}/environments/{env}/backup-policy/run',
        'POST /v1/session',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Snapshot', 'Job', 'Environment', 'BackupPolicy', 'Problem']),
    );
    expect(doc.components.schemas.Snapshot.properties.kind).toBeDefined();
    expect(doc.components.schemas.Snapshot.properties.held).toBeDefined();
    expect(Object.keys(doc.components.schemas.BackupPolicy.properties)).toEqual(
      expect.arrayContaining(['schedule', 'retention', 'next_run_at', 'last_run_at']),
    );
    expect(doc.components.schemas.Environment.properties.next_backup_at).toBeDefined();
    const put = doc.paths['/v1/sites/{site}/environments/{env}/backup-policy'].put;
    expect(put.requestBody.content['application/json'].schema.properties.schedule).toBeDefined();
    expect(put.responses['400'].content['application/problem+json']).toBeDefined();
    const patch = doc.paths['/v1/sites/{site}/snapshots/{snap}'].patch;
    expect(Object.keys(patch.requestBody.content['application/json'].schema.properties)).toEqual([
      'label',
      'pinned',
    ]);
    const restore = doc.paths['/v1/sites/{site}/snapshots/{snap}/restore'].post;
    expect(restore.requestBody.content['application/json'].schema.properties.selectors).toBeDefined();
    expect(restore.responses['202']).toBeDefined();
    expect(restore.responses['404'].content['application/problem+json']).toBeDefined();
    const run = doc.paths['/v1/sites/{site}/environments/{env}/backup-policy/run'].post;
    expect(run.responses['202'].content['application/json'].schema).toBeDefined();
    expect(run.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(restore.requestBody.content['application/json'].schema.properties.confirm).toBeDefined();
    expect(restore.responses['422']).toBeDefined();
    expect(restore.description).toContain('`confirm`');

    const remove = doc.paths['/v1/sites/{site}/snapshots/{snap}'].delete;
    expect(remove.requestBody.content['application/json'].schema.properties.confirm).toBeDefined();
    expect(remove.requestBody.required).toBe(false);
    expect(restore.requestBody.required).toBe(true);
    expect(remove.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`)).toContain(
      'query confirm',
    );
    expect(remove.responses['204']).toBeDefined();
    expect(
      doc.paths['/v1/sites/{site}/snapshots/{snap}/storage'].get.responses['200'].content['application/json']
        .schema.$ref,
    ).toContain('SnapshotStorage');
    expect(remove.responses['422']).toBeDefined();
    expect(Object.keys(doc.components.schemas.SnapshotStorage.properties)).toEqual([
      'snapshot_id',
      'store_usage_bytes',
      'shared_bytes',
      'freed_bytes',
    ]);
    expect(doc.components.schemas.Environment.properties.store_usage_bytes).toBeDefined();
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    const response = await t.api({ method: 'GET', url: '/v1/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
