// Capturing a database server's dump: the dump is streamed to a file in the capture's scratch folder (never
// held in memory), then the file goes into the store. Progress: writing the dump is the first half of the
// estimate, storing it the second.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceSpec } from '../types.ts';
import type { CaptureContext, CapturedService } from './adapter.ts';

export interface DumpCapture {
  service: ServiceSpec;
  context: CaptureContext;
  /** The estimate given for progress (the database's size on the server). */
  totalBytes: number;
  /** The dump's extension in archives. */
  ext: string;
  serverVersion: string;
  /** Writes the dump to `file`, calling `onOutput` with each chunk's bytes. */
  write(file: string, onOutput: (bytes: number) => void): Promise<void>;
}

export async function captureDump(capture: DumpCapture): Promise<CapturedService> {
  const { service, context, totalBytes } = capture;
  const half = totalBytes / 2;
  let reported = 0;
  const report = (done: number) => {
    const capped = Math.min(Math.round(done), totalBytes);
    if (capped > reported) context.onBytes(capped - reported);
    reported = Math.max(reported, capped);
  };

  await mkdir(context.workDir, { recursive: true });
  const file = path.join(context.workDir, `${randomUUID()}.${capture.ext}`);
  try {
    let written = 0;
    await capture.write(file, (bytes) => {
      written += bytes;
      // The estimate can be far off either way: creep towards the half, never past it.
      report(Math.min(written, half * 0.99));
    });
    report(half);
    const size = (await stat(file)).size;
    let stored = 0;
    const put = await context.blobs.putFile(
      file,
      (bytes) => {
        stored += bytes;
        report(half + (stored / Math.max(size, 1)) * half);
      },
      size,
    );
    report(totalBytes);
    return {
      manifest: {
        name: service.name,
        type: service.type,
        selector: service.selector,
        dump: { sha256: put.sha256, size: put.size, ext: capture.ext },
        server_version: capture.serverVersion,
        size_bytes: put.size,
        file_count: 0,
      },
      storedBytes: put.storedBytes,
    };
  } finally {
    await rm(file, { force: true });
  }
}
