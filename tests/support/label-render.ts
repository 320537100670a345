import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders lines of text as a label photo (PNG), optionally rotated by `degrees` (clockwise). */
export async function renderLabel(
  lines: readonly string[],
  options: { width?: number; fontSize?: number; degrees?: number; background?: string; color?: string } = {},
): Promise<Buffer> {
  const { width = 1000, fontSize = 30, degrees = 0, background = '#ffffff', color = '#111111' } = options;
  const lineHeight = Math.round(fontSize * 1.5);
  const height = lineHeight * (lines.length + 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${background}"/>
    ${lines
      .map(
        (line, index) =>
          `<text x="40" y="${lineHeight * (index + 1.5)}" font-family="DejaVu Sans" font-size="${fontSize}" fill="${color}">${escapeXml(line)}</text>`,
      )
      .join('\n')}
  </svg>`;
  let image = sharp(Buffer.from(svg));
  if (degrees !== 0) image = image.rotate(degrees, { background });
  return image.png().toBuffer();
}

/** A PNG whose header claims `width` × `height` pixels, with no real pixel data behind it. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16); // bit depth
  ihdr.writeUInt8(0, 17); // grayscale
  ihdr.writeUInt32BE(crc32(ihdr.subarray(4, 21)), 21);
  return Buffer.concat([
    header,
    ihdr,
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
