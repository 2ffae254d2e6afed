// The fallback of a pre-restore snapshot over a SQLite database that SQLite cannot read: the file is kept
// byte for byte (it cannot be captured consistently, but a damaged database is not being written either), or
// recorded as absent when it is gone. A restore point made this way says so, and is not restored as a database.
import { stat } from 'node:fs/promises';
import type { ServiceSpec } from '../types.ts';
import type { CapturePlan } from './adapter.ts';

export async function rawFilePlan(service: ServiceSpec): Promise<CapturePlan> {
  const info = service.path ? await stat(service.path).catch(() => null) : null;
  const base = { name: service.name, type: service.type, selector: service.selector, file_count: 0 };
  if (!info?.isFile()) {
    return {
      totalBytes: 0,
      run: async () => ({ manifest: { ...base, size_bytes: 0, absent: true }, storedBytes: 0 }),
    };
  }
  return {
    totalBytes: info.size,
    async run({ blobs, onBytes }) {
      const put = await blobs.putFile(service.path!, onBytes, info.size);
      return {
        manifest: {
          ...base,
          size_bytes: put.size,
          dump: { sha256: put.sha256, size: put.size, ext: 'sqlite', raw: true },
        },
        storedBytes: put.storedBytes,
      };
    },
  };
}
