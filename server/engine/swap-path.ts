// The swap of data that lives at a path (SQLite databases, file mounts): renames between siblings, which are
// atomic, and deletes. Whether the new data went live is decided from which paths exist.
import { isNotFound, pathExists, removeAll, renameDurably } from '../platform/durable.ts';
import type { JournalService } from './journal.ts';
import type { ServiceSwap } from './swap.ts';

/** The filesystem operations the swap uses; tests replace them to crash after any single one. */
export interface SwapOps {
  exists(target: string): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  remove(target: string): Promise<void>;
}

export const fileSwapOps: SwapOps = { exists: pathExists, rename: renameDurably, remove: removeAll };

export function pathSwap(ops: SwapOps = fileSwapOps): ServiceSwap {
  return {
    async prepare(service) {
      const companions = [];
      for (const companion of service.companions) {
        companions.push({ ...companion, had_live: await ops.exists(companion.live) });
      }
      return { ...service, had_live: await ops.exists(service.live), companions };
    },

    async swap(service, between) {
      for (const companion of service.companions) {
        // Tried even when it did not exist a moment ago (an application may just have opened the database),
        // and fine when it is gone (SQLite deletes its -wal and -shm when the last connection closes).
        try {
          await ops.rename(companion.live, companion.old);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
      if (service.had_live) await ops.rename(service.live, service.old);
      between();
      await ops.rename(service.staged, service.live);
    },

    async rollBack(service: JournalService) {
      // Whether the new data went live: decided before anything is moved back, so a rerun decides the same.
      const swappedIn = service.had_live
        ? await ops.exists(service.old)
        : (await ops.exists(service.live)) && !(await ops.exists(service.staged));
      for (const companion of service.companions) {
        if (await ops.exists(companion.old)) {
          await ops.remove(companion.live);
          await ops.rename(companion.old, companion.live);
        } else if (swappedIn && !companion.had_live) {
          await ops.remove(companion.live); // made by something that opened the new database: not the old data's
        }
      }
      if (service.had_live) {
        if (await ops.exists(service.old)) {
          if (await ops.exists(service.live)) {
            // The new data goes back to the staged path (deleted after), or is deleted if that is taken.
            if (await ops.exists(service.staged)) await ops.remove(service.live);
            else await ops.rename(service.live, service.staged);
          }
          await ops.rename(service.old, service.live);
        }
      } else if (swappedIn) {
        await ops.rename(service.live, service.staged);
      }
    },

    async dropOld(service) {
      await ops.remove(service.old);
      for (const companion of service.companions) await ops.remove(companion.old);
    },

    async dropStaged(service) {
      await ops.remove(service.staged);
      for (const extra of service.staged_extras) await ops.remove(extra);
    },
  };
}
