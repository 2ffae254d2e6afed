// Command-line options of `npm run bench`. Sizes take binary units (`--size 2GiB`, `500MiB`, `1g`); a bare
// number is MiB (`--size 5000`).
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Target corpus size in bytes. */
  sizeBytes: number;
  /** How many times each measurement is repeated; medians are quoted. */
  runs: number;
  /** Seconds of load per API endpoint and run. */
  loadSeconds: number;
  connections: number;
  /** Names the results files: `latest` for the full size, `quick` for --quick, or --out. */
  outName: string;
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

const UNITS: Record<string, number> = { '': MiB, k: 1024, m: MiB, g: GiB, t: 1024 * GiB };

export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?)?\s*$/i.exec(text);
  if (!match) throw new Error(`--size "${text}" is not a size; write e.g. 5000 (MiB), 100MiB, 1GiB or 2g.`);
  const bytes = Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]!;
  if (bytes < 20 * MiB) throw new Error(`--size ${text} is too small: the corpus needs at least 20 MiB.`);
  return Math.round(bytes);
}

const usage = `Usage: npm run bench -- [--quick] [--size 1GiB] [--runs 3] [--load-seconds 10] [--out name]
  --quick          a ~100 MB corpus, 2 runs, 3 s of API load (a few minutes)
  --size SIZE      corpus size: a bare number is MiB (5000), or 2GiB, 500MiB, 1g (default 1GiB; quick: 100MiB)
  --runs N         repetitions of each measurement, medians quoted (default 3; quick: 2)
  --load-seconds S seconds of load per API endpoint and run (default 10; quick: 3)
  --connections N  concurrent API connections (default 10)
  --out NAME       results file names under bench/results/ (default latest; quick: quick)`;

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      size: { type: 'string' },
      runs: { type: 'string' },
      'load-seconds': { type: 'string' },
      connections: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick;
  const whole = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1.`);
    return value;
  };
  return {
    quick,
    sizeBytes: values.size ? parseSize(values.size) : quick ? 100 * MiB : GiB,
    runs: whole('runs', values.runs, quick ? 2 : 3),
    loadSeconds: whole('load-seconds', values['load-seconds'], quick ? 3 : 10),
    connections: whole('connections', values.connections, 10),
    outName: values.out ?? (quick ? 'quick' : 'latest'),
  };
}
