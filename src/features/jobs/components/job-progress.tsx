import type { Job } from '@contract/schemas';
import { Progress } from '@/components/ui/progress';
import { SpinnerIcon } from '@/components/ui/icons';
import { formatBytes, formatDuration, formatPercent } from '@/lib/format';
import { jobTitle, phaseLabel, waitingLabel } from './job-labels';
import { useTimeLeft } from './use-time-left';

/**
 * A running job on the environment page: what it does, a progress bar, phase, bytes and time left. Until
 * the job runs and knows its total, the bar is indeterminate and says what the job waits for.
 */
export function JobProgress({ job, seenAt }: { job: Job; seenAt: number }) {
  const timeLeft = useTimeLeft(job, seenAt);
  const { done_bytes: done, total_bytes: total } = job.progress;
  const known = job.status === 'running' && total > 0;
  const title = jobTitle(job);
  const headingId = `job-${job.id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-xl border border-accent/30 bg-accent/5 p-4"
      data-testid="job-progress"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id={headingId} className="flex items-center gap-2 font-semibold">
          <SpinnerIcon className="size-4 text-accent" />
          {title}
        </h2>
        {known && <span className="text-sm font-medium tabular-nums">{formatPercent(done, total)}</span>}
      </div>
      <Progress
        value={known ? done : null}
        max={total}
        label={title}
        valueText={
          known ? `${formatPercent(done, total)}, ${phaseLabel(job.progress.phase)}` : waitingLabel(job)
        }
      />
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-ink-muted">
        <div className="flex gap-1.5">
          <dt>Phase:</dt>
          {/* Announced when it changes; the bar's percentage is not, it would be too chatty. */}
          <dd aria-live="polite" className="text-ink">
            {phaseLabel(job.progress.phase)}
          </dd>
        </div>
        {known && (
          <div className="flex gap-1.5">
            <dt className="sr-only">Data:</dt>
            <dd className="tabular-nums">
              {formatBytes(Math.min(done, total))} of {formatBytes(total)}
            </dd>
          </div>
        )}
        {job.status === 'running' && (
          <div className="flex gap-1.5">
            <dt className="sr-only">Time left:</dt>
            <dd>{timeLeft === null ? 'Estimating time left…' : `About ${formatDuration(timeLeft)} left`}</dd>
          </div>
        )}
      </dl>
      {job.status === 'queued' && (
        <p className="text-sm text-ink-muted">
          {job.waiting_for ? (
            <>
              Waiting for job <code className="font-mono text-xs">{job.waiting_for}</code> on this environment
              to finish. One job runs at a time per environment.
            </>
          ) : (
            'Waiting for the job runner to pick it up.'
          )}
        </p>
      )}
    </section>
  );
}
