// Reads the sites a server protects from a JSON config file (the format is in DESIGN.md). A bad file
// stops the server at start, so every error names the file, the key and what was expected.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from './config-checks.ts';
import { validateConfig } from './config-validate.ts';
import { findJsonSyntaxError } from './json-error.ts';
import type { SiteConfig } from './site-config.ts';

export type { ConfigProblem };

function format(file: string, problems: readonly ConfigProblem[]): string {
  // A problem of the file as a whole reads as a sentence about the file: "Config file x.json is not valid JSON".
  if (problems.length === 1 && !problems[0]!.key) return `Config file ${file} ${problems[0]!.message}.`;
  if (problems.length === 1) return `Config file ${file}: ${problems[0]!.key}: ${problems[0]!.message}.`;
  const lines = problems.map((problem) => `  - ${problem.key || '(top level)'}: ${problem.message}`);
  return `Config file ${file} has ${problems.length} problems:\n${lines.join('\n')}`;
}

export class ConfigError extends Error {
  /** The config file, as an absolute path. */
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    super(format(file, problems));
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist; expected a JSON file describing the sites (check REWIND_CONFIG)'
        : code === 'EISDIR'
          ? 'is a folder; expected a JSON file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(file, [{ key: '', message: reason }]);
  }
}

function parse(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message may quote the text (and a password in it), so the reason is worked out anew.
    let message = 'is not valid JSON';
    if (text.trim() === '') message = 'is empty; expected a JSON object with a "sites" list';
    else {
      try {
        const where = findJsonSyntaxError(text);
        if (where) message = `is not valid JSON: line ${where.line}, column ${where.column}: ${where.reason}`;
      } catch {
        // Nesting deep enough to overflow the scanner's stack: the plain message has to do.
      }
    }
    throw new ConfigError(file, [{ key: '', message }]);
  }
}

/** The sites described by `file`, with every path absolute. Throws ConfigError when anything is wrong. */
export function loadConfigFile(file: string): SiteConfig[] {
  const absolute = path.resolve(file);
  // A byte order mark is invisible in most editors and not JSON, so it is forgiven.
  const text = readText(absolute).replace(/^\uFEFF/, '');
  const result = validateConfig(parse(absolute, text), path.dirname(absolute));
  if (result.sites === null) throw new ConfigError(absolute, result.problems);
  return result.sites;
}
