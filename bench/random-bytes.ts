// Deterministic incompressible bytes (media files, database images): an AES-256-CTR keystream keyed by a seed,
// so the corpus is the same on every machine and run, and made at memory speed (Math.random is neither).
import { createCipheriv, createHash } from 'node:crypto';

const ZEROS = Buffer.alloc(1024 * 1024);

export function keystream(seed: string): (length: number) => Buffer {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return (length) => {
    const parts: Buffer[] = [];
    for (let left = length; left > 0; left -= ZEROS.length) {
      parts.push(cipher.update(ZEROS.subarray(0, Math.min(left, ZEROS.length))));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };
}
