// One Rewind operation in a process of its own, through the engine's public API, so its time, CPU and peak
// memory are its own. Prints one JSON line: the operation's wall and CPU time (Node's start excluded; the
// parent measures the whole process too), the process's peak memory, and time per engine phase.
// Usage: node bench/rewind-child.ts '<json ChildRequest>'
import {
  captureSnapshot,
  restoreSnapshot,
  type EnvironmentSpec,
  type JobPhase,
} from '../server/engine/index.ts';
import { createLocalStore } from '../server/store/local-store.ts';

export type ChildRequest =
  | {
      op: 'capture';
      storeRoot: string;
      snapshotId: string;
      /** The environment's previous snapshot, whose unchanged files are not read again. */
      previousId: string | null;
      env: EnvironmentSpec;
      workDir: string;
    }
  | { op: 'restore'; storeRoot: string; snapshotId: string; target: EnvironmentSpec; journalDir: string };

export interface ChildResult {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** Capture: bytes the engine says it added to the store; restore: 0. */
  storedBytes: number;
  /** Bytes of data captured or restored (uncompressed). */
  sizeBytes: number;
  /** Seconds spent in each engine phase, in order. */
  phases: Record<string, number>;
}

const request = JSON.parse(process.argv[2]!) as ChildRequest;
const store = createLocalStore(request.storeRoot);
const phases: Record<string, number> = {};
let phase: { name: JobPhase; since: number } | null = null;
const onProgress = ({ phase: name }: { phase: JobPhase }) => {
  if (phase?.name === name) return;
  const now = performance.now();
  if (phase) phases[phase.name] = (phases[phase.name] ?? 0) + (now - phase.since) / 1000;
  phase = { name, since: now };
};

const cpuBefore = process.cpuUsage();
const started = performance.now();
let storedBytes = 0;
let sizeBytes: number;
if (request.op === 'capture') {
  const previous = request.previousId ? await store.getManifest(request.previousId) : null;
  const result = await captureSnapshot({
    snapshotId: request.snapshotId,
    createdAt: new Date().toISOString(),
    env: request.env,
    store,
    previous,
    workDir: request.workDir,
    onProgress,
  });
  storedBytes = result.storedBytes;
  sizeBytes = result.sizeBytes;
} else {
  const manifest = await store.getManifest(request.snapshotId);
  if (!manifest) throw new Error(`No manifest for ${request.snapshotId} in ${request.storeRoot}.`);
  await restoreSnapshot({
    jobId: `job_bench_${Date.now()}`,
    manifest,
    target: request.target,
    selectors: ['db', 'files'],
    store,
    journalDir: request.journalDir,
    onProgress,
    // The pre-restore snapshot a real restore job takes here is left out: the comparison is with `zstd -d | tar
    // -x` into an empty folder, which has nothing to keep. (Into an empty target it would capture nothing.)
    beforeSwap: async () => {},
  });
  sizeBytes = manifest.services.reduce((sum, service) => sum + service.size_bytes, 0);
}
const wallSeconds = (performance.now() - started) / 1000;
onProgress({ phase: 'done' });
const cpu = process.cpuUsage(cpuBefore);
const result: ChildResult = {
  wallSeconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  storedBytes,
  sizeBytes,
  phases,
};
console.log(JSON.stringify(result));
