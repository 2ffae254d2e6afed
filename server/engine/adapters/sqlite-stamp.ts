// A SQLite database that has not changed since the previous capture need not be copied again: that capture's
// copy (taken through the online backup API, so consistent) is a copy of exactly the data there now. "Not
// changed" is decided from the database file and its -wal: same file (device, inode), size, mtime and ctime to
// the nanosecond. A write(2) always moves mtime and ctime forward, and nothing can set ctime back, so a database
// rewritten with old timestamps (cp -p, rsync -t, touch -d) still counts as changed. (SQLite writes with
// write(2); it maps files for reading only unless built with SQLITE_MMAP_READWRITE.)
import { stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { isNotFound } from '../../platform/durable.ts';

/**
 * A stamp is only trusted when the last write is older than this when the files are looked at: a write right
 * after our look could otherwise land in the same tick of a coarse filesystem clock (ext4 ~4 ms, FAT 2 s) and
 * leave mtime as it was.
 */
export const SETTLED_MS = 2_000;

export interface DatabaseLook {
  /** Everything compared: equal stamps mean nothing touched either file in between. */
  stamp: string;
  /** Identity, size and mtime: what a write would change. */
  data: string;
  settled: boolean;
}

const statOrNull = (file: string) =>
  stat(file, { bigint: true }).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });

const dataOf = (info: BigIntStats | null) =>
  info ? `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}` : 'none';

export async function lookAtDatabase(file: string): Promise<DatabaseLook> {
  const lookedAt = Date.now();
  const [db, wal] = [await stat(file, { bigint: true }), await statOrNull(`${file}-wal`)];
  const lastWriteMs = Number((wal && wal.mtimeNs > db.mtimeNs ? wal.mtimeNs : db.mtimeNs) / 1_000_000n);
  return {
    stamp: `db ${dataOf(db)}:${db.ctimeNs} wal ${dataOf(wal)}:${wal?.ctimeNs ?? ''}`,
    data: `${dataOf(db)} ${dataOf(wal)}`,
    settled: lookedAt - lastWriteMs >= SETTLED_MS,
  };
}

/**
 * The stamp to record for a copy taken between the two looks, or undefined when the data may have changed
 * during the copy (or just before it). It is the look after the copy: opening the database may itself touch
 * the -wal's ctime (SQLite running as root hands the file to the database's owner), which must not make the
 * next capture think the database changed.
 */
export function stampOfCopy(before: DatabaseLook, after: DatabaseLook): string | undefined {
  return before.settled && before.data === after.data ? after.stamp : undefined;
}
