// Capture and restore of one-database environments for the adapter tests, with a snapshot store and journal
// folder in a temporary directory.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalStore } from '../../store/local-store.ts';
import { contentOf, replaceContent } from '../../store/testing/stored-content.ts';
import type { SnapshotStore } from '../../store/snapshot-store.ts';
import { captureSnapshot } from '../capture.ts';
import { restoreSnapshot } from '../restore.ts';
import type { EnvironmentSpec, Manifest, Progress, ServiceSpec } from '../types.ts';

export function databaseEnv(service: ServiceSpec, name = 'production'): EnvironmentSpec {
  return { site: 'acme-store', name, services: [service] };
}

export function harness(dir: string) {
  const storeRoot = path.join(dir, 'store');
  let store: SnapshotStore = createLocalStore(storeRoot);
  const journalDir = path.join(dir, 'journals');
  return {
    get store() {
      return store;
    },
    journalDir,
    async capture(env: EnvironmentSpec, snapshotId = 'snap_A', onProgress?: (p: Progress) => void) {
      const result = await captureSnapshot({
        snapshotId,
        createdAt: '2025-06-01T12:00:00.000Z',
        env,
        store,
        workDir: path.join(dir, 'work'),
        onProgress,
      });
      return result.manifest;
    },
    async restore(
      manifest: Manifest,
      target: EnvironmentSpec,
      options: { jobId?: string; beforeSwap?: () => Promise<void>; onProgress?: (p: Progress) => void } = {},
    ) {
      await restoreSnapshot({
        jobId: options.jobId ?? 'job_1',
        manifest,
        target,
        selectors: ['db', 'files'],
        store,
        journalDir,
        onProgress: options.onProgress,
        beforeSwap: options.beforeSwap ?? (async () => {}),
      });
    },
    /** The stored content of the manifest's first dump. */
    dumpOf(manifest: Manifest): Buffer {
      const sha256 = manifest.services[0]!.dump!.sha256;
      return contentOf(storeRoot, sha256);
    },
    /** A copy of `manifest` whose dump is `content` (stored with its own checksum, so it passes the store). */
    async withDump(manifest: Manifest, content: Buffer): Promise<Manifest> {
      const file = path.join(dir, `dump-${Date.now()}`);
      writeFileSync(file, content);
      const put = await store.putFile(file);
      const [first, ...rest] = manifest.services;
      return {
        ...manifest,
        services: [{ ...first!, dump: { ...first!.dump!, sha256: put.sha256, size: put.size } }, ...rest],
      };
    },
    /** Damages the stored blob of the manifest's first dump, keeping its size: only the checksum tells. */
    damageDump(manifest: Manifest): void {
      const content = this.dumpOf(manifest);
      content[Math.floor(content.length / 2)]! ^= 0xff;
      replaceContent(storeRoot, manifest.services[0]!.dump!.sha256, content);
      store = createLocalStore(storeRoot); // as a restart would: the store reads its indexes afresh
    },
    journals: () => {
      try {
        return readdirSync(journalDir);
      } catch {
        return [];
      }
    },
  };
}
