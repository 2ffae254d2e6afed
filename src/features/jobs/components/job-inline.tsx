import { useQuery } from '@tanstack/react-query';
import type { Job } from '@contract/schemas';
import { Progress } from '@/components/ui/progress';
import { formatPercent } from '@/lib/format';
import { isActiveJob, jobQueryOptions } from '../api/get-job';
import { useLiveJob } from '../api/use-live-job';
import { jobTitle, phaseLabel, waitingLabel } from './job-labels';

function JobLine({ job }: { job: Job | undefined }) {
  if (!isActiveJob(job)) return null;
  const { done_bytes: done, total_bytes: total } = job.progress;
  const running = job.status === 'running' && total > 0;
  return (
    <div className="space-y-1.5 rounded-lg bg-accent/5 p-2.5 text-sm">
      <p className="flex justify-between gap-2">
        <span className="font-medium">{jobTitle(job)}</span>
        <span className="text-ink-muted">
          {running ? formatPercent(done, total) : phaseLabel(job.progress.phase)}
        </span>
      </p>
      <Progress
        value={running ? done : null}
        max={total}
        label={jobTitle(job)}
        valueText={running ? undefined : waitingLabel(job)}
      />
    </div>
  );
}

/** A running job in a line, for the overview's environment cards. */
export function JobInline({ site, job }: { site: string; job: Job }) {
  return <JobLine job={useLiveJob(site, job)} />;
}

/** The same for a job known by its id, which the site's active jobs list (the header's watcher polls it). */
export function JobInlineById({ jobId }: { jobId: string }) {
  return <JobLine job={useQuery(jobQueryOptions(jobId)).data} />;
}
