import type { Snapshot } from '../../contract/schemas.ts';
import type { Command } from '../command.ts';
import { ExitCode } from '../exit-codes.ts';
import { envOption, parseLimit, required, siteOption, text } from '../options.ts';
import { formatAge, formatBytes, formatRemaining } from '../output/format.ts';
import { snapshotLabel } from '../output/labels.ts';
import { formatTable } from '../output/table.ts';

export const snapshotsListCommand: Command = {
  words: ['snapshots', 'list'],
  summary: "List an environment's snapshots, newest first",
  options: {
    site: siteOption,
    env: envOption,
    limit: { type: 'string', value: 'N', help: 'how many, 1 to 200 (default: 50)' },
  },
  details: '--json prints the API page: { "data": [Snapshot], "next_cursor": … }.',
  async run(context, values) {
    const site = required(values, 'site');
    const env = required(values, 'env');
    const page = await context.client.listSnapshots(site, env, { limit: parseLimit(text(values, 'limit')) });
    if (context.json) context.print(JSON.stringify(page, null, 2));
    else if (!page.data.length) {
      context.print(
        `No snapshots of ${site}/${env} yet. Take one: rewind backup create --site ${site} --env ${env}`,
      );
    } else {
      const now = context.io.now();
      context.print(
        formatTable(
          ['id', 'when', 'kind', 'label', 'size (db / files)', 'status', 'restorable'],
          page.data.map((snapshot) => row(snapshot, now)),
        ),
      );
      if (page.next_cursor) context.note('More snapshots are older; raise --limit to see them.');
    }
    return ExitCode.ok;
  },
};

function row(snapshot: Snapshot, now: number): string[] {
  const { db, files } = snapshot.parts;
  return [
    snapshot.id,
    formatAge(snapshot.created_at, now),
    snapshot.kind.replace('_', '-'),
    snapshotLabel(snapshot),
    `${formatBytes(db.size_bytes)} / ${formatBytes(files.size_bytes)}`,
    snapshot.status,
    restorable(snapshot, now),
  ];
}

function restorable(snapshot: Snapshot, now: number): string {
  if (snapshot.status !== 'ready') return '-';
  if (snapshot.pinned) return 'pinned';
  const left = formatRemaining(snapshot.expires_at, now);
  if (left) return `for ${left}`;
  // Past its date but kept by the policy (the newest ones), until newer snapshots replace it.
  return snapshot.held ? 'kept (newest)' : 'expired';
}
