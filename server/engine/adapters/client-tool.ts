// Running a database's own client tool (pg_dump, pg_restore, mariadb-dump, mariadb): output streamed to a
// file, input streamed from the store, never a whole dump in memory. Credentials go in through the
// environment or a defaults file that exists on disk only for an instant (open, write, unlink, then handed to
// the tool as a file descriptor), never through the command line, where `ps` would show them.
import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The first of `names` found on the PATH, as an absolute path, or null. */
export async function findTool(names: string[]): Promise<string | null> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export interface ToolRun {
  command: string;
  args: string[];
  /** Added to the environment; PG* and MYSQL* variables of Rewind's own environment are not passed on. */
  env?: Record<string, string>;
  /** Content the tool reads from /dev/fd/3 (a MariaDB defaults file with the password). */
  secretFile?: string;
  /** Piped into the tool's stdin. Its errors win over the tool's: the tool is stopped and they are thrown. */
  input?: AsyncIterable<Buffer>;
  /** Applied to `input` on its way in. */
  transform?: Transform;
  /** The tool's stdout goes to this new file (mode 0600). */
  outputFile?: string;
  onOutput?: (bytes: number) => void;
}

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

const STDERR_KEEP = 64 * 1024;

/** A file descriptor for a temporary file that is already unlinked: nothing is left on disk, even after a kill. */
function unlinkedFile(content: string): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rewind-'));
  try {
    const fd = openSync(path.join(dir, 'client.cnf'), 'wx+', 0o600);
    writeSync(fd, content);
    return fd; // closed by runTool once the tool holds its own copy
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG') && !key.startsWith('MYSQL')) env[key] = value;
  }
  return { ...env, ...extra };
}

export async function runTool(run: ToolRun): Promise<ToolResult> {
  const secretFd = run.secretFile === undefined ? null : unlinkedFile(run.secretFile);
  let child;
  try {
    child = spawn(run.command, run.args, {
      env: toolEnv(run.env),
      stdio: [
        run.input ? 'pipe' : 'ignore',
        run.outputFile ? 'pipe' : 'ignore',
        'pipe',
        ...(secretFd === null ? [] : [secretFd]),
      ],
    });
  } finally {
    if (secretFd !== null) closeSync(secretFd);
  }

  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEEP);
  });
  const exited = new Promise<ToolResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  exited.catch(() => {});

  const work: Promise<void>[] = [];
  if (run.input) work.push(feed(run.input, run.transform ?? new PassThrough(), child.stdin!));
  if (run.outputFile) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        run.onOutput?.(chunk.length);
        done(null, chunk);
      },
    });
    work.push(
      pipeline(child.stdout!, counter, createWriteStream(run.outputFile, { flags: 'wx', mode: 0o600 })),
    );
  }
  try {
    await Promise.all(work);
  } catch (error) {
    child.kill('SIGKILL');
    await exited.catch(() => {});
    throw error;
  }
  return exited;
}

/**
 * Reads the whole input, even when the tool stops reading early, because reading to the end is what checks
 * its size and checksum. A tool that stopped early has failed or finished; its exit status says which.
 */
async function feed(input: AsyncIterable<Buffer>, sink: Transform, stdin: Writable): Promise<void> {
  pipeline(sink, stdin).catch(() => {}); // a tool that dies shows in its exit status
  for await (const chunk of input) {
    if (sink.destroyed || stdin.destroyed) continue;
    if (!sink.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          sink.off('drain', done);
          sink.off('close', done);
          resolve();
        };
        sink.on('drain', done);
        sink.on('close', done);
      });
    }
  }
  if (!sink.destroyed) sink.end();
}
