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
  const jobs = known && !listed.some((job) => job.id === known.id) ? [...listed, known] : listed;
  if (jobs.length === 0) return null;
  // One kind of element per job, keyed by its id: a job first known from the environment and then listed
  // by the header's watcher stays the same element, so its progress (and what it announces) carries on.
  return (
    <div className="space-y-3">
      {jobs.map((job) => (
        <KnownJob key={job.id} site={site} job={job} />
      ))}
    </div>
  );
}
