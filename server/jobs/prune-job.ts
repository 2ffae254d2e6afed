import { pruneEnvironment } from '../core/retention.ts';
import type { Services } from '../core/services.ts';
import type { JobHandler } from './runner.ts';

/** A prune job deletes what the environment's backup policy no longer keeps, and frees the space. */
export function pruneJob(services: Services): JobHandler {
  return async (job, context) => {
    const env = await services.catalog.getEnvironment(job.environment_id);
    if (!env) throw new Error(`Environment ${job.environment_id} is not in the catalog.`);
    context.report({ phase: 'finalizing', doneBytes: 0, totalBytes: 0 });
    const { deleted } = await pruneEnvironment(services, env);
    context.log.info({ deleted: deleted.map((s) => s.id) }, 'prune finished');
  };
}
