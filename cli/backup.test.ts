// Journey: an operator takes a snapshot from a terminal or a CI script and reads the history back.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Job, Page, Site, Snapshot } from '../contract/schemas.ts';
import { startCliServer, type CliServer } from './testing/cli-process.ts';

let rewind: CliServer;
beforeAll(async () => {
  rewind = await startCliServer();
});
afterAll(() => rewind?.stop());

describe('rewind backup create', () => {
  it('with --wait ends when the snapshot is ready', async () => {
    const result = await rewind.rewind([
      'backup',
      'create',
      '--site',
      'acme-store',
      '--env',
      'production',
      '--label',
      'before deploy',
      '--wait',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const id = /Snapshot (snap_\w+) of acme-store\/production is ready/.exec(result.stdout)?.[1];
    expect(id, result.stdout).toBeDefined();
    const snapshot = await rewind.api.getSnapshot('acme-store', id!);
    expect(snapshot).toMatchObject({ status: 'ready', label: 'before deploy', kind: 'manual' });
    // Not a terminal: phase changes as lines on stderr, no progress bar escapes.
    expect(result.stderr).toMatch(/backup job_\w+: succeeded/);
    expect(result.stderr).not.toContain('\x1b[');
  });

  it('with --json prints the accepted Job, and jobs wait --json the finished one', async () => {
    const created = await rewind.rewind([
      'backup',
      'create',
      '--site',
      'acme-store',
      '--env',
      'staging',
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const job = JSON.parse(created.stdout) as Job;
    expect(job).toMatchObject({ type: 'backup', environment: 'staging' });
    expect(job.id).toMatch(/^job_/);

    const waited = await rewind.rewind(['jobs', 'wait', job.id, '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ id: job.id, status: 'succeeded' });
    expect((await rewind.api.getSnapshot('acme-store', job.snapshot_id)).status).toBe('ready');
  });

  it('exits 1 with the error when the job fails', async () => {
    // The other site's database is no longer a database: the capture fails for real.
    await writeFile(rewind.envs.other.db, 'this is not a sqlite database '.repeat(200));
    const result = await rewind.rewind([
      'backup',
      'create',
      '--site',
      'other-site',
      '--env',
      'production',
      '--wait',
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Backup job job_\w+ failed: .+cannot be opened.+\(service_unreadable\)/);

    const json = await rewind.rewind([
      'backup',
      'create',
      '--site',
      'other-site',
      '--env',
      'production',
      '--wait',
      '--json',
    ]);
    expect(json.code).toBe(1);
    const job = JSON.parse(json.stdout) as Job;
    expect(job.status).toBe('failed');
    expect(job.error?.detail).toBeTruthy();
  });
});

describe('reading', () => {
  it('lists sites, environments and snapshots as tables and as JSON', async () => {
    const sites = await rewind.rewind(['sites']);
    expect(sites.code).toBe(0);
    expect(sites.stdout).toMatch(/^SLUG\s+NAME\s+ID\n/);
    expect(sites.stdout).toMatch(/acme-store\s+Acme Store\s+site_\w+/);
    const sitesJson = JSON.parse((await rewind.rewind(['sites', '--json'])).stdout) as Site[];
    expect(sitesJson.map((site) => site.slug)).toEqual(['acme-store', 'other-site']);

    const envs = await rewind.rewind(['envs', '--site', 'acme-store']);
    expect(envs.code).toBe(0);
    expect(envs.stdout).toMatch(
      /production\s+production\s+db [\d.]+ kB, uploads [\d.]+ kB\s+(just now|\d+ s ago), ready/,
    );
    const envsJson = JSON.parse(
      (await rewind.rewind(['envs', '--site', 'acme-store', '--json'])).stdout,
    ) as Environment[];
    expect(envsJson.map((env) => env.name)).toEqual(['production', 'staging']);

    const list = await rewind.rewind(['snapshots', 'list', '--site', 'acme-store', '--env', 'production']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /snap_\w+\s+(just now|\d+ s ago)\s+manual\s+before deploy\s+[\d.]+ kB \/ [\d.]+ kB\s+ready\s+for \d+ days/,
    );
    const page = JSON.parse(
      (
        await rewind.rewind([
          'snapshots',
          'list',
          '--site',
          'acme-store',
          '--env',
          'production',
          '--json',
          '--limit',
          '1',
        ])
      ).stdout,
    ) as Page<Snapshot>;
    expect(page.data).toHaveLength(1);
    expect(page.data[0]!.status).toBe('ready');
  });
});
