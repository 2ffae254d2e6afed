import { Link } from 'react-router';
import { Progress } from '@/components/ui/progress';
import { paths } from '@/config/paths';
import { formatPercent } from '@/lib/format';
import { useJob } from '../api/use-job';
import { jobTitle, phaseLabel, waitingLabel } from './job-labels';
import type { OnJobFinished } from './active-jobs-indicator';

/** One running job in the header's panel; it polls the job until it ends. */
export function ActiveJobItem({
  site,
  jobId,
  onFinished,
  onNavigate,
}: {
  site: string;
  jobId: string;
  onFinished?: OnJobFinished;
  onNavigate: () => void;
}) {
  const { data: job } = useJob(site, jobId, { poll: true, onFinished: (done) => onFinished?.(site, done) });
  if (!job) return null;
  const { done_bytes: done, total_bytes: total } = job.progress;
  const running = job.status === 'running' && total > 0;
  return (
    <li>
      <Link
        to={paths.environment(site, job.environment)}
        onClick={onNavigate}
        className="block space-y-1.5 rounded-lg px-2 py-2 text-sm hover:bg-surface-muted"
      >
        <span className="flex justify-between gap-2">
          <span className="font-medium">{jobTitle(job)}</span>
          <span className="text-ink-muted tabular-nums">
            {running ? formatPercent(done, total) : phaseLabel(job.progress.phase)}
          </span>
        </span>
        <span className="block truncate text-xs text-ink-muted">
          {site} / {job.environment}
        </span>
        <Progress
          value={running ? done : null}
          max={total}
          label={`${jobTitle(job)}, ${site} / ${job.environment}`}
          valueText={running ? undefined : waitingLabel(job)}
        />
      </Link>
    </li>
  );
}
