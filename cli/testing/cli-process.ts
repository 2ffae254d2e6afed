// Runs the CLI as operators do, as a child process, against a real server on a free port with real
// environments (SQLite databases and uploads folders) in a temporary folder.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type RewindClient } from '../../contract/client.ts';
import type { Job, Snapshot } from '../../contract/schemas.ts';
import { startRewindServer, type RewindServer } from '../../server/testing/server-process.ts';
import { writeTestConfig } from '../../server/testing/test-app.ts';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const pinnedNode = path.join(projectRoot, 'node_modules', '.bin', 'node');
const main = path.join(projectRoot, 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** REWIND_URL, REWIND_TOKEN and anything else; other REWIND_* of the test's own process are dropped. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to stdin, a pipe (never a terminal), then closed. */
  input?: string;
  command?: string[];
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('REWIND_')),
  );
  const [command, ...prefix] = options.command ?? [pinnedNode, main];
  const child = spawn(command!, [...prefix, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...inherited, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface CliServer {
  server: RewindServer;
  dir: string;
  envs: Awaited<ReturnType<typeof writeTestConfig>>['envs'];
  api: RewindClient;
  /** The CLI, pointed at this server through REWIND_URL and REWIND_TOKEN. */
  rewind: (args: string[], options?: RunOptions) => Promise<CliResult>;
  waitForJob: (id: string) => Promise<Job>;
  /** An environment's snapshots, newest first, leaving out any a schedule may have taken meanwhile. */
  snapshotsOf: (site: string, env: string) => Promise<Snapshot[]>;
  stop: () => Promise<void>;
}

export async function startCliServer(): Promise<CliServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rewind-cli-'));
  let server: RewindServer;
  let envs: CliServer['envs'];
  try {
    const config = await writeTestConfig(dir);
    envs = config.envs;
    server = await startRewindServer({ env: { REWIND_CONFIG: config.configFile } });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const api = createClient({ baseUrl: server.url, token: server.token });
  return {
    server,
    dir,
    envs,
    api,
    rewind: (args, options = {}) =>
      runCli(args, {
        ...options,
        env: { REWIND_URL: server.url, REWIND_TOKEN: server.token, ...options.env },
      }),
    async waitForJob(id) {
      for (;;) {
        const job = await api.getJob(id);
        if (job.status !== 'queued' && job.status !== 'running') return job;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async snapshotsOf(site, env) {
      const { data } = await api.listSnapshots(site, env, { limit: 200 });
      return data.filter((snapshot) => snapshot.kind !== 'scheduled');
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
