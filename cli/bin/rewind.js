#!/usr/bin/env node
// The package's `rewind` executable. The CLI is TypeScript that Node 24 runs directly (type stripping);
// when the `node` on PATH is older, hand over to the Node the project pins (the `node` devDependency).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import('../main.ts');
} else {
  let pinned;
  try {
    pinned = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    process.stderr.write(
      `rewind needs Node.js 24 or later (this is ${process.version}); run npm ci to install it.\n`,
    );
    process.exit(5);
  }
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const child = spawn(pinned, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal's process group; let it decide, then follow it.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(`rewind: could not start ${pinned}: ${error.message}\n`);
    process.exit(5);
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', ignore);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
