import net from 'node:net';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTesseractReader, type TesseractReader } from '../../lambdas/src/adapters/tesseract-reader.ts';
import { MAX_TEXT_CHARS } from '../../lambdas/src/http/scan-request.ts';
import { errorSchema, healthSchema, scanReportSchema } from '../../lambdas/src/http/schemas.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { PNG_MAGIC, pngChunk, pngHeaderOnly, renderLabel } from '../support/label-render.ts';
import { type LocalApi, libraryDataRuntime, startLocalApi } from '../support/local-api.ts';

/*
 * Requests an attacker or a broken client sends, over real HTTP to the local server (the same handlers as
 * Lambda) with the real OCR reader. Each must get the contract's 4xx JSON error, and the server must stay
 * healthy afterwards. What photo-scan-api.test.ts and http-api.test.ts already send is not repeated here.
 */

const LABEL_LINES = ['INGREDIENTS: Polypropylene, Cotton, Titanium Dioxide.', 'Made in USA.'];
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,', 'latin1');
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9999" height="9999"><text>Ingredients: Cotton</text></svg>',
);

interface Part {
  readonly field?: string;
  readonly filename?: string;
  readonly content: Buffer | string;
}

/** A multipart body by hand, so that it can be wrong in ways FormData never is. */
function multipartBody(parts: readonly Part[], boundary = 'LotusBoundary'): Buffer {
  const chunks: Buffer[] = [];
  for (const { field, filename, content } of parts) {
    const name = field === undefined ? '' : `; name="${field}"`;
    const file = filename === undefined ? '' : `; filename="${filename}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data${name}${file}\r\n`),
      Buffer.from(filename === undefined ? '\r\n' : 'Content-Type: image/png\r\n\r\n'),
      Buffer.from(content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const MULTIPART = 'multipart/form-data; boundary=LotusBoundary';

/** A valid PNG of `width` × `height` black pixels: a few kB on the wire, megapixels once decoded. */
function zeroPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // grayscale
  // Each row: filter byte 0, then `width` zero pixels.
  const idat = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([PNG_MAGIC, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND')]);
}

/** Sends bytes no fetch would (odd header names, a target that is not a URL) and returns the status and body. */
function rawRequest(url: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: received.slice(received.indexOf('\r\n\r\n') + 4) });
    });
  });
}

/** Every error the API gives: the status, JSON, the envelope with its code, and a sane request id. */
async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json');
  const requestId = response.headers.get('x-request-id') ?? '';
  expect(requestId).toMatch(SANE_REQUEST_ID);
  const { error } = errorSchema.parse(await response.json());
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.request_id).toBe(requestId);
  return error;
}

