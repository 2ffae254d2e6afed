// A download of a damaged snapshot must never look complete: damage found before the first byte is a 409 the
// client can read; damage found later breaks the connection off, so the client sees an incomplete download.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../contract/schemas.ts';
import type { FileEntry } from '../../engine/types.ts';
import { damageContent } from '../../store/testing/stored-content.ts';
import { startTestApp, testToken, type TestApp } from '../../testing/test-app.ts';

describe.each(['tar.gz', 'tar.zst'] as const)('downloading a damaged snapshot as .%s', (format) => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    // Three blocks of incompressible bytes sort first in the archive: the damage after them is found late.
    await writeFile(path.join(t.envs.staging.uploads, 'aaa-video.bin'), randomBytes(3 * 1024 * 1024));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => t.close());

  const filesOf = async (snapshot: Snapshot) =>
    (await t.services.store.getManifest(snapshot.id))!.services
      .flatMap((service) => service.entries ?? [])
      .filter((entry): entry is FileEntry => entry.type === 'file');
  const get = (snapshot: Snapshot, selectors: string) =>
    fetch(
      `${url}/v1/sites/acme-store/snapshots/${snapshot.id}/download?format=${format}&selectors=${selectors}`,
      { headers: { authorization: `Bearer ${testToken}` } },
    );

  it('answers 409 saying which content is damaged when it is found before the first byte', async () => {
    const snapshot = await t.snapshotOf('production');
    const file = (await filesOf(snapshot)).find((entry) => entry.path.endsWith('.png'))!;
    await t.services.store.deleteBlob(file.sha256);

    const response = await get(snapshot, 'db,files');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('corrupt_snapshot');
    expect(problem.detail).toContain(file.sha256);
    expect(problem.detail).toContain('Take a new snapshot');
  });

  it('breaks the download off when the damage is found after the first bytes were sent', async () => {
    const snapshot = await t.snapshotOf('staging');
    const files = await filesOf(snapshot);
    expect(files[0]!.path).toBe('aaa-video.bin');
    const late = files.at(-1)!;
    damageContent(path.join(t.dir, 'data', 'store'), late.sha256);

    const response = await get(snapshot, 'files');
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});
