// Verifying snapshots: every content their manifests name is read back from the store and checked against its
// SHA-256 and recorded size. A content several snapshots share is read once, and its damage is named in each.
import { runBounded } from '../platform/concurrency.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import { createProgressReporter } from './progress.ts';
import { EngineError, type Manifest, type ProgressListener } from './types.ts';

export type DamageCode = 'missing_blob' | 'corrupt_blob' | 'size_mismatch';

/** Where a content appears in a snapshot: a file of a mount (`path`), or a database's dump (`path` null). */
export interface ContentPlace {
  service: string;
  path: string | null;
}

export interface Damage extends ContentPlace {
  sha256: string;
  code: DamageCode;
  detail: string;
}

interface Content {
  sha256: string;
  size: number;
  places: Map<string, ContentPlace[]>;
}

// Read whole (one buffer of its size) up to this; bigger ones are streamed.
const WHOLE_READ_BYTES = 4 * 1024 * 1024;
const AT_ONCE = 4;

/** Every distinct content (by name and recorded size) of the manifests, and where each snapshot has it. */
function contentsOf(manifests: readonly Manifest[]): Content[] {
  const contents = new Map<string, Content>();
  const add = (snapshotId: string, sha256: string, size: number, place: ContentPlace) => {
    const key = `${sha256}:${size}`;
    let content = contents.get(key);
    if (!content) contents.set(key, (content = { sha256, size, places: new Map() }));
    const places = content.places.get(snapshotId) ?? [];
    places.push(place);
    content.places.set(snapshotId, places);
  };
  for (const manifest of manifests) {
    for (const service of manifest.services) {
      if (service.dump)
        add(manifest.snapshot_id, service.dump.sha256, service.dump.size, {
          service: service.name,
          path: null,
        });
      for (const entry of service.entries ?? []) {
        if (entry.type === 'file') {
          add(manifest.snapshot_id, entry.sha256, entry.size, { service: service.name, path: entry.path });
        }
      }
    }
  }
  return [...contents.values()];
}

/** Reads the content through the store; resolves with what is wrong with it, or null when it is intact. */
async function checkContent(store: SnapshotStore, content: Content, onBytes: (n: number) => void) {
  const { sha256, size } = content;
  try {
    if (size <= WHOLE_READ_BYTES) {
      await store.readBlob(sha256, size);
      onBytes(size);
      return null;
    }
    let read = 0;
    for await (const chunk of store.openBlob(sha256, size) as AsyncIterable<Buffer>) {
      read += chunk.length;
      onBytes(chunk.length);
      if (read > size) break;
    }
    if (read !== size) {
      return new EngineError(
        'size_mismatch',
        `Blob ${sha256} is ${read > size ? 'larger than' : `${read} bytes, not`} the ${size} bytes recorded.`,
      );
    }
    return null;
  } catch (error) {
    // What the store says of a content it does not hold intact; anything else (a disk that cannot be read at
    // all, no permission) is not the snapshot's damage, so it fails the verify instead.
    if (
      error instanceof EngineError &&
      ['missing_blob', 'corrupt_blob', 'size_mismatch'].includes(error.code)
    ) {
      return error;
    }
    throw error;
  }
}

/**
 * Checks every content the manifests name; answers, for each manifest's snapshot, what is damaged (empty when
 * all is intact). Progress counts the bytes of distinct contents, each once.
 */
export async function verifySnapshots(options: {
  store: SnapshotStore;
  manifests: readonly Manifest[];
  onProgress?: ProgressListener;
}): Promise<Map<string, Damage[]>> {
  const { store, manifests } = options;
  const damage = new Map<string, Damage[]>(manifests.map((m) => [m.snapshot_id, []]));
  const contents = contentsOf(manifests);
  const progress = createProgressReporter(options.onProgress);
  progress.total(contents.reduce((sum, c) => sum + c.size, 0));
  progress.phase('verifying');

  const record = (content: Content, error: EngineError) => {
    for (const [snapshotId, places] of content.places) {
      for (const place of places) {
        damage.get(snapshotId)!.push({
          ...place,
          sha256: content.sha256,
          code: error.code as DamageCode,
          detail: error.message,
        });
      }
    }
  };

  const held = await store.hasBlobs(contents.map((c) => c.sha256));
  const present: Content[] = [];
  for (const content of contents) {
    if (held.has(content.sha256)) present.push(content);
    else {
      record(
        content,
        new EngineError('missing_blob', `Blob ${content.sha256} is missing from the snapshot store.`),
      );
      progress.add(content.size);
    }
  }

  await runBounded({
    items: present,
    limit: AT_ONCE,
    fn: async (content: Content) => {
      let counted = 0;
      const failure = await checkContent(store, content, (bytes) => {
        counted += bytes;
        progress.add(bytes);
      });
      if (failure) {
        progress.add(Math.max(0, content.size - counted));
        record(content, failure);
      }
    },
  });
  progress.flush();

  for (const list of damage.values()) {
    list.sort((a, b) => a.service.localeCompare(b.service) || (a.path ?? '').localeCompare(b.path ?? ''));
  }
  return damage;
}
