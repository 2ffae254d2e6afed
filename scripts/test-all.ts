// `npm test`: every check a contributor runs before pushing, with one total at the end.
// Lint and the type check count as one test each; unit, server and browser suites count their tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDashboardBuilt } from './dashboard-build.ts';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[]): boolean {
  console.log(`\n▶ ${[path.basename(command), ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function single(suite: string, ok: boolean): Tally {
  return { suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

function vitest(): Tally {
  const file = path.join(reports, 'vitest.json');
  const ok = run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number }>(file);
  if (!report) return single('unit and server', false);
  // A suite that failed to load reports no failed test; count it so the total cannot look green.
  const failed = report.numFailedTests || (ok ? 0 : 1);
  return { suite: 'unit and server', passed: report.numPassedTests, failed, skipped: report.numPendingTests };
}

function playwright(): Tally {
  const file = path.join(reports, 'playwright.json');
  const ok = run(bin('playwright'), ['test']);
  const report = readJson<{
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  }>(file);
  if (!report) return single('browser', false);
  const failed = report.stats.unexpected || (ok ? 0 : 1);
  return {
    suite: 'browser',
    passed: report.stats.expected + report.stats.flaky,
    failed,
    skipped: report.stats.skipped,
  };
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function bundleBudget(): Tally {
  try {
    ensureDashboardBuilt();
  } catch {
    return single('bundle size', false);
  }
  return single('bundle size', run(process.execPath, ['bench/bundle-budget.ts']));
}

const tallies: Tally[] = [
  single('lint', run(bin('eslint'), ['.']) && run(bin('prettier'), ['--check', '.'])),
  single('type check', run(bin('tsc'), ['-b'])),
  vitest(),
  bundleBudget(),
  playwright(),
];

console.log('\nSuite            passed  failed  skipped');
for (const t of tallies) {
  console.log(
    `${t.suite.padEnd(16)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}`,
  );
}
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