describe('hostile requests to the local server (real HTTP, real OCR reader)', () => {
  let reader: TesseractReader;
  let api: LocalApi;
  let label: Buffer;

  beforeAll(async () => {
    reader = await createTesseractReader({
      logger: makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' }),
    });
    const data = await libraryDataRuntime(reader);
    api = await startLocalApi(async () => data);
    label = await renderLabel(LABEL_LINES, { width: 900 });
  });
  afterAll(async () => {
    await api?.close();
    await reader?.close();
  });

  const scan = (body: Buffer | string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...headers },
      body,
    });
  const scanJson = (json: string) => scan(json, 'application/json');

  describe('damaged and forged photos', () => {
    it('answers 400 for a PNG cut in the middle of its pixel data', async () => {
      await expectJsonError(
        await scan(label.subarray(0, Math.floor(label.length / 2)), 'image/png'),
        400,
        'invalid_request',
      );
    });

    it('answers 400 for a JPEG cut in the middle of its scan data', async () => {
      const jpeg = await sharp(label).jpeg({ quality: 80 }).toBuffer();
      await expectJsonError(
        await scan(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'),
        400,
        'invalid_request',
      );
    });

    it('answers 400 for PNG magic bytes followed by garbage', async () => {
      const forged = Buffer.concat([PNG_MAGIC, Buffer.from('this is not a PNG at all '.repeat(200))]);
      await expectJsonError(await scan(forged, 'image/png'), 400, 'invalid_request');
    });

    it('answers 413 for a 50,000 × 50,000 header, raw, in multipart and in JSON, without decoding it', async () => {
      const bomb = pngHeaderOnly(50_000, 50_000);
      const requests = [
        scan(bomb, 'image/png'),
        scan(multipartBody([{ field: 'image', filename: 'bomb.png', content: bomb }]), MULTIPART),
        scanJson(JSON.stringify({ image: `data:image/png;base64,${bomb.toString('base64')}` })),
      ];
      for (const response of await Promise.all(requests)) {
        const error = await expectJsonError(response, 413, 'payload_too_large');
        expect(error.message).toMatch(/50000 × 50000/);
      }
    });

    it('answers 413 for a real 42-megapixel PNG of a few kB (a true decompression bomb)', async () => {
      const bomb = zeroPng(7_000, 6_000);
      expect(bomb.length).toBeLessThan(100_000);
      await expectJsonError(await scan(bomb, 'image/png'), 413, 'payload_too_large');
    });

    it.each([
      ['HEIC', HEIC],
      ['GIF', GIF],
      ['PDF', PDF],
      ['SVG', SVG],
    ])('answers 415 for %s bytes sent as image/png, in multipart and in JSON', async (_, bytes) => {
      const responses = await Promise.all([
        scan(bytes, 'image/png'),
        scan(multipartBody([{ field: 'image', filename: 'label.png', content: bytes }]), MULTIPART),
        scanJson(JSON.stringify({ image: bytes.toString('base64') })),
      ]);
      for (const response of responses) await expectJsonError(response, 415, 'unsupported_media_type');
    });
  });

  describe('oversized bodies', () => {
    it('answers 413 for a 5 MB photo, raw and in multipart', async () => {
      const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024)]);
      await expectJsonError(await scan(big, 'image/jpeg'), 413, 'payload_too_large');
      await expectJsonError(
        await scan(multipartBody([{ field: 'image', filename: 'big.jpg', content: big }]), MULTIPART),
        413,
        'payload_too_large',
      );
    });

    it('answers 413 for 200 kB of text, whatever it holds', async () => {
      for (const text of ['Ingredients: Cotton, '.repeat(10_000), '('.repeat(200_000)]) {
        await expectJsonError(await scanJson(JSON.stringify({ text })), 413, 'payload_too_large');
      }
    });

    it('reads adversarial text at the 20,000-character limit promptly: a report, 422, or 413 for more items than a label has — never a 500', async () => {
      const texts: Array<[string, number]> = [
        [`Ingredients: ${'('.repeat(MAX_TEXT_CHARS - 13)}`, 422],
        [`Ingredients: ${',(['.repeat((MAX_TEXT_CHARS - 13) / 3)}`, 413],
        [`Ingredients: ${'Aqua, '.repeat((MAX_TEXT_CHARS - 13) / 6)}`, 413],
      ];
      for (const [text, refusal] of texts) {
        expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
        const response = await scanJson(JSON.stringify({ text }));
        if (response.status === 200) scanReportSchema.parse(await response.json());
        else
          await expectJsonError(
            response,
            refusal,
            refusal === 413 ? 'payload_too_large' : 'no_ingredients_found',
          );
      }
    });
  });

  describe('malformed JSON', () => {
    it.each([
      ['invalid base64', '!!!!'],
      ['base64 of impossible length', 'iVBORw0KG'],
      ['an empty data URL', 'data:image/png;base64,'],
      ['base64 with a NUL inside', 'iVBO\u0000Rw0K'],
      ['non-ASCII letters', 'iVBORw0KGgoÄÖÜ'],
    ])('answers 400 for {"image"} holding %s', async (_, image) => {
      await expectJsonError(await scanJson(JSON.stringify({ image })), 400, 'invalid_request');
    });

    it.each([
      ['an array', '["Ingredients: Cotton"]'],
      ['a number', '42'],
      ['null', 'null'],
      ['a string', '"Ingredients: Cotton"'],
      ['truncated JSON', '{"text": "Ingredients: Cot'],
      ['not JSON at all', "{text: 'Cotton'}"],
      ['100,000 levels of nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ])('answers 400 for a body that is %s', async (_, body) => {
      await expectJsonError(await scanJson(body), 400, 'invalid_request');
    });

    it('reads bytes that are not UTF-8 in a JSON body as U+FFFD: 422 for a list of nothing else, 400 when they break the JSON', async () => {
      // application/json is not a binary media type, so the body reaches the handler as a string and the
      // invalid bytes are already replacement characters: the intake's strict UTF-8 check (400) only sees
      // base64 bodies (tests/unit/scan-request.test.ts).
      const invalid = Buffer.from([0xc3, 0x28, 0xff]);
      const inText = Buffer.concat([Buffer.from('{"text": "Ingredients: '), invalid, Buffer.from('"}')]);
      const inSyntax = Buffer.concat([
        Buffer.from('{"text"'),
        invalid,
        Buffer.from(': "Ingredients: Cotton"}'),
      ]);

      const error = await expectJsonError(
        await scan(inText, 'application/json'),
        422,
        'no_ingredients_found',
      );
      expect(error).toMatchObject({ text: 'Ingredients: \uFFFD(\uFFFD' });
      await expectJsonError(await scan(inSyntax, 'application/json'), 400, 'invalid_request');
    });
  });

  describe('prototype pollution', () => {
    it.each([
      ['__proto__ beside the text', '{"__proto__": {"polluted": true}, "text": "Ingredients: Aqua"}'],
      ['constructor.prototype', '{"constructor": {"prototype": {"polluted": true}}}'],
      [
        'constructor.prototype beside the text',
        '{"text": "Ingredients: Aqua", "constructor": {"prototype": {"polluted": true}}}',
      ],
      ['__proto__ inside an image', '{"image": {"__proto__": {"polluted": true}}}'],
    ])('answers 400 for %s and leaves Object.prototype alone', async (_, body) => {
      await expectJsonError(await scanJson(body), 400, 'invalid_request');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });

  describe('broken multipart', () => {
    // Built before the label is rendered; every case here fails before the photo would be decoded.
    const pngLike = Buffer.concat([PNG_MAGIC, Buffer.alloc(4_000, 0x41)]);
    const photo = (field = 'image') => ({ field, filename: 'label.png', content: pngLike });

    it.each([
      ['a boundary that differs from the header’s', multipartBody([photo()], 'OtherBoundary'), MULTIPART],
      ['no boundary in the header', multipartBody([photo()]), 'multipart/form-data'],
      ['a body cut inside the file', multipartBody([photo()]).subarray(0, 400), MULTIPART],
      ['a body cut inside the part headers', multipartBody([photo()]).subarray(0, 40), MULTIPART],
      ['only a text field', multipartBody([{ field: 'image', content: 'Ingredients: Cotton' }]), MULTIPART],
      ['a file in another field', multipartBody([photo('photo')]), MULTIPART],
      [
        'a file part without a field name',
        multipartBody([{ filename: 'label.png', content: pngLike }]),
        MULTIPART,
      ],
      [
        'garbage instead of parts',
        Buffer.from('\r\n--\r\n--LotusBoundary\r\n\r\n\r\n'.repeat(1_000)),
        MULTIPART,
      ],
      [
        '1,000 fields before the file',
        multipartBody([
          ...Array.from({ length: 1_000 }, (_, index) => ({ field: `f${index}`, content: 'x' })),
          photo(),
        ]),
        MULTIPART,
      ],
    ])('answers 400 for %s', async (_, body, contentType) => {
      await expectJsonError(await scan(body, contentType), 400, 'invalid_request');
    });

    it('reads the first of two "image" files only: a GIF first is a 415 even when a good photo follows', async () => {
      const body = multipartBody([
        { field: 'image', filename: 'a.gif', content: GIF },
        { field: 'image', filename: 'b.png', content: label },
      ]);
      await expectJsonError(await scan(body, MULTIPART), 415, 'unsupported_media_type');
    });
  });

  describe('headers, methods and routes', () => {
    it('replaces a 5,000-character X-Request-Id with a fresh uuid and still answers', async () => {
      for (const callerId of ['a'.repeat(5_000), `<script>${'x'.repeat(4_992)}`]) {
        const health = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': callerId } });
        expect(health.status).toBe(200);
        expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);

        const error = await expectJsonError(
          await scan('{"text": ', 'application/json', { 'X-Request-Id': callerId }),
          400,
          'invalid_request',
        );
        expect(error.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
      }
    });

    it('echoes a request id of exactly 128 safe characters and replaces one of 129', async () => {
      const longest = 'r'.repeat(128);
      const echoed = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': longest } });
      const replaced = await fetch(`${api.url}/health`, { headers: { 'X-Request-Id': `${longest}r` } });

      expect(echoed.headers.get('x-request-id')).toBe(longest);
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    });

    it('answers 415 for an absurd Content-Type', async () => {
      await expectJsonError(
        await scan('{"text": "Ingredients: Cotton"}', `text/${'x'.repeat(5_000)}; charset=utf-8`),
        415,
        'unsupported_media_type',
      );
    });

    it.each([
      ['DELETE', '/api/scan', 'POST'],
      ['PUT', '/api/scan', 'POST'],
      ['POST', '/health', 'GET'],
      ['PATCH', '/ready', 'GET'],
    ])('answers %s %s with 405 and Allow: %s', async (method, path, allowed) => {
      const response = await fetch(`${api.url}${path}`, { method, body: method === 'DELETE' ? null : '{}' });
      await expectJsonError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')?.split(', ')).toContain(allowed);
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'answers every route normally when a header is named %s',
      async (name) => {
        for (const path of ['/health', '/api/ingredients?limit=1', '/api/nowhere']) {
          const { status } = await rawRequest(
            api.url,
            `GET ${path} HTTP/1.1\r\nHost: x\r\n${name}: 1\r\nConnection: close\r\n\r\n`,
          );
          expect(status, path).toBe(path === '/api/nowhere' ? 404 : 200);
        }
      },
    );

    it.each(['constructor', '__proto__', 'toString'])(
      'answers a query parameter named %s with a 400 naming it',
      async (name) => {
        const error = await expectJsonError(
          await fetch(`${api.url}/api/ingredients?${name}=1`),
          400,
          'invalid_request',
        );
        expect(error.message).toContain(name);
      },
    );

    it.each([
      ['a scheme-relative target', '//[', 404],
      ['an absolute-form target', 'http://[/', 400],
      ['an asterisk', '*', 400],
    ])('answers %s with a JSON 4xx', async (_, target, status) => {
      const response = await rawRequest(
        api.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body).error.code).toBe(status === 404 ? 'not_found' : 'invalid_request');
    });

    it('answers a search for a control character with a 400, never asking the database', async () => {
      for (const q of ['%00', 'cot%00ton', '%1B%5B31m']) {
        const error = await expectJsonError(
          await fetch(`${api.url}/api/ingredients?q=${q}`),
          400,
          'invalid_request',
        );
        expect(error.message).toContain('"q"');
      }
    });

    it('answers a body over 10 MB with a 413 once it has been sent, not a reset or a 500', async () => {
      const body = Buffer.alloc(11 * 1024 * 1024, 'a');
      await expectJsonError(await scan(body, 'text/plain'), 413, 'payload_too_large');
      await expectJsonError(await scan(body, 'image/jpeg'), 413, 'payload_too_large');
    });

    it.each([
      ['a trailing slash', '/api/scan/'],
      ['broken percent-encoding', '/api/ingredients/%E0%A4%A'],
      ['a 4,000-character path', `/${'a/'.repeat(2_000)}`],
      ['a path-traversal attempt', '/api/%2e%2e/%2e%2e/etc/passwd'],
    ])('answers an unknown route with %s with a JSON 404', async (_, path) => {
      await expectJsonError(
        await fetch(`${api.url}${path}`, { method: 'POST', body: '{}' }),
        404,
        'not_found',
      );
    });
  });

  it('is still healthy after every hostile request: /health, a text scan and a photo scan answer 200', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    healthSchema.parse(await health.json());

    const text = await scanJson(JSON.stringify({ text: 'Ingredients: Rayon, Cotton, Fragrance.' }));
    expect(text.status).toBe(200);
    expect(scanReportSchema.parse(await text.json()).ingredients.map((item) => item.name)).toEqual([
      'Rayon',
      'Cotton',
      'Fragrance',
    ]);

    const photo = await scan(label, 'image/png');
    expect(photo.status).toBe(200);
    expect(scanReportSchema.parse(await photo.json()).ingredients.map((item) => item.match?.name)).toEqual([
      'Polypropylene',
      'Cotton',
      'Titanium Dioxide',
    ]);
  });
});
