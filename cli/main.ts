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
// Exit now rather than when idle keep-alive sockets close; stdout and stderr are flushed (pipes and files
// are written synchronously, and a download to stdout has been awaited).
process.exit(code);
