import { randomUUID } from 'node:crypto';
import type { DamagedContent, Job, Snapshot } from '../../contract/schemas.ts';
import type { Command, Context } from '../command.ts';
import { ExitCode, usageError } from '../exit-codes.ts';
import { waitWithProgress } from '../job-watch.ts';
import { required, siteOption, text } from '../options.ts';
import { withRetry } from '../retry.ts';

export const checkCommand: Command = {
  words: ['check'],
  summary: 'Verify snapshots: read back every content from the store and check it',
  rest: 'SNAP',
  options: {
    site: siteOption,
    env: {
      type: 'string',
      value: 'ENV',
      help: 'verify every ready snapshot of this environment (when no SNAP is named)',
    },
  },
  details: `Runs verify jobs and waits for them: every content a snapshot's manifest names is read back from the
store and checked against its SHA-256 and size. Prints each snapshot's result: ok, or what is damaged
(service and path, or the database dump). A damaged snapshot cannot be restored; restore another point.
Exit 0 when every snapshot is intact, 1 when damage was found or a verify job failed.
--json prints { "jobs": [Job], "snapshots": [Snapshot] } (each with its verification).

Examples:
  rewind check --site acme-store --env production
  rewind check --site acme-store snap_01J… snap_01K…`,
  async run(context, values, snaps) {
    const site = required(values, 'site');
    const env = text(values, 'env');
    if (!snaps.length && !env) {
      throw usageError(
        "Name the snapshots to verify, or --env ENV for all of an environment's. See 'rewind check --help'.",
      );
    }
    const start = (verify: (key: string) => Promise<Job>) => {
      const key = randomUUID();
      return withRetry(() => verify(key), {
        onRetry: (_error, attempt) => context.note(`No answer from the server; retrying (${attempt}/3)…`),
      });
    };
    const accepted = snaps.length
      ? await Promise.all(
          [...new Set(snaps)].map((snap) =>
            start((idempotencyKey) => context.client.verifySnapshot(site, snap, { idempotencyKey })),
          ),
        )
      : [await start((idempotencyKey) => context.client.verifyEnvironment(site, env!, { idempotencyKey }))];
    const jobs: Job[] = [];
    for (const job of accepted) jobs.push(await waitWithProgress(context, job));
    const snapshots = await checkedSnapshots(context, site, jobs);

    if (context.json) context.print(JSON.stringify({ jobs, snapshots }, null, 2));
    else for (const snapshot of snapshots) printResult(context, snapshot);
    const failed = jobs.filter((job) => job.status !== 'succeeded');
    for (const job of failed) {
      context.note(
        `Verify job ${job.id} ${job.status}: ${job.error?.detail ?? 'no reason given'} (${job.error?.code ?? job.status})`,
      );
    }
    const damaged = snapshots.filter((s) => s.verification?.status === 'damaged');
    if (!context.json && damaged.length > 0) {
      context.note(
        `${damaged.length} of ${snapshots.length} snapshot${snapshots.length === 1 ? ' is' : 's are'} damaged and cannot be restored; restore another point.`,
      );
    }
    return failed.length || damaged.length ? ExitCode.failed : ExitCode.ok;
  },
};

/** The snapshots the jobs checked, as they now are: named ones, or those a verify of the environment did. */
async function checkedSnapshots(context: Context, site: string, jobs: Job[]): Promise<Snapshot[]> {
  const done = jobs.filter((job) => job.status === 'succeeded');
  const single = done.filter((job) => job.verify_scope !== 'environment');
  const out = await Promise.all(single.map((job) => context.client.getSnapshot(site, job.snapshot_id)));
  for (const job of done.filter((j) => j.verify_scope === 'environment')) {
    let cursor: string | undefined;
    do {
      const page = await context.client.listSnapshots(site, job.environment_id, { limit: 200, cursor });
      out.push(...page.data.filter((s) => s.verification?.job_id === job.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }
  return out;
}

const problem: Record<DamagedContent['code'], string> = {
  missing_blob: 'missing from the store',
  corrupt_blob: 'corrupt (does not match its checksum)',
  size_mismatch: 'of the wrong size',
  missing_manifest: 'missing from the store',
  corrupt_manifest: 'unreadable',
};

function where(damage: DamagedContent): string {
  if (damage.service === null) return 'its manifest';
  return damage.path === null ? `the ${damage.service} database dump` : `${damage.service}/${damage.path}`;
}

function printResult(context: Context, snapshot: Snapshot): void {
  const verification = snapshot.verification;
  if (!verification) return context.print(`${snapshot.id}  not verified`);
  if (verification.status === 'ok') return context.print(`${snapshot.id}  ok`);
  const count = verification.damaged_count;
  context.print(`${snapshot.id}  DAMAGED: ${count} content${count === 1 ? '' : 's'} not intact`);
  for (const damage of verification.damaged) context.print(`  ${where(damage)}: ${problem[damage.code]}`);
  const more = verification.damaged_count - verification.damaged.length;
  if (more > 0) context.print(`  and ${more} more (GET …/snapshots/${snapshot.id} lists the first 100)`);
}
