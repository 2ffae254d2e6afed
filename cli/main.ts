// The `rewind` CLI: `node cli/main.ts <command>` (npm run rewind) or the package's bin, cli/bin/rewind.js.
import { run } from './run.ts';

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: Date.now,
});
// Exit now rather than when idle keep-alive sockets close, but only once stdout and stderr have handed
// everything to the OS: a pipe that a slow reader keeps full (`rewind download -o - | …`) is written
// asynchronously, and exiting with writes queued would cut the archive short.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}
