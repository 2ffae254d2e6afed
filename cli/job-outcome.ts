// How a finished job ends the command: its JSON for scripts, a line for people, exit 1 unless it succeeded.
import type { Job } from '../contract/schemas.ts';
import type { Context } from './command.ts';
import { ExitCode } from './exit-codes.ts';

export async function settleJob(
  context: Context,
  job: Job,
  onSuccess: (job: Job) => Promise<void> | void,
): Promise<ExitCode> {
  if (context.json) context.print(JSON.stringify(job, null, 2));
  if (job.status === 'succeeded') {
    if (!context.json) await onSuccess(job);
    return ExitCode.ok;
  }
  const why = job.error ? `: ${job.error.detail} (${job.error.code})` : '.';
  const kind = { backup: 'Backup', restore: 'Restore', prune: 'Prune', verify: 'Verify' }[job.type];
  context.note(`${kind} job ${job.id} ${job.status === 'canceled' ? 'was canceled' : 'failed'}${why}`);
  return ExitCode.failed;
}
