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

/** The eight bytes every PNG file starts with. */
export const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whose header claims `width` × `height` pixels, with no real pixel data behind it. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // grayscale
  return Buffer.concat([
    PNG_MAGIC,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND'),
  ]);
}

/** One PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
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
