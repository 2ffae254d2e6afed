import type { Command } from '../command.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable } from '../output/table.ts';

export const sitesCommand: Command = {
  words: ['sites'],
  summary: 'List the sites',
  options: {},
  async run(context) {
    const { data: sites } = await context.client.listSites();
    if (context.json) context.print(JSON.stringify(sites, null, 2));
    else if (!sites.length) context.print('No sites. Describe them in the config file (REWIND_CONFIG).');
    else
      context.print(
        formatTable(
          ['slug', 'name', 'id'],
          sites.map((site) => [site.slug, site.name, site.id]),
        ),
      );
    return ExitCode.ok;
  },
};
