import { useQuery, type QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Environment, Job } from '@contract/schemas';
import { jobQueryOptions } from '@/features/jobs/api/get-job';
import { phaseLabel } from '@/features/jobs/components/job-labels';
import { useUndoStarted } from '@/features/restore/api/undo-restore';
import { lastRestoreOf, partsOf, wasUndo } from '@/features/restore/last-restore';
import { environmentQueryOptions, environmentsQueryOptions } from '@/features/sites/api/get-environments';
import { useNow } from '@/hooks/use-now';
import { restoredParts, restoredPartsAreOne } from '@/lib/restore-words';

// One toast per environment for its restores: a newer restore, or the undo of this one, replaces the toast
// (and its Undo) instead of stacking another over the page.
const toastId = (site: string, env: string) => `restore:${site}/${env}`;

/** What came back, in words that agree: "the database is back", "the files are back", "the databases…". */
function what(job: Job, environment: Environment | undefined) {
  const { words, one } = environment
    ? partsOf(environment, job)
    : { words: restoredParts(job.selectors), one: restoredPartsAreOne(job.selectors) };
  return { words, is: one ? 'is' : 'are', was: one ? 'it was' : 'they were' };
}

/** The environment as it is now (after a job ended): what it says decides what the toast says. */
export async function environmentNow(client: QueryClient, site: string, env: string) {
  try {
    return await client.fetchQuery({ ...environmentQueryOptions(site, env), staleTime: 0 });
  } catch {
    return (
      client.getQueryData(environmentQueryOptions(site, env).queryKey) ??
      client.getQueryData(environmentsQueryOptions(site).queryKey)?.find((e) => e.name === env)
    );
  }
}

/**
 * The toast of an undo, from the moment it is accepted: it follows the undo's job until it ends. An undo seen
 * to end before it was announced (a small one) has had its last word already.
 */
export function announceUndo(
  client: QueryClient,
  site: string,
  environment: Environment | undefined,
  undo: Job,
): void {
  const known = client.getQueryData(jobQueryOptions(undo.id).queryKey);
  if (known && known.status !== 'queued' && known.status !== 'running') return;
  const { words, was } = what(undo, environment);
  toast.loading(`Undoing the restore of ${undo.environment}`, {
    id: toastId(site, undo.environment),
    description: (
      <>
        Bringing the {words} of {site} / {undo.environment} back to how {was} before the restore.{' '}
        <UndoPhase jobId={undo.id} />
      </>
    ),
    action: undefined,
  });
}

/** A restore (or an undo) that ended: what it did, and for a restore that stands, Undo. */
export function toastRestoreEnded(
  site: string,
  job: Job,
  environment: Environment | undefined,
  onUndo: (site: string, job: Job) => void,
): void {
  const where = `${site} / ${job.environment}`;
  const id = toastId(site, job.environment);
  const undo = environment !== undefined && wasUndo(environment, job);
  const { words, is, was } = what(job, environment);
  if (job.status === 'canceled') {
    toast(undo ? 'Undo canceled' : 'Restore canceled', {
      id,
      description: where,
      action: undefined,
      duration: 6_000,
    });
    return;
  }
  if (job.status === 'failed') {
    toast.error(undo ? 'Undo failed' : 'Restore failed', {
      id,
      description: `${where}: ${job.error?.detail ?? 'the job did not finish.'}`,
      action: undefined,
      duration: 10_000,
    });
    return;
  }
  if (undo) {
    toast.success('Restore undone', {
      id,
      description: `The ${words} of ${where} ${is} back as ${was} before the restore.`,
      action: undefined,
      duration: 6_000,
    });
    return;
  }
  toast.success(`Restored ${job.environment}`, {
    id,
    description: `The ${words} of ${where} ${is} back as ${was} at the restore point.`,
    duration: 20_000,
    action: <UndoToastAction site={site} job={job} onUndo={() => onUndo(site, job)} />,
  });
}

/** The undo's current phase, read from the job the header polls. */
function UndoPhase({ jobId }: { jobId: string }) {
  const job = useQuery(jobQueryOptions(jobId)).data;
  if (!job || (job.status !== 'queued' && job.status !== 'running')) return null;
  return <span className="block">{phaseLabel(job.progress.phase)}…</span>;
}

/**
 * The toast's Undo: there only while this restore is the environment's latest that stands and no undo of
 * it has started, so an old toast never offers to undo what was undone or replaced since.
 */
function UndoToastAction({ site, job, onUndo }: { site: string; job: Job; onUndo: () => void }) {
  const environment = useQuery(environmentQueryOptions(site, job.environment));
  const now = useNow();
  const started = useUndoStarted(job, environment.dataUpdatedAt);
  const last = environment.data ? lastRestoreOf(environment.data, now) : null;
  if (last?.state !== 'undoable' || last.job.id !== job.id || started) return null;
  return (
    // data-button and data-action give it the toast's own button style.
    <button type="button" data-button="" data-action="" onClick={onUndo}>
      Undo restore
    </button>
  );
}
