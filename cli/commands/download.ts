import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { openArchiveDownload } from '../../contract/download.ts';
import { ARCHIVE_FORMATS, type ArchiveFormat } from '../../contract/schemas.ts';
import { saveAtomically } from '../archive-file.ts';
import type { Command, Context } from '../command.ts';
import { CliError, ExitCode, NetworkError, usageError } from '../exit-codes.ts';
import { parseSelectors, required, selectorsOption, siteOption, text } from '../options.ts';
import { formatBytes } from '../output/format.ts';
import { createProgressBar } from '../output/progress-bar.ts';

export const downloadCommand: Command = {
  words: ['download'],
  summary: "Download a snapshot's archive (.tar.gz or .tar.zst)",
  args: ['SNAP'],
  options: {
    site: siteOption,
    selectors: selectorsOption,
    format: {
      type: 'string',
      value: 'FORMAT',
      help: "tar.gz or tar.zst (default: -o FILE's extension, else tar.gz)",
    },
    output: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      help: "where to save it: a file, a folder, or - for stdout (default: the server's file name here)",
    },
  },
  details: `The archive streams to disk (never held in memory) under a temporary name and is renamed when
complete, so a failed download leaves no partial file; an existing file of the same name is replaced.
It holds manifest.json (with every file's SHA-256), db/<service>.<ext> and files/<service>/<path>.

Examples:
  rewind download snap_01J… --site acme-store
  rewind download snap_01J… --site acme-store --format tar.zst -o backups/
  rewind download snap_01J… --site acme-store -o nightly.tar.zst
  rewind download snap_01J… --site acme-store --selectors db -o - | tar -tzf -`,
  async run(context, values, [snap]) {
    const site = required(values, 'site');
    const selectors = parseSelectors(text(values, 'selectors'));
    const output = text(values, 'output');
    if (output === '-' && context.json) throw usageError('--json and -o - both write to stdout; choose one.');
    const format = archiveFormat(text(values, 'format'), output);

    const url = context.client.downloadUrl(site, snap!, selectors, format);
    const { token, fetch } = context.connection;
    const archive = await openArchiveDownload(url, { token, fetch });
    const source = Readable.fromWeb(archive.body as WebReadableStream);
    const meter = byteMeter(context, `Downloading ${snap}`, archive.sizeBytes);
    if (output === '-') {
      await streamed(pipeline(source, meter, context.io.stdout, { end: false }));
      return ExitCode.ok;
    }
    const file = await targetFile(context, output, archive.fileName ?? `${site}-${snap}.${format}`);
    await streamed(saveAtomically(source, meter, file));
    const size = meter.bytes();
    if (context.json) context.print(JSON.stringify({ file, size_bytes: size, snapshot_id: snap }, null, 2));
    else context.print(`Saved ${path.relative(context.io.cwd, file) || file} (${formatBytes(size)}).`);
    return ExitCode.ok;
  },
};

/** What the server's extensions for each format are; `.tgz` and `.tzst` are the short ones tar knows. */
const EXTENSIONS: Record<ArchiveFormat, string[]> = {
  'tar.gz': ['.tar.gz', '.tgz'],
  'tar.zst': ['.tar.zst', '.tzst'],
};

/** --format as given, else -o's extension when it names one, else tar.gz; a --format that -o contradicts is refused. */
function archiveFormat(flag: string | undefined, output: string | undefined): ArchiveFormat {
  const lower = output?.toLowerCase() ?? '';
  const byName = ARCHIVE_FORMATS.find((format) => EXTENSIONS[format].some((ext) => lower.endsWith(ext)));
  if (flag === undefined) return byName ?? 'tar.gz';
  const format = ARCHIVE_FORMATS.find((known) => known === flag);
  if (!format) throw usageError(`--format takes ${ARCHIVE_FORMATS.join(' or ')}; got "${flag}".`);
  if (byName && byName !== format) {
    throw usageError(`-o ${output} names a .${byName} file but --format is ${format}: make them agree.`);
  }
  return format;
}

/** The file to write: -o as given (inside it when it is a folder), else the server's name in the cwd. */
async function targetFile(context: Context, output: string | undefined, serverName: string): Promise<string> {
  const name = path.basename(serverName); // never let a header choose the folder
  if (!output) return path.resolve(context.io.cwd, name);
  const resolved = path.resolve(context.io.cwd, output);
  const isFolder = await stat(resolved).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder ? path.join(resolved, name) : resolved;
}

/** A failure mid-stream: the disk's fault (exit 1) or the connection's (exit 5). */
async function streamed(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const { code, syscall, message } = error as NodeJS.ErrnoException;
    if (syscall && code) throw new CliError(ExitCode.failed, `Could not write the archive: ${message}`);
    if (error instanceof NetworkError || error instanceof CliError) throw error;
    throw new CliError(
      ExitCode.unavailable,
      `The download stopped before the archive was complete (${message}). Nothing was saved.`,
    );
  }
}

/** Passes bytes through, counting them, and draws a progress bar on a terminal. */
function byteMeter(context: Context, label: string, total: number | null) {
  const stderr = context.io.stderr;
  const bar = stderr.isTTY ? createProgressBar(stderr) : null;
  let done = 0;
  let drawnAt = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      const now = Date.now();
      if (bar && now - drawnAt > 100) {
        drawnAt = now;
        bar.update({ label, done, total: total ?? 0 });
      }
      callback(null, chunk);
    },
    flush(callback) {
      bar?.done();
      callback();
    },
  });
  return Object.assign(meter, { bytes: () => done });
}
