// Photo-like pictures for the demo's uploads: a lit object on a gradient backdrop (product shots) and
// soft bokeh on a colour sweep (banners), with sensor-like noise. The noise is the point: real photos
// barely compress, and a demo whose files deflate to nothing would make snapshots look unrealistically cheap.
import { Random } from './prng.ts';

type Rgb = [number, number, number];

function pastel(random: Random): Rgb {
  return [random.int(150, 245), random.int(150, 245), random.int(150, 245)];
}

function vivid(random: Random): Rgb {
  const colour: Rgb = [random.int(30, 120), random.int(30, 120), random.int(30, 120)];
  colour[random.int(0, 2)] = random.int(170, 240);
  return colour;
}

/** Adds noise in [-amplitude, amplitude] to every channel; the clamped array keeps bytes in range. */
function addNoise(pixels: Uint8ClampedArray, seed: number, amplitude: number): void {
  let state = seed | 1;
  const span = amplitude * 2 + 1;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    // xorshift32: one step gives the noise of a whole pixel.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    pixels[i] = pixels[i]! + (((state & 0xff) * span) >> 8) - amplitude;
    pixels[i + 1] = pixels[i + 1]! + ((((state >>> 8) & 0xff) * span) >> 8) - amplitude;
    pixels[i + 2] = pixels[i + 2]! + ((((state >>> 16) & 0xff) * span) >> 8) - amplitude;
  }
}

/** A product shot: an object lit from the top left, its shadow, a graded backdrop. RGB bytes. */
export function renderProductPhoto(seed: number, width: number, height: number): Uint8ClampedArray {
  const random = new Random(seed);
  const top = pastel(random);
  const bottom = pastel(random);
  const body = vivid(random);
  const cx = width * (0.4 + random.next() * 0.2);
  const cy = height * (0.42 + random.next() * 0.1);
  const rx = width * (0.14 + random.next() * 0.14);
  const ry = height * (0.2 + random.next() * 0.16);
  const boxy = random.chance(0.5); // a box or a rounded bottle/bag shape
  const pixels = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / height;
    const ny = (y - cy) / ry;
    for (let x = 0; x < width; x++) {
      const nx = (x - cx) / rx;
      const i = (y * width + x) * 3;
      const inside = boxy
        ? Math.max(Math.abs(nx), Math.abs(ny)) ** 4 + (nx * nx + ny * ny) * 0.2
        : nx * nx + ny * ny;
      let r: number;
      let g: number;
      let b: number;
      if (inside < 1) {
        const light = 0.8 - 0.3 * nx - 0.35 * ny + 0.4 * Math.max(0, 0.3 - (nx + 0.4) ** 2 - (ny + 0.5) ** 2);
        r = body[0] * light + 20;
        g = body[1] * light + 20;
        b = body[2] * light + 20;
      } else {
        const edge = Math.abs(x / width - 0.5) + Math.abs(t - 0.5);
        const vignette = 1 - 0.35 * edge * edge;
        // The shadow falls on the floor below and to the right of the object.
        const sx = (x - cx - rx * 0.25) / (rx * 1.3);
        const sy = (y - cy - ry * 0.95) / (ry * 0.25);
        const shade = 1 - 0.45 * Math.max(0, 1 - sx * sx - sy * sy);
        r = (top[0] + (bottom[0] - top[0]) * t) * vignette * shade;
        g = (top[1] + (bottom[1] - top[1]) * t) * vignette * shade;
        b = (top[2] + (bottom[2] - top[2]) * t) * vignette * shade;
      }
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
    }
  }
  addNoise(pixels, seed ^ 0x9e3779b9, 6);
  return pixels;
}

/** A wide banner: a three-colour sweep with out-of-focus lights. RGB bytes. */
export function renderBanner(seed: number, width: number, height: number): Uint8ClampedArray {
  const random = new Random(seed);
  const stops = [vivid(random), pastel(random), vivid(random)];
  const lights = Array.from({ length: 14 }, () => ({
    x: random.next() * width,
    y: random.next() * height,
    r: height * (0.08 + random.next() * 0.3),
    strength: 30 + random.next() * 70,
  }));
  const pixels = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width) * 2;
      const [from, to] = t < 1 ? [stops[0]!, stops[1]!] : [stops[1]!, stops[2]!];
      const f = t < 1 ? t : t - 1;
      let glow = 0;
      for (const light of lights) {
        const dx = x - light.x;
        const dy = y - light.y;
        const d = (dx * dx + dy * dy) / (light.r * light.r);
        if (d < 1) glow += light.strength * (1 - d * d);
      }
      const i = (y * width + x) * 3;
      pixels[i] = from[0] + (to[0] - from[0]) * f + glow;
      pixels[i + 1] = from[1] + (to[1] - from[1]) * f + glow;
      pixels[i + 2] = from[2] + (to[2] - from[2]) * f + glow;
    }
  }
  addNoise(pixels, seed ^ 0x85ebca6b, 8);
  return pixels;
}
