// A minimal PNG encoder (8-bit RGB, no interlace), enough for the demo's images without a dependency.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// The async deflate runs on libuv's thread pool, so images compress while the next one is drawn.
const deflate = promisify(zlib.deflate);

export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG of `rgb` (width × height × 3 bytes, rows top to bottom). */
export async function encodePng(
  width: number,
  height: number,
  rgb: Uint8Array | Uint8ClampedArray,
): Promise<Buffer> {
  const stride = width * 3;
  if (rgb.length !== stride * height)
    throw new Error(`expected ${stride * height} bytes of RGB, got ${rgb.length}`);
  // Each scanline starts with its filter type. Type 1 (Sub) stores each byte as the difference from the
  // pixel to its left, which turns smooth gradients into small numbers that deflate well, like real encoders.
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const from = y * stride;
    const to = y * (stride + 1) + 1;
    raw[to - 1] = 1;
    for (let x = 0; x < 3; x++) raw[to + x] = rgb[from + x]!;
    for (let x = 3; x < stride; x++) raw[to + x] = rgb[from + x]! - rgb[from + x - 3]!;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  // compression, filter and interlace methods stay 0
  // Huffman-only is several times faster than full deflate on noisy pixels, for nearly the same size.
  const data = await deflate(raw, { level: 1, strategy: zlib.constants.Z_HUFFMAN_ONLY });
  return Buffer.concat([
    pngSignature,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
