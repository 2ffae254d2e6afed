// The server's entry point: `node server/main.js` (npm start runs it). Plain JavaScript, so that once Node's
// compile cache holds the server's modules (stripped of their types and compiled), a start loads neither them
// from source nor Node's TypeScript stripper (~18 MB that would stay resident for the life of the process).
// The first start after a change to the code fills the cache and pays that once.
// @ts-check
import { enableCompileCache } from 'node:module';
import { setFlagsFromString } from 'node:v8';

// V8 grows its young generation to 16 MB semi-spaces (three times that resident) after the burst of allocation
// at start-up, compiling route schemas, and keeps it while the server idles. A young generation that does not
// grow costs a few more quick collections under load; big content is streamed in fixed buffers either way.
setFlagsFromString('--semi-space-growth-factor=1');
// The cache lives where NODE_COMPILE_CACHE says, or in the system's temporary folder; entries are keyed by the
// source's hash, so a changed file is never served stale.
enableCompileCache();

await import('./serve.ts');
