import { randomUUID } from 'node:crypto';
import type { Job } from '../../contract/schemas.ts';
import type { Command, Context } from '../command.ts';
import { confirmOption, confirmTarget, yesOption } from '../confirm.ts';
import { describeRestore, describeRestored } from '../confirm-restore.ts';
import { ExitCode } from '../exit-codes.ts';
import { settleJob } from '../job-outcome.ts';
import { waitWithProgress } from '../job-watch.ts';
import { parseSelectors, required, selectorsOption, siteOption, text, waitOption } from '../options.ts';
import { withRetry } from '../retry.ts';
import { undoHint } from './jobs-wait.ts';

export const restoreCommand: Command = {
  words: ['restore'],
  summary: 'Restore a snapshot into its environment or another of the same site',
  args: ['SNAP'],
  options: {
    site: siteOption,
    env: {
      type: 'string',
      value: 'TARGET',
      help: "the environment to restore into (default: the snapshot's own)",
    },
    selectors: selectorsOption,
    confirm: confirmOption,
    yes: yesOption,
    wait: waitOption,
  },
  details: `A restore overwrites the target's data. At a terminal it says what will be overwritten and asks:
a production environment wants its name typed, others a y/N. Without a terminal it refuses (exit 2)
unless it is confirmed: --confirm NAME for a production environment (--yes does not confirm one),
--yes for the others. Every restore first takes a pre-restore snapshot, so it can be undone.

Examples:
  rewind restore snap_01J… --site acme-store --selectors db --wait
  rewind restore snap_01J… --site acme-store --env production --confirm production --wait
  rewind restore snap_01J… --site acme-store --env staging --yes --wait --json`,
  async run(context, values, [snap]) {
    const site = required(values, 'site');
    const selectors = parseSelectors(text(values, 'selectors')) ?? ['db', 'files'];
    const snapshot = await context.client.getSnapshot(site, snap!);
    const target = await context.client.getEnvironment(site, text(values, 'env') ?? snapshot.environment);
    const confirm = await confirmTarget(context, values, target, {
      description: describeRestore({ site, snapshot, target, selectors }, context.io.now()),
      question: `Restore ${target.name}?`,
      nothingDone: 'Nothing was restored.',
    });

    const body = { selectors, environment: target.name, ...(confirm === undefined ? {} : { confirm }) };
    const idempotencyKey = randomUUID();
    const job = await withRetry(
      () => context.client.restoreSnapshot(site, snapshot.id, body, { idempotencyKey }),
      { onRetry: (_error, attempt) => context.note(`No answer from the server; retrying (${attempt}/3)…`) },
    );
    if (!values.wait) return accepted(context, job);
    const finished = await waitWithProgress(context, job);
    return settleJob(context, finished, (done) => {
      context.print(describeRestored(done, snapshot.environment));
      undoHint(context, done, site, target.type);
    });
  },
};

function accepted(context: Context, job: Job): ExitCode {
  if (context.json) context.print(JSON.stringify(job, null, 2));
  else {
    context.print(`Restore job ${job.id} accepted into ${job.environment}.`);
    context.print(`Wait for it: rewind jobs wait ${job.id}`);
  }
  return ExitCode.ok;
}
