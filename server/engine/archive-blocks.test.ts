// The compressed archive must read back with the decompressors users have (gzip, zstd, browsers'), whole and
// in order, and a reader that stops reading must stop the compressor from taking in more.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, BlockCompressor } from './archive-blocks.ts';
import type { ArchiveFormat } from './types.ts';

/** 5.5 blocks of text and random bytes, in chunks of odd sizes. */
function content(): Buffer {
  const text = Buffer.from('order 1234 shipped to Lyon, 2 mugs and a tea pot\n'.repeat(60_000));
  return Buffer.concat([text, randomBytes(2 * BLOCK_BYTES + 12_345), text.subarray(0, 500_000)]);
}

async function compress(input: Buffer, format: ArchiveFormat, store?: [number, number]): Promise<Buffer> {
  const compressor = new BlockCompressor(format);
  const out = buffer(compressor);
  for (let at = 0; at < input.length; at += 300_007) {
    // The random stretch goes in stored, as archive.ts asks for media.
    compressor.effort(store && at >= store[0] && at < store[1] ? 'store' : 'compress');
    if (!compressor.write(input.subarray(at, at + 300_007))) {
      await new Promise((resolve) => compressor.once('drain', resolve));
    }
  }
  compressor.end();
  return out;
}

const tool = (args: string[], input: Buffer) => {
  const result = spawnSync(args[0]!, args.slice(1), { input, maxBuffer: 64 * 1024 * 1024 });
  expect(result.status, result.stderr.toString()).toBe(0);
  return result.stdout;
};

describe('the archive compressed in blocks', () => {
  it('is one gzip member that gzip, zlib and the web DecompressionStream read back byte for byte', async () => {
    const input = content();
    const gz = await compress(input, 'tar.gz', [3_000_000, 5_500_000]);
    expect(gz.length).toBeLessThan(input.length); // the text compressed, the random bytes stored
    expect(gz.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
    // One member: its trailer holds the CRC-32 and the size of the whole content.
    expect(gz.readUInt32LE(gz.length - 8)).toBe(crc32(input));
    expect(gz.readUInt32LE(gz.length - 4)).toBe(input.length);
    expect(gunzipSync(gz).equals(input)).toBe(true);
    expect(tool(['gzip', '-dc'], gz).equals(input)).toBe(true);
    const web = Readable.fromWeb(
      new Blob([new Uint8Array(gz)]).stream().pipeThrough(new DecompressionStream('gzip')) as never,
    );
    expect((await buffer(web)).equals(input)).toBe(true);
  });

  it('is a zstd stream of checksummed frames that zstd reads back byte for byte', async () => {
    const input = content();
    const zst = await compress(input, 'tar.zst');
    expect(zst.length).toBeLessThan(input.length);
    expect(tool(['zstd', '-dc'], zst).equals(input)).toBe(true);
    // Each frame's descriptor has the content checksum flag, which zstd -d checks.
    expect(zst.subarray(0, 4)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    expect(zst[4]! & 0b100).toBe(0b100);
  });

  it('stays a valid archive when it holds nothing', async () => {
    expect(gunzipSync(await compress(Buffer.alloc(0), 'tar.gz')).length).toBe(0);
    expect(tool(['zstd', '-dc'], await compress(Buffer.alloc(0), 'tar.zst')).length).toBe(0);
  });

  it('takes in no more than a few blocks while its reader does not read', async () => {
    for (const format of ['tar.gz', 'tar.zst'] as const) {
      const compressor = new BlockCompressor(format);
      let taken = 0;
      const writing = (async () => {
        for (let i = 0; i < 256; i++) {
          const chunk = randomBytes(256 * 1024); // fresh: zstd would find a repeated one within its window
          taken += chunk.length;
          if (!compressor.write(chunk)) await new Promise((resolve) => compressor.once('drain', resolve));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(taken, format).toBeLessThan(16 * BLOCK_BYTES); // of the 64 MiB it was given
      // Reading on, everything arrives.
      let received = 0;
      const reading = pipeline(
        compressor,
        new Writable({
          write(data: Buffer, _encoding, callback) {
            received += data.length;
            callback();
          },
        }),
      );
      await writing;
      compressor.end();
      await reading;
      expect(received).toBeGreaterThan(60 * BLOCK_BYTES);
    }
  });
});
