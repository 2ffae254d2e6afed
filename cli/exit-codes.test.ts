// The exit codes scripts rely on (documented in `rewind --help` and cli/README.md), each produced for real.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../contract/client.ts';
import { ExitCode, exitCodeFor } from './exit-codes.ts';
import { runCli, startCliServer, type CliServer } from './testing/cli-process.ts';

let rewind: CliServer;
beforeAll(async () => {
  rewind = await startCliServer();
});
afterAll(() => rewind?.stop());

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('exit codes', () => {
  it('0 and the help for --help on every command, without a token', async () => {
    const commands = [
      ['sites'],
      ['envs'],
      ['backup', 'create'],
      ['snapshots', 'list'],
      ['snapshots', 'delete'],
      ['restore'],
      ['download'],
      ['jobs', 'wait'],
    ];
    const results = await Promise.all(commands.map((words) => runCli([...words, '--help'])));
    results.forEach((result, i) => {
      const words = commands[i]!.join(' ');
      expect(result.code, words).toBe(0);
      expect(result.stdout, words).toContain(`Usage: rewind ${words}`);
      expect(result.stdout, words).toContain('Exit codes:');
    });
    const [root, group] = await Promise.all([runCli(['--help']), runCli(['backup', '-h'])]);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('rewind restore SNAP');
    expect(root.stdout).toContain('3  authentication or authorization error');
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('rewind backup create');
  });

  it('2 for usage errors: unknown command or flag, missing argument, bad value', async () => {
    const cases = [
      [],
      ['backups'],
      ['backup'],
      ['sites', '--verbose'],
      ['envs'],
      ['backup', 'create', '--site', 'acme-store'],
      ['restore', '--site', 'acme-store'],
      ['download', 'snap_x', '--site', 'acme-store', '--selectors', 'database'],
      ['snapshots', 'list', '--site', 'acme-store', '--env', 'production', '--limit', 'many'],
      ['sites', 'extra'],
    ];
    const results = await Promise.all(cases.map((args) => rewind.rewind(args)));
    results.forEach((result, i) => {
      const args = cases[i]!.join(' ');
      expect(result.code, `${args}\n${result.stderr}`).toBe(2);
      expect(result.stderr, args).toMatch(/\S/);
    });
    const invalid = await rewind.rewind([
      'backup',
      'create',
      '--site',
      'acme-store',
      '--env',
      'production',
      '--label',
      'a\tb',
    ]);
    expect(invalid.code).toBe(2); // the API's 400
    expect(invalid.stderr).toContain('Invalid request');
  });

  it('3 without a token or with a wrong one', async () => {
    const missing = await runCli(['sites'], { env: { REWIND_URL: rewind.server.url } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('set REWIND_TOKEN or pass --token');
    const wrong = await rewind.rewind(['sites', '--token', 'rwd_wrong']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/^rewind: .+: .+/);
  });

  it('4 for what does not exist, with the problem title and detail', async () => {
    const snapshot = await rewind.rewind(['restore', 'snap_missing', '--site', 'acme-store', '--yes']);
    expect(snapshot.code).toBe(4);
    expect(snapshot.stderr).toMatch(/^rewind: Snapshot not found: .*snap_missing/);
    expect((await rewind.rewind(['envs', '--site', 'no-such-site'])).code).toBe(4);
    expect((await rewind.rewind(['jobs', 'wait', 'job_missing'])).code).toBe(4);
    const json = await rewind.rewind([
      'snapshots',
      'list',
      '--site',
      'acme-store',
      '--env',
      'nope',
      '--json',
    ]);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('5 when the server cannot be reached, after retrying a write', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const read = await runCli(['sites'], { env: { REWIND_URL: url, REWIND_TOKEN: 'rwd_x' } });
    expect(read.code).toBe(5);
    expect(read.stderr).toContain(`Could not reach Rewind at ${url} (ECONNREFUSED)`);
    const write = await runCli(['backup', 'create', '--site', 'acme-store', '--env', 'production'], {
      env: { REWIND_URL: url, REWIND_TOKEN: 'rwd_x' },
    });
    expect(write.code).toBe(5);
    expect(write.stderr).toContain('retrying (3/3)');
  });

  it('maps API statuses onto the same codes', () => {
    const problem = (status: number) =>
      new ApiError({ type: 'about:blank', title: 't', status, detail: '', code: 'x' });
    expect([400, 401, 403, 404, 409, 422, 500, 503].map((status) => exitCodeFor(problem(status)))).toEqual([
      ExitCode.usage,
      ExitCode.auth,
      ExitCode.auth,
      ExitCode.notFound,
      ExitCode.failed,
      ExitCode.usage,
      ExitCode.unavailable,
      ExitCode.unavailable,
    ]);
  });
});
