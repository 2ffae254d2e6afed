// Saving an archive stream to disk: under a temporary name beside the target, fsynced, then renamed, so an
// interrupted download never leaves a file that looks complete. Ctrl-C removes the partial file too.
import { randomUUID } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function saveAtomically(source: Readable, meter: Transform, file: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.part`);
  const onInterrupt = () => {
    rmSync(temp, { force: true });
    process.kill(process.pid, 'SIGINT'); // the listener is gone by now: die of the signal, as expected
  };
  process.once('SIGINT', onInterrupt);
  try {
    await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
    const handle = await open(temp, 'r+');
    await handle.sync().finally(() => handle.close());
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
