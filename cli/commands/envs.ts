import type { Environment } from '../../contract/schemas.ts';
import type { Command } from '../command.ts';
import { ExitCode } from '../exit-codes.ts';
import { required, siteOption } from '../options.ts';
import { formatAge, formatBytes, formatPercent } from '../output/format.ts';
import { phaseLabel } from '../output/labels.ts';
import { formatTable } from '../output/table.ts';

export const envsCommand: Command = {
  words: ['envs'],
  summary: "List a site's environments: services and sizes, latest snapshot, running job",
  options: { site: siteOption },
  async run(context, values) {
    const { data: environments } = await context.client.listEnvironments(required(values, 'site'));
    if (context.json) context.print(JSON.stringify(environments, null, 2));
    else if (!environments.length) context.print('This site has no environments.');
    else {
      const now = context.io.now();
      context.print(
        formatTable(
          ['name', 'type', 'services', 'latest snapshot', 'job'],
          environments.map((env) => [env.name, env.type, services(env), latest(env, now), activeJob(env)]),
        ),
      );
    }
    return ExitCode.ok;
  },
};

const services = (env: Environment) =>
  env.services.map((service) => `${service.name} ${formatBytes(service.size_bytes)}`).join(', ');

function latest(env: Environment, now: number): string {
  const snapshot = env.latest_snapshot;
  return snapshot ? `${formatAge(snapshot.created_at, now)}, ${snapshot.status}` : 'none';
}

function activeJob(env: Environment): string {
  const job = env.active_job;
  if (!job) return '-';
  const { done_bytes: done, total_bytes: total, phase } = job.progress;
  return `${job.type} ${job.status === 'running' && total > 0 ? formatPercent(done, total) : phaseLabel(phase)}`;
}
