import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export type IdPrefix = 'site' | 'env' | 'snap' | 'job' | 'tok';

/** A prefixed ULID (`snap_01J8…`): sortable by creation time, so the newest-first order is the id order. */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${ulid(now)}`;
}
