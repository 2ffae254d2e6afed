// A create or a restore whose answer is lost on the way back is retried with the same Idempotency-Key, and
// the server answers the retry with the first job: one snapshot, one restore, never two.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../contract/schemas.ts';
import { startCliServer, type CliServer } from './testing/cli-process.ts';

let rewind: CliServer;
beforeAll(async () => {
  rewind = await startCliServer();
});
afterAll(() => rewind?.stop());

interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  answer: string;
}

/**
 * Forwards everything to the server, except that it delivers the first POST and then hangs up on the
 * client instead of passing the answer back: the job exists, but the CLI never heard of it.
 */
async function lossyProxy(
  upstream: string,
): Promise<{ url: string; posts: Seen[]; close: () => Promise<void> }> {
  const posts: Seen[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const target = new URL(incoming.url ?? '/', upstream);
    const forward = request(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        if (incoming.method === 'POST') {
          posts.push({
            method: 'POST',
            url: incoming.url ?? '',
            key: key(incoming.headers),
            answer: body.toString(),
          });
          if (posts.length === 1) return incoming.socket.destroy();
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        outgoing.end(body);
      });
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const key = (headers: IncomingHttpHeaders) => headers['idempotency-key'] as string | undefined;

describe('a lost answer', () => {
  it('to backup create: retried with the same key, and only one snapshot is taken', async () => {
    const proxy = await lossyProxy(rewind.server.url);
    try {
      const result = await rewind.rewind(
        ['backup', 'create', '--site', 'acme-store', '--env', 'staging', '--json'],
        {
          env: { REWIND_URL: proxy.url },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('retrying (1/3)');
      expect(proxy.posts).toHaveLength(2);
      const [first, second] = proxy.posts;
      expect(first!.key).toMatch(/^[0-9a-f-]{36}$/);
      expect(second!.key).toBe(first!.key);
      const firstJob = JSON.parse(first!.answer) as Job;
      expect((JSON.parse(result.stdout) as Job).id).toBe(firstJob.id);
      const data = await rewind.snapshotsOf('acme-store', 'staging');
      expect(data.map((snapshot) => snapshot.id)).toEqual([firstJob.snapshot_id]);
    } finally {
      await proxy.close();
    }
  });

  it('to restore: retried with the same key, and only one restore runs', async () => {
    const backup = await rewind.api.createBackup('acme-store', { environment: 'production' });
    await rewind.waitForJob(backup.id);
    const proxy = await lossyProxy(rewind.server.url);
    try {
      const result = await rewind.rewind(
        [
          'restore',
          backup.snapshot_id,
          '--site',
          'acme-store',
          '--confirm',
          'production',
          '--wait',
          '--json',
        ],
        {
          env: { REWIND_URL: proxy.url },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(proxy.posts).toHaveLength(2);
      expect(proxy.posts[1]!.key).toBe(proxy.posts[0]!.key);
      expect((JSON.parse(result.stdout) as Job).id).toBe((JSON.parse(proxy.posts[0]!.answer) as Job).id);
      // One restore, so one pre-restore snapshot beside the snapshot it restored.
      const data = await rewind.snapshotsOf('acme-store', 'production');
      expect(data.map((snapshot) => snapshot.kind).sort()).toEqual(['manual', 'pre_restore']);
    } finally {
      await proxy.close();
    }
  });
});
