// The bench's data: an environment like a real one, made deterministically (seeded) under bench/.work/.
//   env/db/shop.db           a SQLite shop database in WAL mode (≈27% of the size)
//   env/uploads/media/       large incompressible media files, 10–40 MB each at 1 GiB (≈48%)
//   env/uploads/site/…       tens of thousands of small compressible documents, 1–16 KiB (≈25%)
// Generating 1 GiB takes a while, so a corpus is reused while its marker says it was made with the same
// parameters. The 1%-change step records what it changed in the marker first, so an interrupted bench is
// undone on the next start.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Random, seedOf } from '../server/config/prng.ts';
import { createShopDatabase } from './corpus-db.ts';
import { DOCUMENT_KINDS, documentText } from './corpus-text.ts';
import { keystream } from './random-bytes.ts';

const VERSION = 1;
const SEED = 'rewind-bench';
const SMALL_MIN = 1024;
const SMALL_MAX = 16 * 1024;
const FILES_PER_FOLDER = 100;

export interface Corpus {
  root: string;
  /** The environment's folder: what the native pipelines archive. */
  envDir: string;
  dbFile: string;
  uploadsDir: string;
  stats: CorpusStats;
}

export interface CorpusStats {
  sizeBytes: number;
  totalBytes: number;
  dbBytes: number;
  smallFiles: number;
  smallBytes: number;
  mediaFiles: number;
  mediaBytes: number;
  /** Upload paths (relative to uploads/), in path order. */
  files: string[];
}

interface Marker {
  version: number;
  seed: string;
  sizeBytes: number;
  stats: CorpusStats;
  /** Files the 1% change appended to, with what to put back. */
  changed: Array<{ path: string; size: number; mtimeMs: number }>;
}

export function corpusPaths(workDir: string, sizeBytes: number) {
  const root = path.join(workDir, `corpus-${Math.round(sizeBytes / 1024 ** 2)}MiB`);
  const envDir = path.join(root, 'env');
  return {
    root,
    envDir,
    dbFile: path.join(envDir, 'db', 'shop.db'),
    uploadsDir: path.join(envDir, 'uploads'),
    marker: path.join(root, 'marker.json'),
  };
}

