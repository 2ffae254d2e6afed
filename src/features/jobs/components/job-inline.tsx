import type { Job } from '@contract/schemas';
import { Progress } from '@/components/ui/progress';
import { formatPercent } from '@/lib/format';
import { isActiveJob } from '../api/get-job';
import { useLiveJob } from '../api/use-live-job';
import { jobTitle, phaseLabel, waitingLabel } from './job-labels';

/** A running job in a line, for the overview's environment cards. */
export function JobInline({ site, job }: { site: string; job: Job }) {
  const live = useLiveJob(site, job);
  if (!isActiveJob(live)) return null;
  const { done_bytes: done, total_bytes: total } = live.progress;
  const running = live.status === 'running' && total > 0;
  return (
    <div className="space-y-1.5 rounded-lg bg-accent/5 p-2.5 text-sm">
      <p className="flex justify-between gap-2">
        <span className="font-medium">{jobTitle(live)}</span>
        <span className="text-ink-muted">
          {running ? formatPercent(done, total) : phaseLabel(live.progress.phase)}
        </span>
      </p>
      <Progress
        value={running ? done : null}
        max={total}
        label={jobTitle(live)}
        valueText={running ? undefined : waitingLabel(live)}
      />
    </div>
  );
}
