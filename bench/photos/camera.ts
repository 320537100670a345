/**
 * Turns a flat label into a photo: the geometry of how it was held (rotation, perspective, a curved bottle,
 * a small label in a large frame on a table), the light (uneven shade, glare, low light) and the camera
 * (motion blur, focus blur, sensor noise, JPEG). Every step works on RGB pixels; randomness comes from the
 * caller's seeded generator.
 */
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../tests/support/ocr-noise.ts';
import { addNoise, clampByte, parseHex } from '../lib/pixels.ts';
import { int, type Rng, uniform } from '../lib/random.ts';

export interface Picture {
  /** RGB pixels, row by row. */
  readonly pixels: Buffer;
  readonly width: number;
  readonly height: number;
}

type Colour = [number, number, number];

const raw = (picture: Picture) =>
  sharp(picture.pixels, { raw: { width: picture.width, height: picture.height, channels: 3 } });

async function fromSharp(pipeline: Sharp): Promise<Picture> {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

export function rotate(picture: Picture, degrees: number, fill: string): Promise<Picture> {
  const [r, g, b] = parseHex(fill);
  return fromSharp(raw(picture).rotate(degrees, { background: { r, g, b, alpha: 1 } }));
}

export function blur(picture: Picture, sigma: number): Promise<Picture> {
  return fromSharp(raw(picture).blur(sigma));
}

/** A camera moving `length` px along `degrees` while the shutter is open. */
export function motionBlur(picture: Picture, length: number, degrees: number): Promise<Picture> {
  const size = length % 2 === 1 ? length : length + 1;
  const kernel = new Array<number>(size * size).fill(0);
  const radians = (degrees * Math.PI) / 180;
  const centre = (size - 1) / 2;
  for (let step = 0; step < size * 4; step++) {
    const t = step / (size * 4 - 1) - 0.5;
    const x = Math.round(centre + t * (size - 1) * Math.cos(radians));
    const y = Math.round(centre + t * (size - 1) * Math.sin(radians));
    kernel[y * size + x] = 1;
  }
  const scale = kernel.reduce((sum, value) => sum + value, 0);
  return fromSharp(raw(picture).convolve({ width: size, height: size, kernel, scale }));
}

export function noise(picture: Picture, sigma: number, rng: Rng): Picture {
  const pixels = Buffer.from(picture.pixels);
  addNoise(pixels, sigma, seededRandom(Math.floor(rng() * 2 ** 32)));
  return { ...picture, pixels };
}

/** Multiplies every pixel by a light level that falls from 1 to `darkest` towards one corner. */
export function shade(picture: Picture, darkest: number, rng: Rng): Picture {
  const { width, height } = picture;
  const cx = rng() < 0.5 ? 0 : width;
  const cy = rng() < 0.5 ? 0 : height;
  const reach = Math.hypot(width, height);
  const pixels = Buffer.from(picture.pixels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const near = Math.max(0, 1 - Math.hypot(x - cx, y - cy) / reach);
      const level = 1 - (1 - darkest) * near ** 1.5;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) pixels[i + c] = clampByte((pixels[i + c] as number) * level);
    }
  }
  return { ...picture, pixels };
}

/** Low light: every level scaled by `gain` (the camera's auto-exposure then adds noise, see noise()). */
export function darken(picture: Picture, gain: number): Picture {
  const pixels = Buffer.from(picture.pixels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = clampByte((pixels[i] as number) * gain);
  return { ...picture, pixels };
}

/** A specular stripe: a vertical band where the surface reflects the light and print fades to white. */
export function glare(picture: Picture, rng: Rng): Picture {
  const { width, height } = picture;
  const centre = uniform(rng, 0.2, 0.8) * width;
  const spread = uniform(rng, 0.04, 0.09) * width;
  const strength = uniform(rng, 0.55, 0.8);
  const pixels = Buffer.from(picture.pixels);
  for (let x = 0; x < width; x++) {
    const alpha = strength * Math.exp(-(((x - centre) / spread) ** 2));
    if (alpha < 0.01) continue;
    for (let y = 0; y < height; y++) {
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        pixels[i + c] = clampByte((pixels[i + c] as number) + (255 - (pixels[i + c] as number)) * alpha);
      }
    }
  }
  return { ...picture, pixels };
}

/** Bilinear sample of channel `c` at (x, y), or `fill` outside the picture. */
function sample(picture: Picture, x: number, y: number, c: number, fill: Colour): number {
  const { width, height, pixels } = picture;
  if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return fill[c] as number;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) => pixels[(py * width + px) * 3 + c] as number;
  return (
    (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy
  );
}

/** Output pixel (x, y) takes the source point `map(x, y)` (null: `fill`); `light` scales the result. */
function warp(
  picture: Picture,
  width: number,
  height: number,
  map: (x: number, y: number) => [number, number] | null,
  fill: Colour,
  light: (x: number, y: number) => number = () => 1,
): Picture {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const source = map(x, y);
      const level = light(x, y);
      for (let c = 0; c < 3; c++) {
        const value = source === null ? (fill[c] as number) : sample(picture, source[0], source[1], c, fill);
        pixels[(y * width + x) * 3 + c] = clampByte(value * level);
      }
    }
  }
  return { pixels, width, height };
}

