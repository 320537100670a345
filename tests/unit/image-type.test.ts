import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../lambdas/src/domain/image-type.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('detectImageType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR')],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0])],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['pdf', bytes('%PDF-1.7\n')],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['svg', bytes('  <?xml version="1.0"?>\n<svg></svg>')],
    ['tiff', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['bmp', bytes('BM', [0, 0, 0, 0])],
    ['unknown', bytes('hello world')],
    ['unknown', bytes([])],
    ['unknown', bytes([0xff, 0xd8])],
  ])('reads %s from the bytes', (type, data) => {
    expect(detectImageType(data)).toBe(type);
  });
});