function readMarker(file: string): Marker | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/** The corpus for this size: reused when its marker matches (and put back if a change was left), else made. */
export function ensureCorpus(workDir: string, sizeBytes: number, log: (line: string) => void): Corpus {
  const paths = corpusPaths(workDir, sizeBytes);
  let marker = readMarker(paths.marker);
  if (marker?.version === VERSION && marker.seed === SEED && marker.sizeBytes === sizeBytes) {
    if (marker.changed.length > 0) revertChange(paths.marker, paths.uploadsDir, marker);
    log(`Corpus: reusing ${path.relative(process.cwd(), paths.root)}`);
  } else {
    log(`Corpus: generating ${formatMiB(sizeBytes)} under ${path.relative(process.cwd(), paths.root)}…`);
    const started = performance.now();
    rmSync(paths.root, { recursive: true, force: true });
    const stats = generate(paths, sizeBytes);
    marker = { version: VERSION, seed: SEED, sizeBytes, stats, changed: [] };
    writeFileSync(paths.marker, JSON.stringify(marker));
    log(`Corpus: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return {
    root: paths.root,
    envDir: paths.envDir,
    dbFile: paths.dbFile,
    uploadsDir: paths.uploadsDir,
    stats: marker.stats,
  };
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

function generate(paths: ReturnType<typeof corpusPaths>, sizeBytes: number): CorpusStats {
  const random = new Random(seedOf(`${SEED}:files`));
  mkdirSync(path.dirname(paths.dbFile), { recursive: true });
  const files: string[] = [];

  // Media: a few large incompressible files sharing ≈48% of the size, each 0.4–1.6× their mean.
  const mediaBudget = Math.round(sizeBytes * 0.48);
  const mediaCount = Math.max(2, Math.round((20 * sizeBytes) / 1024 ** 3));
  const weights = Array.from({ length: mediaCount }, () => 0.4 + random.next() * 1.2);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  mkdirSync(path.join(paths.uploadsDir, 'media'), { recursive: true });
  let mediaBytes = 0;
  weights.forEach((weight, index) => {
    const size = Math.round((mediaBudget * weight) / weightSum);
    const name = `media/${index % 2 === 0 ? 'video' : 'podcast'}-${String(index + 1).padStart(3, '0')}.${index % 2 === 0 ? 'mp4' : 'mp3'}`;
    writeFileSync(path.join(paths.uploadsDir, name), keystream(`${SEED}:${name}`)(size));
    files.push(name);
    mediaBytes += size;
  });

  // Small documents: ≈25% of the size, 1–16 KiB each, a hundred to a folder, two folder levels deep.
  const smallBudget = Math.round(sizeBytes * 0.25);
  let smallBytes = 0;
  let smallFiles = 0;
  while (smallBytes < smallBudget) {
    const index = smallFiles++;
    const kind = DOCUMENT_KINDS[index % DOCUMENT_KINDS.length]!;
    const folder = `site/${String(Math.floor(index / (FILES_PER_FOLDER * 10))).padStart(3, '0')}/${Math.floor(index / FILES_PER_FOLDER) % 10}`;
    const name = `${folder}/${kind === 'json' ? 'order' : kind === 'csv' ? 'export' : kind === 'html' ? 'page' : 'note'}-${String(index).padStart(6, '0')}.${kind}`;
    if (index % FILES_PER_FOLDER === 0) mkdirSync(path.join(paths.uploadsDir, folder), { recursive: true });
    const size = random.int(SMALL_MIN, SMALL_MAX);
    writeFileSync(path.join(paths.uploadsDir, name), documentText(random, kind, size));
    files.push(name);
    smallBytes += size;
  }

  // The database: ≈27%, whatever the pages come to.
  createShopDatabase(paths.dbFile, Math.round(sizeBytes * 0.27), SEED);
  const dbBytes = statSync(paths.dbFile).size;
  files.sort();
  return {
    sizeBytes,
    totalBytes: dbBytes + mediaBytes + smallBytes,
    dbBytes,
    smallFiles,
    smallBytes,
    mediaFiles: mediaCount,
    mediaBytes,
    files,
  };
}

/** Appends a line to 1% of the upload files (every 100th in path order). Returns how many were changed. */
export function changeOnePercent(corpus: Corpus, stamp: string): number {
  const markerFile = path.join(corpus.root, 'marker.json');
  const marker = readMarker(markerFile)!;
  const chosen = corpus.stats.files.filter((_file, index) => index % 100 === 50);
  marker.changed = chosen.map((file) => {
    const info = statSync(path.join(corpus.uploadsDir, file));
    return { path: file, size: info.size, mtimeMs: info.mtimeMs };
  });
  writeFileSync(markerFile, JSON.stringify(marker)); // first, so an interrupted bench can put them back
  for (const file of chosen) {
    appendFileSync(path.join(corpus.uploadsDir, file), `\nedited ${stamp}: ${'x'.repeat(64)}\n`);
  }
  return chosen.length;
}

/** Puts the files the 1% change touched back as they were: same bytes, same modification time. */
export function undoChange(corpus: Corpus): void {
  const markerFile = path.join(corpus.root, 'marker.json');
  const marker = readMarker(markerFile);
  if (marker && marker.changed.length > 0) revertChange(markerFile, corpus.uploadsDir, marker);
}

function revertChange(markerFile: string, uploadsDir: string, marker: Marker): void {
  for (const change of marker.changed) {
    const file = path.join(uploadsDir, change.path);
    if (!existsSync(file)) continue;
    truncateSync(file, change.size);
    utimesSync(file, change.mtimeMs / 1000, change.mtimeMs / 1000);
  }
  writeFileSync(markerFile, JSON.stringify({ ...marker, changed: [] }));
}