/** Solves the 8 coefficients of the homography taking each `from` point to its `to` point. */
function homography(from: readonly [number, number][], to: readonly [number, number][]) {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] as [number, number];
    const [u, v] = to[i] as [number, number];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) {
      if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const lead = a[col] as number[];
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const target = a[row] as number[];
      const factor = (target[col] as number) / (lead[col] as number);
      for (let k = col; k < 9; k++) target[k] = (target[k] as number) - factor * (lead[k] as number);
    }
  }
  const h = a.map((row, i) => (row[8] as number) / (row[i] as number));
  return (x: number, y: number): [number, number] => {
    const w = (h[6] as number) * x + (h[7] as number) * y + 1;
    return [
      ((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w,
      ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w,
    ];
  };
}

/**
 * The label seen at an angle: the edge farther from the camera comes out shorter by `tilt` of its length
 * (a keystone), and every corner moves a little at random.
 */
export function perspective(picture: Picture, tilt: number, fill: string, rng: Rng): Picture {
  const { width, height } = picture;
  const pad = Math.round(0.04 * Math.max(width, height));
  const jitter = (size: number) => uniform(rng, 0, 0.3 * tilt * size);
  // Top-left, top-right, bottom-right, bottom-left; x inwards is +1 on the left side, -1 on the right.
  const corners: [number, number][] = [
    [pad + jitter(width), pad + jitter(height)],
    [pad + width - jitter(width), pad + jitter(height)],
    [pad + width - jitter(width), pad + height - jitter(height)],
    [pad + jitter(width), pad + height - jitter(height)],
  ];
  const shrink = (a: number, b: number, axis: 0 | 1, amount: number) => {
    (corners[a] as [number, number])[axis] += amount / 2;
    (corners[b] as [number, number])[axis] -= amount / 2;
  };
  const far = int(rng, 0, 3);
  if (far === 0) shrink(0, 1, 0, tilt * width);
  else if (far === 1) shrink(1, 2, 1, tilt * height);
  else if (far === 2) shrink(3, 2, 0, tilt * width);
  else shrink(0, 3, 1, tilt * height);
  const toSource = homography(corners, [
    [0, 0],
    [width - 1, 0],
    [width - 1, height - 1],
    [0, height - 1],
  ]);
  return warp(picture, width + 2 * pad, height + 2 * pad, toSource, parseHex(fill));
}

/**
 * The label on a bottle: wrapped round a cylinder over `span` radians and seen from the front, so its
 * sides are foreshortened and darker, and lines bow by `bow` px at the edges (the camera a little above).
 */
export function cylinder(picture: Picture, span: number, bow: number, fill: string): Picture {
  const { width, height } = picture;
  const radius = width / span;
  const outWidth = Math.round(2 * radius * Math.sin(span / 2));
  const pad = Math.ceil(bow) + 4;
  return warp(
    picture,
    outWidth,
    height + 2 * pad,
    (x, y) => {
      const offset = (x - outWidth / 2) / radius;
      if (Math.abs(offset) >= 1) return null;
      const angle = Math.asin(offset);
      return [width / 2 + radius * angle, y - pad - bow * (1 - Math.cos(angle))];
    },
    parseHex(fill),
    (x) => 0.55 + 0.45 * Math.sqrt(Math.max(0, 1 - ((x - outWidth / 2) / radius) ** 2)),
  );
}

/**
 * A small label in a large frame: a phone held back from a table. The frame is `frameWidth` wide (4:3),
 * the surface a grained colour; the label sits anywhere inside with a soft shadow.
 */
export async function inFrame(picture: Picture, frameWidth: number, rng: Rng): Promise<Picture> {
  const frameHeight = Math.round((frameWidth * 3) / 4);
  const surface: Colour = [int(rng, 90, 170), int(rng, 70, 140), int(rng, 50, 110)];
  const pixels = Buffer.alloc(frameWidth * frameHeight * 3);
  const grain = seededRandom(Math.floor(rng() * 2 ** 32));
  const streaks = Array.from({ length: frameHeight }, () => (grain() - 0.5) * 12);
  for (let y = 0; y < frameHeight; y++) {
    const streak = (streaks[y] ?? 0) + (streaks[Math.max(0, y - 1)] ?? 0);
    for (let x = 0; x < frameWidth; x++) {
      const i = (y * frameWidth + x) * 3;
      for (let c = 0; c < 3; c++)
        pixels[i + c] = clampByte((surface[c] as number) + streak + (grain() - 0.5) * 10);
    }
  }
  const left = int(rng, 0, Math.max(0, frameWidth - picture.width));
  const top = int(rng, 0, Math.max(0, frameHeight - picture.height));
  const shadow = Math.round(picture.width * 0.015);
  const { data } = await sharp(pixels, { raw: { width: frameWidth, height: frameHeight, channels: 3 } })
    .composite([
      {
        input: {
          create: {
            width: picture.width,
            height: picture.height,
            channels: 4,
            background: { r: 0, g: 0, b: 0, alpha: 0.35 },
          },
        },
        left: Math.min(frameWidth - picture.width, left + shadow),
        top: Math.min(frameHeight - picture.height, top + shadow),
      },
      {
        input: picture.pixels,
        raw: { width: picture.width, height: picture.height, channels: 3 },
        left,
        top,
      },
    ])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: frameWidth, height: frameHeight };
}

/** A PNG, or a JPEG as phones save them (4:2:0 chroma, 72 dpi tag). */
export function encode(picture: Picture, format: 'png' | 'jpeg', quality = 80): Promise<Buffer> {
  const image = raw(picture).withDensity(72);
  return format === 'png'
    ? image.png({ compressionLevel: 9 }).toBuffer()
    : image.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}
