import type { DatabaseSync } from 'node:sqlite';
import type { SnapshotFootprint, StorageCatalog } from '../catalog.ts';
import { transaction } from './database.ts';

/**
 * The snapshot's contents and the share of them another snapshot refers to: one whose count over every
 * environment (environment_blobs, by content) is more than this snapshot's own.
 */
export function footprintOf(db: DatabaseSync, snapshotId: string): SnapshotFootprint {
  return db
    .prepare(
      `SELECT COALESCE(SUM(b.stored_bytes), 0) AS stored_bytes,
              COALESCE(SUM(CASE WHEN (
                SELECT SUM(e.snapshots) FROM environment_blobs e WHERE e.sha256 = r.sha256
              ) > 1 THEN b.stored_bytes END), 0) AS shared_bytes
       FROM blob_refs r JOIN blob_sizes b ON b.sha256 = r.sha256
       WHERE r.snapshot_id = ?`,
    )
    .get(snapshotId) as unknown as SnapshotFootprint;
}

/**
 * A snapshot's references to its contents (blob_refs) and its environment's count of them (environment_blobs),
 * kept together in the caller's transaction: each reference recorded counts once, and is taken out again
 * before it goes. So environment_blobs names exactly the contents some snapshot refers to, which is what the
 * sweep keeps and what every question by content asks (blob_refs has no index by content: see migration 5).
 */
export function snapshotContents(db: DatabaseSync) {
  const environmentOf = db.prepare('SELECT environment_id FROM snapshots WHERE id = ?');
  const insertRef = db.prepare('INSERT OR IGNORE INTO blob_refs (snapshot_id, sha256) VALUES (?, ?)');
  const recorded = db.prepare('SELECT 1 FROM blob_refs WHERE snapshot_id = ? LIMIT 1');
  const countAll = db.prepare(
    `INSERT INTO environment_blobs (environment_id, sha256, snapshots)
     SELECT ?1, sha256, 1 FROM blob_refs WHERE snapshot_id = ?2
     ON CONFLICT (environment_id, sha256) DO UPDATE SET snapshots = snapshots + 1`,
  );
  const count = db.prepare(
    `INSERT INTO environment_blobs (environment_id, sha256, snapshots) VALUES (?, ?, 1)
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
    record(snapshotId: string, blobs: Iterable<string>) {
      const row = environmentOf.get(snapshotId) as { environment_id: string } | undefined;
      if (!row) throw new Error(`Snapshot ${snapshotId} is not in the catalog.`);
      // Nearly always its first record: then every reference is new, and one statement counts them all.
      const first = !recorded.get(snapshotId);
      // In name order each table's new rows go in its key order, next to one another, rather than each on a
      // random page (a manifest's path order took a third longer for 30,000 contents).
      for (const sha256 of [...blobs].sort()) {
        const added = insertRef.run(snapshotId, sha256).changes > 0;
        if (added && !first) count.run(row.environment_id, sha256);
      }
      if (first) countAll.run(row.environment_id, snapshotId);
    },
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
        `DELETE FROM blob_sizes
         WHERE NOT EXISTS (SELECT 1 FROM environment_blobs e WHERE e.sha256 = blob_sizes.sha256)`,
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
