// The package's `rewind` executable runs under the project's pinned Node, and hands over to it from an
// older `node` on PATH (Debian's Node 20, say) with the arguments, the output and the exit code intact.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinnedNode, projectRoot, runCli } from './testing/cli-process.ts';

const bin = path.join(projectRoot, 'cli', 'bin', 'rewind.js');
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((file) => existsSync(file));
const systemMajor = systemNode
  ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]']).toString())
  : null;

describe('cli/bin/rewind.js', () => {
  it('runs the CLI on the pinned Node', async () => {
    const help = await runCli(['--help'], { command: [pinnedNode, bin] });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rewind <command>');
    const usage = await runCli(['snapshots', 'list'], { command: [pinnedNode, bin] });
    expect(usage.code).toBe(2);
  });

  it.runIf(systemMajor !== null && systemMajor < 24)(
    `re-executes itself on the pinned Node from an older node (${systemNode ?? 'none'})`,
    async () => {
      // As `#!/usr/bin/env node` does with Node 20 first on PATH.
      const help = await runCli(['backup', 'create', '--help'], { command: [systemNode!, bin] });
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain('Usage: rewind backup create');
      const noToken = await runCli(['sites'], { command: [systemNode!, bin] });
      expect(noToken.code).toBe(3);
      expect(noToken.stderr).toContain('set REWIND_TOKEN');
    },
  );
});
