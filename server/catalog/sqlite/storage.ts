import type { DatabaseSync } from 'node:sqlite';
import type { SnapshotFootprint, StorageCatalog } from '../catalog.ts';
import { transaction } from './database.ts';

/** The snapshot's contents and the share of them another snapshot refers to (blob_refs_by_sha finds those). */
export function footprintOf(db: DatabaseSync, snapshotId: string): SnapshotFootprint {
  return db
    .prepare(
      `SELECT COALESCE(SUM(b.stored_bytes), 0) AS stored_bytes,
              COALESCE(SUM(CASE WHEN EXISTS (
                SELECT 1 FROM blob_refs o WHERE o.sha256 = r.sha256 AND o.snapshot_id <> r.snapshot_id
              ) THEN b.stored_bytes END), 0) AS shared_bytes
       FROM blob_refs r JOIN blob_sizes b ON b.sha256 = r.sha256
       WHERE r.snapshot_id = ?`,
    )
    .get(snapshotId) as unknown as SnapshotFootprint;
}

const unknownSize = 'NOT EXISTS (SELECT 1 FROM blob_sizes b WHERE b.sha256 = r.sha256)';

export function storageCatalog(db: DatabaseSync): StorageCatalog {
  return {
    async blobsOfUnknownSize(scope) {
      const rows =
        'snapshotId' in scope
          ? db
              .prepare(`SELECT r.sha256 FROM blob_refs r WHERE r.snapshot_id = ? AND ${unknownSize}`)
              .all(scope.snapshotId)
          : db
              .prepare(
                `SELECT DISTINCT r.sha256 FROM snapshots s JOIN blob_refs r ON r.snapshot_id = s.id
                 WHERE s.environment_id = ? AND ${unknownSize}`,
              )
              .all(scope.environmentId);
      return rows.map((row) => row.sha256 as string);
    },
    async recordBlobSizes(sizes) {
      const insert = db.prepare('INSERT OR REPLACE INTO blob_sizes (sha256, stored_bytes) VALUES (?, ?)');
      transaction(db, () => {
        for (const { sha256, stored_bytes } of sizes) insert.run(sha256, stored_bytes);
      });
    },
    async forgetUnreferencedBlobSizes() {
      db.prepare(
        'DELETE FROM blob_sizes WHERE NOT EXISTS (SELECT 1 FROM blob_refs r WHERE r.sha256 = blob_sizes.sha256)',
      ).run();
    },
    async snapshotFootprint(snapshotId) {
      return footprintOf(db, snapshotId);
    },
    async environmentStoreUsage(environmentId) {
      const row = db
        .prepare(
          `SELECT COALESCE(SUM(b.stored_bytes), 0) AS bytes FROM blob_sizes b WHERE b.sha256 IN (
             SELECT r.sha256 FROM snapshots s JOIN blob_refs r ON r.snapshot_id = s.id WHERE s.environment_id = ?
           )`,
        )
        .get(environmentId) as { bytes: number };
      return row.bytes;
    },
  };
}
