import type { Snapshot, SnapshotStorage } from '../../contract/schemas.ts';
import type { Command } from '../command.ts';
import { confirmOption, confirmTarget, yesOption } from '../confirm.ts';
import { ExitCode } from '../exit-codes.ts';
import { required, siteOption } from '../options.ts';
import { formatAge, formatBytes } from '../output/format.ts';

export const snapshotsDeleteCommand: Command = {
  words: ['snapshots', 'delete'],
  summary: 'Delete a snapshot for good, freeing what no other snapshot shares',
  args: ['SNAP'],
  options: { site: siteOption, confirm: confirmOption, yes: yesOption },
  details: `Snapshots share the contents they have in common, so deleting one frees only what no other snapshot
uses; it says how much before asking, and after. A snapshot of a production environment wants the
environment's name: typed at a terminal, or --confirm NAME (--yes does not confirm it); others a y/N, or
--yes. A pinned snapshot is refused (exit 1). --json prints what it freed: { "snapshot_id",
"store_usage_bytes", "shared_bytes", "freed_bytes" }.

Examples:
  rewind snapshots delete snap_01J… --site acme-store --confirm production
  rewind snapshots delete snap_01J… --site acme-store --yes --json`,
  async run(context, values, [snap]) {
    const site = required(values, 'site');
    const snapshot = await context.client.getSnapshot(site, snap!);
    const [target, storage] = await Promise.all([
      context.client.getEnvironment(site, snapshot.environment),
      context.client.getSnapshotStorage(site, snapshot.id),
    ]);
    const confirm = await confirmTarget(context, values, target, {
      description: describeDeletion(site, snapshot, storage, context.io.now()),
      question: 'Delete this snapshot?',
      nothingDone: 'Nothing was deleted.',
    });
    await context.client.deleteSnapshot(site, snapshot.id, confirm === undefined ? {} : { confirm });
    if (context.json) context.print(JSON.stringify(storage, null, 2));
    else
      context.print(
        `Deleted snapshot ${snapshot.id} of ${site}/${snapshot.environment}: ${describeFreed(storage)}`,
      );
    return ExitCode.ok;
  },
};

function describeDeletion(site: string, snapshot: Snapshot, storage: SnapshotStorage, now: number): string {
  const label = snapshot.label ? ` "${snapshot.label}"` : '';
  const frees =
    storage.shared_bytes === 0
      ? `It frees about ${formatBytes(storage.freed_bytes)} of the store.`
      : `It frees about ${formatBytes(storage.freed_bytes)} of the store (${formatBytes(storage.shared_bytes)} of its ${formatBytes(storage.store_usage_bytes)} are shared with other snapshots).`;
  return [
    `This deletes snapshot ${snapshot.id}${label} of ${site}/${snapshot.environment}, taken ${formatAge(snapshot.created_at, now)}, for good: it can no longer be restored or downloaded.`,
    frees,
  ].join('\n');
}

function describeFreed(storage: SnapshotStorage): string {
  const freed = `freed ${formatBytes(storage.freed_bytes)} of the store`;
  return storage.shared_bytes === 0
    ? `${freed}.`
    : `${freed} (${formatBytes(storage.shared_bytes)} stay, shared with other snapshots).`;
}
