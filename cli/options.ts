// Flags shared by several commands, so that each means the same everywhere.
import type { Selector } from '../contract/schemas.ts';
import type { Option, Values } from './command.ts';
import { usageError } from './exit-codes.ts';

export const globalOptions: Record<string, Option> = {
  url: {
    type: 'string',
    value: 'URL',
    help: 'the Rewind server (default: $REWIND_URL or http://127.0.0.1:8080)',
  },
  token: { type: 'string', value: 'TOKEN', help: 'the API token (default: $REWIND_TOKEN)' },
  json: { type: 'boolean', help: 'print JSON on stdout, for scripts' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const siteOption: Option = {
  type: 'string',
  value: 'SITE',
  help: "the site's slug or id",
  required: true,
};
export const envOption: Option = {
  type: 'string',
  value: 'ENV',
  help: "the environment's name or id",
  required: true,
};
export const waitOption: Option = {
  type: 'boolean',
  help: 'wait for the job to finish (a progress bar on a terminal)',
};
export const selectorsOption: Option = {
  type: 'string',
  value: 'LIST',
  help: 'what to include: db, files or db,files (default: both)',
};

export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A flag the command marked required: present (parseArgs cannot say so itself). */
export function required(values: Values, name: string): string {
  const value = text(values, name);
  if (value === undefined || value === '') throw usageError(`Missing --${name}.`);
  return value;
}

export function parseSelectors(raw: string | undefined): Selector[] | undefined {
  if (raw === undefined) return undefined;
  const words = raw.split(',').map((word) => word.trim());
  const selectors = [...new Set(words)];
  if (!selectors.length || selectors.some((word) => word !== 'db' && word !== 'files')) {
    throw usageError(`--selectors takes db, files or db,files; got "${raw}".`);
  }
  return selectors as Selector[];
}

export function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw usageError(`--limit takes a whole number from 1 to 200; got "${raw}".`);
  }
  return limit;
}
