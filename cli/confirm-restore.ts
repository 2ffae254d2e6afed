// What a restore overwrites, said before it is confirmed (confirm.ts), and what it did, said after.
import type { Environment, Job, Selector, Snapshot } from '../contract/schemas.ts';
import { formatAge } from './output/format.ts';
import { selectorsLabel } from './output/labels.ts';

export interface RestorePlan {
  site: string;
  snapshot: Snapshot;
  target: Environment;
  selectors: Selector[];
}

/** What will be overwritten, in words, before anyone is asked. */
export function describeRestore({ site, snapshot, target, selectors }: RestorePlan, now: number): string {
  const services = target.services
    .filter((service) => selectors.includes(service.selector))
    .map((service) => `${service.name} (${service.selector === 'db' ? 'database' : 'files'})`);
  const label = snapshot.label ? ` "${snapshot.label}"` : '';
  const from = `${snapshot.id}${label}, taken ${formatAge(snapshot.created_at, now)} from ${snapshot.environment}`;
  return [
    `This restore overwrites ${services.join(' and ') || 'nothing'} of ${site}/${target.name} (${target.type}) with snapshot ${from}.`,
    'A pre-restore snapshot is taken first, so the restore can be undone.',
  ].join('\n');
}

/** A finished restore, naming where its data came from when that is another environment. */
export function describeRestored(job: Job, source: string | null): string {
  const what = selectorsLabel(job.selectors);
  const result =
    source && source !== job.environment
      ? `${job.environment} now has ${source}'s ${what} from ${job.snapshot_id}`
      : `${job.environment} has its ${what} from ${job.snapshot_id} again`;
  return `Restore job ${job.id} succeeded: ${result}.`;
}
