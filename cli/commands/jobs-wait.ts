import type { EnvironmentType, Job } from '../../contract/schemas.ts';
import type { Command, Context } from '../command.ts';
import { settleJob } from '../job-outcome.ts';
import { waitWithProgress } from '../job-watch.ts';
import { describeRestored } from '../confirm-restore.ts';

export const jobsWaitCommand: Command = {
  words: ['jobs', 'wait'],
  summary: 'Wait for a job to finish',
  args: ['JOB'],
  options: {},
  details: `Exits 0 when the job succeeded and 1 when it failed or was canceled; --json prints the final Job.`,
  async run(context, _values, [id]) {
    const job = await waitWithProgress(context, await context.client.getJob(id!));
    return settleJob(context, job, async (done) => context.print(await describeDone(context, done)));
  },
};

async function describeDone(context: Context, job: Job): Promise<string> {
  if (job.type === 'backup') return `Backup job ${job.id} succeeded: snapshot ${job.snapshot_id} is ready.`;
  if (job.type === 'prune') return `Prune job ${job.id} succeeded.`;
  // Where the data came from; a restore point deleted since is only named by its id.
  const source = await context.client.getSnapshot(job.site_id, job.snapshot_id).catch(() => null);
  return describeRestored(job, source?.environment ?? null);
}

/**
 * How to undo a restore, for the line after it: the same parts back into the same environment, confirmed as
 * that environment needs (its name for production, which --yes does not confirm).
 */
export function undoHint(context: Context, job: Job, site: string, target: EnvironmentType): void {
  if (job.type !== 'restore' || !job.pre_restore_snapshot_id) return;
  const confirm = target === 'production' ? `--confirm ${job.environment}` : '--yes';
  context.print(
    `Undo it: rewind restore ${job.pre_restore_snapshot_id} --site ${site} --env ${job.environment} ` +
      `--selectors ${job.selectors.join(',')} ${confirm}`,
  );
}
