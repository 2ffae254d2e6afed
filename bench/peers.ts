// The other backup programs Rewind is set beside, where they are installed: restic and borg, each on the same
// corpus, a first backup into an empty repository, an unchanged second backup after it, and a restore into an
// empty folder (borg: the first archive; restic: its latest snapshot, the unchanged second, the same files). Each command runs under GNU time (wall, CPU, peak memory); the repository's size
// is what it holds on disk after the backup.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run, timed, treeBytes, type Sample } from './measure.ts';

export type PeerName = 'restic' | 'borg';

export interface PeerTools {
  restic: string | null;
  borg: string | null;
}

export interface PeerResult extends Sample {
  /** The repository's bytes on disk after the step (restores: null). */
  repoBytes: number | null;
}

export interface PeerRun {
  first: PeerResult;
  second: PeerResult;
  restore: PeerResult;
  /** The restored tree held every byte of the corpus's uploads. */
  complete: boolean;
}

const INSTALL: Record<PeerName, string> = {
  restic: 'apt-get install restic',
  borg: 'apt-get install borgbackup',
};

function version(command: string): string | null {
  const result = spawnSync(command, ['version'], { encoding: 'utf8' });
  const fallback =
    result.error || result.status !== 0 ? spawnSync(command, ['--version'], { encoding: 'utf8' }) : null;
  const answer = fallback ?? result;
  if (answer.error || answer.status !== 0) return null;
  return `${answer.stdout}${answer.stderr}`.split('\n')[0]!.trim();
}

export function findPeers(log: (line: string) => void, withTime: boolean): PeerTools {
  const peers: PeerTools = { restic: version('restic'), borg: version('borg') };
  for (const name of ['restic', 'borg'] as const) {
    if (!peers[name])
      log(`${name} not found — install it with: ${INSTALL[name]}; skipping the comparison with it`);
  }
  if (!withTime && (peers.restic || peers.borg)) {
    log('GNU time not found — skipping restic and borg (their CPU and peak memory need it)');
    return { restic: null, borg: null };
  }
  return peers;
}

interface Peer {
  init(repo: string): Promise<void>;
  backup(repo: string, dir: string, name: string): Promise<Sample>;
  restore(repo: string, name: string, target: string): Promise<Sample>;
  /** Where the restored copy of `envDir`'s uploads lands under `target`. */
  restoredUploads(target: string, envDir: string): string;
}

/** Both programs want a passphrase or a cache folder from the environment; the bench gives them their own. */
function peerEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RESTIC_PASSWORD: 'rewind-bench',
    RESTIC_CACHE_DIR: path.join(scratch, 'restic-cache'),
    BORG_BASE_DIR: path.join(scratch, 'borg-home'),
    BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes',
    BORG_RELOCATED_REPO_ACCESS_IS_OK: 'yes',
  };
}

async function quiet(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { code, stderr } = await run(command, args, undefined, env);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr}`);
}

function restic(env: NodeJS.ProcessEnv): Peer {
  return {
    init: (repo) => quiet('restic', ['init', '--quiet', '--repo', repo], env),
    // Run from inside the folder, so the snapshot holds `.` as tar's archive does.
    backup: (repo, dir) => timed('restic', ['backup', '--quiet', '--repo', repo, '.'], dir, env),
    restore: (repo, _name, target) =>
      timed('restic', ['restore', '--quiet', '--repo', repo, 'latest', '--target', target], undefined, env),
    restoredUploads: (target) => path.join(target, 'uploads'),
  };
}

function borg(env: NodeJS.ProcessEnv): Peer {
  return {
    init: (repo) => quiet('borg', ['init', '--encryption=none', repo], env),
    // zstd level 3, as Rewind's blobs and the tar | zstd -3 line.
    backup: (repo, dir, name) =>
      timed('borg', ['create', '--compression', 'zstd,3', `${repo}::${name}`, '.'], dir, env),
    restore: (repo, name, target) => {
      mkdirSync(target, { recursive: true });
      return timed('borg', ['extract', `${repo}::${name}`], target, env);
    },
    restoredUploads: (target) => path.join(target, 'uploads'),
  };
}

/** One run of one peer on the corpus: first backup, unchanged second backup, restore of the first. */
export async function runPeer(
  name: PeerName,
  envDir: string,
  scratch: string,
  flush: () => void,
): Promise<PeerRun> {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const env = peerEnv(scratch);
  const peer = name === 'restic' ? restic(env) : borg(env);
  const repo = path.join(scratch, 'repo');
  const target = path.join(scratch, 'restored');
  try {
    await peer.init(repo);
    flush();
    const first = await peer.backup(repo, envDir, 'first');
    const firstRepo = treeBytes(repo);
    flush();
    const second = await peer.backup(repo, envDir, 'second');
    const secondRepo = treeBytes(repo);
    flush();
    const restore = await peer.restore(repo, 'first', target);
    const uploads = path.join(envDir, 'uploads');
    return {
      first: { ...first, repoBytes: firstRepo },
      second: { ...second, repoBytes: secondRepo - firstRepo },
      restore: { ...restore, repoBytes: null },
      complete: treeBytes(peer.restoredUploads(target, envDir)) === treeBytes(uploads),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
