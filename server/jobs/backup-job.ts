import type { Services } from '../core/services.ts';
import { captureIntoSnapshot } from './capture.ts';
import type { JobHandler } from './runner.ts';

/** A backup job fills the pending snapshot it was accepted with. */
export function backupJob(services: Services): JobHandler {
  return async (job, context) => {
    const env = await services.catalog.getEnvironment(job.environment_id);
    if (!env) throw new Error(`Environment ${job.environment_id} is not in the catalog.`);
    await captureIntoSnapshot(services, job.snapshot_id, env, context.report);
  };
}
