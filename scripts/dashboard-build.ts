import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(projectRoot, 'dist', 'index.html');
const sources = [
  'src',
  'public',
  'contract',
  'index.html',
  'vite.config.ts',
  'tailwind.config.ts',
  'package.json',
];

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

function needsBuild(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return sources.some((source) => newestChange(path.join(projectRoot, source)) > builtAt);
}

/** Builds the dashboard into dist/ when it is missing or older than its sources. */
export function ensureDashboardBuilt(): void {
  if (!needsBuild()) return;
  console.log('Building the dashboard…');
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The dashboard did not build; see the errors above.');
}
