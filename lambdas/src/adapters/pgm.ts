/**
 * Wraps 8-bit gray pixels in a binary PGM header: the OCR engine reads it without decompressing, where
 * a PNG would cost an encode here and a decode in the engine.
 */
export function toPgm(pixels: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), pixels]);
}
