import { describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../lambdas/src/domain/errors.ts';
import { MAX_TEXT_CHARS, parseScanRequest } from '../../lambdas/src/http/scan-request.ts';

const JSON_TYPE = 'application/json';
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);

function parse(body: string | null, contentType: string | undefined = JSON_TYPE, isBase64Encoded = false) {
  return parseScanRequest({ body, contentType, isBase64Encoded });
}

function parseBytes(bytes: Buffer, contentType: string) {
  return parseScanRequest({ body: bytes.toString('base64'), contentType, isBase64Encoded: true });
}

function multipart(
  parts: { field: string; filename?: string; content: Buffer | string }[],
  boundary = 'XyZ',
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.field}"; filename="${part.filename}"`
      : `form-data; name="${part.field}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.filename) chunks.push(Buffer.from('Content-Type: application/octet-stream\r\n'));
    chunks.push(Buffer.from('\r\n'), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('parseScanRequest: text', () => {
  it('accepts {"text"} with or without a charset', async () => {
    expect(await parse('{"text":"Ingredients: Cotton"}')).toEqual({
      kind: 'text',
      text: 'Ingredients: Cotton',
    });
    expect(await parse('{"text":"Cotton"}', 'application/json; charset=utf-8')).toEqual({
      kind: 'text',
      text: 'Cotton',
    });
  });

  it('accepts a base64-encoded JSON body (API Gateway binary passthrough)', async () => {
    const body = Buffer.from('{"text":"Cotton"}').toString('base64');
    expect(await parse(body, JSON_TYPE, true)).toEqual({ kind: 'text', text: 'Cotton' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
  ])('refuses %s with 415', async (_, contentType) => {
    await expect(parse('{"text":"Cotton"}', contentType)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
  });

  it('refuses a body without Content-Type with 415', async () => {
    await expect(
      parseScanRequest({ body: '{"text":"Cotton"}', contentType: undefined, isBase64Encoded: false }),
    ).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
  });

  it.each([
    ['an empty body', ''],
    ['a missing body', null],
    ['malformed JSON', '{"text": '],
    ['a JSON array', '["Cotton"]'],
    ['a number for text', '{"text": 5}'],
    ['an unknown key', '{"text": "Cotton", "extra": 1}'],
    ['both text and image', '{"text": "Cotton", "image": "aGk="}'],
    ['blank text', '{"text": "   "}'],
    ['a prototype-pollution payload', '{"__proto__": {"polluted": true}}'],
  ])('refuses %s with 400', async (_, body) => {
    await expect(parse(body)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 with 400', async () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
    await expect(parse(body, JSON_TYPE, true)).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('refuses text over 20,000 characters with 413 and accepts exactly 20,000', async () => {
    await expect(parse(JSON.stringify({ text: 'a'.repeat(MAX_TEXT_CHARS + 1) }))).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    const request = await parse(JSON.stringify({ text: 'a'.repeat(MAX_TEXT_CHARS) }));
    expect(request.kind === 'text' && request.text).toHaveLength(MAX_TEXT_CHARS);
  });

  it('refuses a body over 4 MB with 413 before parsing it', async () => {
    await expect(parse(`{"text":"${'a'.repeat(4 * 1024 * 1024)}"}`)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });
});

describe('parseScanRequest: photos', () => {
  it('reads the type from the bytes, whatever the header says', async () => {
    expect(await parseBytes(PNG, 'image/jpeg')).toMatchObject({ kind: 'image', type: 'png' });
    expect(await parseBytes(PNG, 'application/octet-stream')).toMatchObject({ kind: 'image', type: 'png' });
  });

  it.each([
    ['HEIC', HEIC, /HEIC/],
    ['GIF', GIF, /GIF/],
    ['PDF', Buffer.from('%PDF-1.7\n'), /PDF/],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), /SVG/],
    ['text posing as an image', Buffer.from('hello'), /not an image we can read/],
  ])('refuses %s with 415, telling the user what to send', async (_, bytes, message) => {
    const error = await parseBytes(bytes, 'image/jpeg').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/JPEG, PNG or WebP/);
  });

  it('refuses an empty image body with 400', async () => {
    await expect(parseBytes(Buffer.alloc(0), 'image/png')).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('accepts {"image": base64}, with or without a data-URL prefix', async () => {
    const base64 = PNG.toString('base64');
    expect(await parse(JSON.stringify({ image: base64 }))).toMatchObject({ kind: 'image', type: 'png' });
    expect(await parse(JSON.stringify({ image: `data:image/png;base64,${base64}` }))).toMatchObject({
      type: 'png',
    });
  });

  it.each([
    ['not base64', '%%%notbase64%%%'],
    ['empty', ''],
    ['truncated', 'iVBORw0KGgoA='],
  ])('refuses {"image"} that is %s with 400', async (_, image) => {
    await expect(parse(JSON.stringify({ image }))).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('takes the file of a multipart field "image", or "file"', async () => {
    const body = multipart([
      { field: 'note', content: 'from my phone' },
      { field: 'image', filename: 'label.png', content: PNG },
    ]);
    expect(await parseBytes(body, 'multipart/form-data; boundary=XyZ')).toMatchObject({
      kind: 'image',
      type: 'png',
    });
    const file = multipart([{ field: 'file', filename: 'label.png', content: PNG }]);
    expect(await parseBytes(file, 'multipart/form-data; boundary=XyZ')).toMatchObject({ kind: 'image' });
  });

  it('checks the type of a multipart file from its bytes too', async () => {
    const body = multipart([{ field: 'image', filename: 'photo.jpg', content: HEIC }]);
    await expect(parseBytes(body, 'multipart/form-data; boundary=XyZ')).rejects.toBeInstanceOf(
      UnsupportedMediaTypeError,
    );
  });

  it.each([
    [
      'no file field named image or file',
      multipart([{ field: 'photo', filename: 'a.png', content: PNG }]),
      'XyZ',
    ],
    ['no boundary', multipart([{ field: 'image', filename: 'a.png', content: PNG }]), null],
    [
      'a truncated body',
      multipart([{ field: 'image', filename: 'a.png', content: PNG }]).subarray(0, 60),
      'XyZ',
    ],
    [
      // Busboy names such a file `undefined`, whatever its types say: reading the name crashed the process.
      'a file part without a field name',
      multipart([{ field: '', filename: 'a.png', content: PNG }]),
      'XyZ',
    ],
    [
      // Busboy errors the open file stream, not only the parser: unheeded, that error crashed the process.
      'a body cut inside the file',
      multipart([{ field: 'image', filename: 'a.png', content: PNG }]).subarray(0, 130),
      'XyZ',
    ],
  ])('refuses a multipart body with %s with 400', async (_, body, boundary) => {
    const contentType = boundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data';
    await expect(parseBytes(body, contentType)).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
