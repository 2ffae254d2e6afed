// The Rewind side of each comparison: one child process per operation (rewind-child.ts), run with this very
// Node (process.execPath, the project's pinned one).
import path from 'node:path';
import type { EnvironmentSpec } from '../server/engine/index.ts';
import type { Corpus } from './corpus.ts';
import { run, timed, treeBytes, type Sample } from './measure.ts';
import type { ChildRequest, ChildResult } from './rewind-child.ts';

const CHILD = path.join(import.meta.dirname, 'rewind-child.ts');

export interface RewindResult extends ChildResult {
  /** What the store grew by, manifest included (the engine's storedBytes counts blobs only). */
  storeGrowthBytes: number;
  /** The whole child process, Node's start included. */
  process: Sample | null;
}

export function environmentOf(dbFile: string, uploadsDir: string, name = 'production'): EnvironmentSpec {
  return {
    site: 'bench',
    name,
    services: [
      { name: 'db', type: 'sqlite', selector: 'db', path: dbFile },
      { name: 'uploads', type: 'files', selector: 'files', path: uploadsDir },
    ],
  };
}

export const corpusEnvironment = (corpus: Corpus) => environmentOf(corpus.dbFile, corpus.uploadsDir);

async function runChild(
  request: ChildRequest,
  withTime: boolean,
): Promise<{ result: ChildResult; process: Sample | null }> {
  const args = ['--disable-warning=ExperimentalWarning', CHILD, JSON.stringify(request)];
  if (withTime) {
    const sample = await timed(process.execPath, args);
    return { result: JSON.parse(sample.stdout.trim().split('\n').at(-1)!) as ChildResult, process: sample };
  }
  const started = performance.now();
  const { code, stdout, stderr } = await run(process.execPath, args);
  if (code !== 0) throw new Error(`the Rewind child failed (exit ${code}):\n${stderr}`);
  const wallSeconds = (performance.now() - started) / 1000;
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
  return { result, process: { wallSeconds, cpuSeconds: Number.NaN, peakRssBytes: result.peakRssBytes } };
}

export async function rewindCapture(
  options: {
    storeRoot: string;
    snapshotId: string;
    previousId: string | null;
    env: EnvironmentSpec;
    workDir: string;
  },
  withTime: boolean,
): Promise<RewindResult> {
  const before = treeBytes(options.storeRoot);
  const { result, process } = await runChild({ op: 'capture', ...options }, withTime);
  return { ...result, storeGrowthBytes: treeBytes(options.storeRoot) - before, process };
}

export async function rewindRestore(
  options: { storeRoot: string; snapshotId: string; target: EnvironmentSpec; journalDir: string },
  withTime: boolean,
): Promise<RewindResult> {
  const { result, process } = await runChild({ op: 'restore', ...options }, withTime);
  return { ...result, storeGrowthBytes: 0, process };
}
