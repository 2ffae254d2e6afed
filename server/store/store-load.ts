// Loading a store into memory at its first use: its format checked (and written, for a new or format-1 store),
// then every pack's index, format-1 blob file and chunk list read into the index's columns, sorted once
// (index-columns.ts), without one object per content. Then a format-1 store's blob files move into packs
// (migrate.ts), before the store answers anything.
import { EngineError } from '../platform/errors.ts';
import type { StoreBackend } from './backend/backend.ts';
import { CHUNKED, LOOSE, SHA256, type ContentIndex, type IndexedEntry } from './content-index.ts';
import { IndexColumns } from './index-columns.ts';
import { migrateLooseBlobs } from './migrate.ts';
import {
  checkedIndexCount,
  decodeChunks,
  decodeIndex,
  MARKER,
  packName,
  STORE_FORMAT,
} from './pack-format.ts';

export async function names(backend: StoreBackend, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const name of backend.list(prefix)) found.push(name);
  return found;
}

async function checkMarker(backend: StoreBackend): Promise<void> {
  const marker = await backend.get(MARKER);
  if (marker) {
    let format: unknown;
    try {
      format = (JSON.parse(marker.toString('utf8')) as { format?: unknown }).format;
    } catch {
      format = undefined;
    }
    if (typeof format === 'number' && format <= STORE_FORMAT) return;
    throw new EngineError(
      'unsupported_store',
      `The snapshot store at ${backend.where} is of format ${String(format)}, which this Rewind cannot read ` +
        `(it reads formats 1 to ${STORE_FORMAT}): upgrade Rewind, or point it at another data directory.`,
    );
  }
  await backend.publish([await backend.stage(MARKER, Buffer.from(`{"format":${STORE_FORMAT}}\n`))]);
}

/** The indexes (checked) of the packs `index` does not know yet, each with its pack's number. */
async function newPackIndexes(
  backend: StoreBackend,
  index: ContentIndex,
): Promise<Array<{ data: Buffer; pack: number; count: number; where: string }>> {
  const packs = new Set(await names(backend, 'packs/'));
  const found = [];
  for (const name of await names(backend, 'index/')) {
    const pack = name.slice('index/'.length);
    if (index.knowsPack(pack)) continue;
    if (!packs.has(packName(pack))) continue; // its pack never became durable: cleanTemporary drops it
    const data = await backend.get(name);
    if (!data) continue;
    const where = `${backend.where}/${name}`;
    let count: number;
    try {
      count = checkedIndexCount(data, where);
    } catch {
      // A damaged index is left as it is (checkStore names it): its contents are not offered, so the next
      // capture of each stores it afresh, and the rest of the store stays readable.
      continue;
    }
    found.push({ data, count, pack: index.packNumber(pack), where });
  }
  return found;
}

/** The entries of packs written since the store loaded (by another store object on the same backend). */
export async function newPackEntries(backend: StoreBackend, index: ContentIndex): Promise<IndexedEntry[]> {
  return (await newPackIndexes(backend, index)).flatMap(({ data, pack, where }) =>
    decodeIndex(data, where).map((entry) => ({ ...entry, pack })),
  );
}

/** Fills `index` and `pieceRefs` (how many chunk lists name each piece) from the backend. */
export async function loadStore(
  backend: StoreBackend,
  index: ContentIndex,
  pieceRefs: Map<string, number>,
): Promise<void> {
  await checkMarker(backend);
  const packIndexes = await newPackIndexes(backend, index);
  const loose: string[] = [];
  for (const name of await names(backend, 'blobs/')) {
    const [, prefix, sha256] = name.split('/');
    if (sha256 && SHA256.test(sha256) && sha256.startsWith(prefix!)) loose.push(sha256);
  }
  const chunked: string[] = [];
  for (const name of await names(backend, 'chunks/')) {
    const sha256 = name.split('/')[2]!;
    const data = SHA256.test(sha256) ? await backend.get(name) : null;
    if (!data) continue;
    chunked.push(sha256);
    for (const piece of decodeChunks(data, sha256, `${backend.where}/${name}`)) {
      pieceRefs.set(piece.sha256, (pieceRefs.get(piece.sha256) ?? 0) + 1);
    }
  }

  const inPacks = packIndexes.reduce((sum, { count }) => sum + count, 0);
  const columns = new IndexColumns(inPacks + loose.length + chunked.length);
  for (const { data, pack } of packIndexes.splice(0)) columns.pushPackIndex(data, pack);
  for (const [list, pack] of [
    [loose, LOOSE],
    [chunked, CHUNKED],
  ] as const) {
    for (const sha256 of list) columns.push(Buffer.from(sha256, 'hex'), 0, pack, 0, 0, false);
  }
  index.load(columns);

  // Contents of a pack that failed their checksum stay in the pack, but the store no longer offers them.
  for (const name of await names(backend, 'quarantine/')) {
    const [sha256, pack] = name.slice('quarantine/'.length).split('.');
    if (sha256 && pack) index.remove(sha256, false, pack);
  }
  if (loose.length > 0) await migrateLooseBlobs(backend, index, loose);
}
