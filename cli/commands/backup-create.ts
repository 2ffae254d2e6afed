import { randomUUID } from 'node:crypto';
import type { Job } from '../../contract/schemas.ts';
import type { Command, Context } from '../command.ts';
import { ExitCode } from '../exit-codes.ts';
import { settleJob } from '../job-outcome.ts';
import { waitWithProgress } from '../job-watch.ts';
import { envOption, required, siteOption, text, waitOption } from '../options.ts';
import { formatBytes } from '../output/format.ts';
import { withRetry } from '../retry.ts';

export const backupCreateCommand: Command = {
  words: ['backup', 'create'],
  summary: 'Take a snapshot of an environment',
  options: {
    site: siteOption,
    env: envOption,
    label: { type: 'string', value: 'LABEL', help: 'a note shown in the history, e.g. "before deploy 142"' },
    wait: waitOption,
  },
  details: `Without --wait it prints the job and returns; with --wait it ends when the snapshot is ready
(exit 0) or the job failed (exit 1). --json prints the Job (the final one with --wait).

Examples:
  rewind backup create --site acme-store --env production --label "before deploy" --wait
  job=$(rewind backup create --site acme-store --env production --json | jq -r .id)`,
  async run(context, values) {
    const site = required(values, 'site');
    const body = { environment: required(values, 'env'), label: text(values, 'label') ?? null };
    // One key for every attempt of this invocation: a retry after a lost answer is the same backup.
    const idempotencyKey = randomUUID();
    const job = await withRetry(() => context.client.createBackup(site, body, { idempotencyKey }), {
      onRetry: (_error, attempt) => context.note(`No answer from the server; retrying (${attempt}/3)…`),
    });
    if (!values.wait) return accepted(context, job);
    const finished = await waitWithProgress(context, job);
    return settleJob(context, finished, async () => {
      const snapshot = await context.client.getSnapshot(site, finished.snapshot_id);
      const { db, files } = snapshot.parts;
      context.print(
        `Snapshot ${snapshot.id} of ${site}/${finished.environment} is ready: ${formatBytes(snapshot.size_bytes)} ` +
          `(database ${formatBytes(db.size_bytes)}, files ${formatBytes(files.size_bytes)}).`,
      );
    });
  },
};

function accepted(context: Context, job: Job): ExitCode {
  if (context.json) context.print(JSON.stringify(job, null, 2));
  else {
    context.print(`Backup job ${job.id} accepted; it fills snapshot ${job.snapshot_id}.`);
    context.print(`Wait for it: rewind jobs wait ${job.id}`);
  }
  return ExitCode.ok;
}
