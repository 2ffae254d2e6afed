// The dashboard's first-load weight: the JS and CSS that dist/index.html loads before anything renders (its
// module script, modulepreloads and stylesheets), gzip'd at level 9, against a budget. Lazy route chunks are
// listed but not counted. Run as a script it prints the sizes and exits 1 when over budget:
//   node bench/bundle-budget.ts [--build]     (--build: rebuild dist/ first; it is built anyway when missing)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDashboardBuilt } from '../scripts/dashboard-build.ts';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_JS_BUDGET = 170 * 1000;

const projectRoot = path.resolve(import.meta.dirname, '..');

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  distDir: string;
  firstLoadJs: AssetSize[];
  firstLoadCss: AssetSize[];
  lazyJs: AssetSize[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  jsBudgetBytes: number;
  withinBudget: boolean;
}

function sizeOf(distDir: string, file: string): AssetSize {
  const content = readFileSync(path.join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Files of dist/ that asset URLs point to (URLs to other hosts are not the dashboard's weight). */
function localFiles(urls: Array<string | undefined>): string[] {
  const files = urls
    .filter((url): url is string => Boolean(url) && !/^[a-z]+:\/\//i.test(url!))
    .map((url) => url.replace(/^\//, ''));
  return [...new Set(files)];
}

export function measureDashboardBundle(distDir = path.join(projectRoot, 'dist')): BundleReport {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((match) => match[0]);
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const js = tags
    .filter((tag) => (tag.startsWith('<script') && attr(tag, 'src')) || attr(tag, 'rel') === 'modulepreload')
    .map((tag) => attr(tag, 'src') ?? attr(tag, 'href'));
  const css = tags.filter((tag) => attr(tag, 'rel') === 'stylesheet').map((tag) => attr(tag, 'href'));
  const firstLoadJs = localFiles(js).map((file) => sizeOf(distDir, file));
  const firstLoadCss = localFiles(css).map((file) => sizeOf(distDir, file));
  const counted = new Set(firstLoadJs.map((asset) => asset.file));
  const assetsDir = path.join(distDir, 'assets');
  const lazyJs = (existsSync(assetsDir) ? readdirSync(assetsDir) : [])
    .filter((name) => name.endsWith('.js') && !counted.has(`assets/${name}`))
    .map((name) => sizeOf(distDir, `assets/${name}`));
  const jsGzipBytes = firstLoadJs.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  return {
    distDir,
    firstLoadJs,
    firstLoadCss,
    lazyJs,
    jsGzipBytes,
    cssGzipBytes: firstLoadCss.reduce((sum, asset) => sum + asset.gzipBytes, 0),
    jsBudgetBytes: FIRST_LOAD_JS_BUDGET,
    withinBudget: jsGzipBytes <= FIRST_LOAD_JS_BUDGET,
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function describeBundle(report: BundleReport): string {
  const lines = ['Dashboard first load (gzip -9):'];
  for (const asset of [...report.firstLoadJs, ...report.firstLoadCss]) {
    lines.push(
      `  ${asset.file.padEnd(40)} ${kB(asset.bytes).padStart(10)} → ${kB(asset.gzipBytes).padStart(9)}`,
    );
  }
  for (const asset of report.lazyJs) {
    lines.push(
      `  ${`${asset.file} (lazy)`.padEnd(40)} ${kB(asset.bytes).padStart(10)} → ${kB(asset.gzipBytes).padStart(9)}`,
    );
  }
  const verdict = report.withinBudget ? 'within' : 'OVER';
  lines.push(
    `  first-load JS ${kB(report.jsGzipBytes)} gzip: ${verdict} the ${kB(report.jsBudgetBytes)} budget; CSS ${kB(report.cssGzipBytes)} gzip`,
  );
  return lines.join('\n');
}

if (import.meta.main) {
  ensureDashboardBuilt();
  const report = measureDashboardBundle();
  console.log(describeBundle(report));
  process.exit(report.withinBudget ? 0 : 1);
}
