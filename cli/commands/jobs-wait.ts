import type { Job } from '../../contract/schemas.ts';
import type { Command, Context } from '../command.ts';
import { settleJob } from '../job-outcome.ts';
import { waitWithProgress } from '../job-watch.ts';
import { selectorsLabel } from '../output/labels.ts';

export const jobsWaitCommand: Command = {
  words: ['jobs', 'wait'],
  summary: 'Wait for a job to finish',
  args: ['JOB'],
  options: {},
  details: `Exits 0 when the job succeeded and 1 when it failed or was canceled; --json prints the final Job.`,
  async run(context, _values, [id]) {
    const job = await waitWithProgress(context, await context.client.getJob(id!));
    return settleJob(context, job, (done) => context.print(describeDone(done)));
  },
};

export function describeDone(job: Job): string {
  if (job.type === 'backup') return `Backup job ${job.id} succeeded: snapshot ${job.snapshot_id} is ready.`;
  return `Restore job ${job.id} succeeded: ${job.environment} has its ${selectorsLabel(job.selectors)} from ${job.snapshot_id} again.`;
}

/** How to undo a restore, for the line after it. */
export function undoHint(context: Context, job: Job, site: string): void {
  if (job.type === 'restore' && job.pre_restore_snapshot_id) {
    context.print(
      `Undo it: rewind restore ${job.pre_restore_snapshot_id} --site ${site} --env ${job.environment}`,
    );
  }
}
