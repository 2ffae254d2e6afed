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

/**
 * Counts a snapshot's contents in its environment's distinct contents (environment_blobs), once its
 * references are in blob_refs; `uncount` takes them out again, before the references go. One statement each,
 * in the caller's transaction.
 */
export function environmentContents(db: DatabaseSync) {
  const count = db.prepare(
    `INSERT INTO environment_blobs (environment_id, sha256, snapshots)
     SELECT s.environment_id, r.sha256, 1 FROM blob_refs r JOIN snapshots s ON s.id = r.snapshot_id
     WHERE r.snapshot_id = ?
     ON CONFLICT (environment_id, sha256) DO UPDATE SET snapshots = snapshots + 1`,
  );
  const decrement = db.prepare(
    `UPDATE environment_blobs SET snapshots = snapshots - 1
     WHERE environment_id = (SELECT environment_id FROM snapshots WHERE id = ?1)
       AND sha256 IN (SELECT sha256 FROM blob_refs WHERE snapshot_id = ?1)`,
  );
  const forget = db.prepare(
    `DELETE FROM environment_blobs
     WHERE environment_id = (SELECT environment_id FROM snapshots WHERE id = ?1) AND snapshots <= 0
       AND sha256 IN (SELECT sha256 FROM blob_refs WHERE snapshot_id = ?1)`,
  );
  return {
    count: (snapshotId: string) => void count.run(snapshotId),
    uncount(snapshotId: string) {
      decrement.run(snapshotId);
      forget.run(snapshotId);
    },
  };
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
                `SELECT r.sha256 FROM environment_blobs r WHERE r.environment_id = ? AND ${unknownSize}`,
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
          `SELECT COALESCE(SUM(b.stored_bytes), 0) AS bytes
           FROM environment_blobs e JOIN blob_sizes b ON b.sha256 = e.sha256 WHERE e.environment_id = ?`,
        )
        .get(environmentId) as { bytes: number };
      return row.bytes;
    },
  };
}
