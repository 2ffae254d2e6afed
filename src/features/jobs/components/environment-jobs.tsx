import { useQuery } from '@tanstack/react-query';
import type { Job } from '@contract/schemas';
import { useActiveJobs } from '../api/get-active-jobs';
import { isActiveJob, jobQueryOptions } from '../api/get-job';
import { useLiveJob } from '../api/use-live-job';
import { JobProgress } from './job-progress';

function EnvironmentJob({ jobId }: { jobId: string }) {
  // A reader: the header's watcher polls this job, so the page shows it live without asking twice.
  const job = useQuery(jobQueryOptions(jobId));
  if (!isActiveJob(job.data)) return null;
  return <JobProgress job={job.data} seenAt={job.dataUpdatedAt} />;
}

function KnownJob({ site, job }: { site: string; job: Job }) {
  const live = useLiveJob(site, job);
  return <EnvironmentJob jobId={live.id} />;
}

/** The environment's running and queued jobs, from the site's active jobs and the environment itself. */
export function EnvironmentJobs({ site, env, known }: { site: string; env: string; known: Job | null }) {
  const active = useActiveJobs(site);
  const listed = (active.data?.data ?? []).filter((job) => job.environment === env);
  const extra = known && !listed.some((job) => job.id === known.id) ? known : null;
  if (listed.length === 0 && !extra) return null;
  return (
    <div className="space-y-3">
      {listed.map((job) => (
        <EnvironmentJob key={job.id} jobId={job.id} />
      ))}
      {extra && <KnownJob site={site} job={extra} />}
    </div>
  );
}
