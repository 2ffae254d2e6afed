import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderProductPhoto } from './demo-images.ts';
import { renderTextPdf } from './pdf.ts';
import { encodePng, pngSignature } from './png.ts';

interface Chunk {
  type: string;
  data: Buffer;
}

/** Splits a PNG into chunks, checking the signature and every CRC on the way. */
function readPngChunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(pngSignature);
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

/** Decodes an 8-bit RGB, non-interlaced PNG (all five filter types) back to its pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const chunks = readPngChunks(png);
  const header = chunks[0]!;
  expect(header.type).toBe('IHDR');
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  expect([...header.data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  expect(chunks.at(-1)!.type).toBe('IEND');
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 3 ? rgb[y * stride + x - 3]! : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 3 && y > 0 ? rgb[(y - 1) * stride + x - 3]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      rgb[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgb };
}

describe('encodePng', () => {
  it('round-trips pixels through a standard decoder', async () => {
    const pixels = renderProductPhoto(42, 64, 48);
    const decoded = decodePng(await encodePng(64, 48, pixels));
    expect(decoded.width).toBe(64);
    expect(decoded.height).toBe(48);
    expect(Buffer.from(decoded.rgb).equals(Buffer.from(pixels))).toBe(true);
  });

  it('makes photo-like images that do not compress to nothing', async () => {
    const png = await encodePng(640, 480, renderProductPhoto(7, 640, 480));
    expect(png.length).toBeGreaterThan(200_000);
    expect(png.length).toBeLessThan(800_000);
  });

  it('rejects pixel data of the wrong size', async () => {
    await expect(encodePng(2, 2, new Uint8Array(11))).rejects.toThrow('expected 12 bytes of RGB, got 11');
  });
});

describe('renderTextPdf', () => {
  it('writes a PDF whose cross-reference table points at every object', () => {
    const lines = [
      'Invoice (A-1)',
      'Back\\slash',
      'Caf\u00e9',
      ...Array.from({ length: 80 }, (_, i) => `line ${i}`),
    ];
    const pdf = renderTextPdf('Invoice', lines, '2026-03-14').toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
    const [, count] = /^xref\n0 (\d+)\n/.exec(pdf.slice(xrefAt))!;
    const entries = pdf
      .slice(xrefAt)
      .split('\n')
      .slice(3, 2 + Number(count));
    entries.forEach((entry, i) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      expect(pdf.slice(Number(entry.slice(0, 10))).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    for (const match of pdf.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
      const end = match.index + match[0].length + Number(match[1]);
      expect(pdf.slice(end, end + 10)).toBe('\nendstream');
    }
    expect(pdf).toContain('/Count 2');
    expect(pdf).toContain('(Invoice \\(A-1\\)) Tj');
    expect(pdf).toContain('(Back\\\\slash) Tj');
    expect(pdf).toContain('(Caf?) Tj');
  });
});
