import busboy from 'busboy';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors.ts';
import { detectImageType, type ImageType, SUPPORTED_IMAGE_TYPES } from '../domain/image-type.ts';
import { scanRequestSchema } from './schemas.ts';

/** Limits of the API contract. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_TEXT_CHARS = 20_000;

/** Content types API Gateway must pass through as binary (base64); shared with the local server. */
export const BINARY_MEDIA_TYPES = ['image/*', 'multipart/form-data', 'application/octet-stream'] as const;

export type ScanRequest =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'image'; readonly image: Buffer; readonly type: ImageType };

const SEND_THIS =
  'Send a label photo (JPEG, PNG or WebP) as the body, as multipart/form-data field "image", or as JSON ' +
  '{"image": "<base64>"}; or the label text as JSON {"text": "Ingredients: …"}.';

const NAMES: Partial<Record<ImageType, string>> = {
  heic: 'HEIC/HEIF photos (the iPhone default)',
  avif: 'AVIF images',
  gif: 'GIF images',
  pdf: 'PDF documents',
  svg: 'SVG drawings',
  tiff: 'TIFF images',
  bmp: 'BMP images',
};

/** Multipart fields that may hold the photo, in order of preference. */
const FILE_FIELDS = ['image', 'file'];

/**
 * Validates the body of `POST /api/scan` and extracts the label text or photo. The photo's type is read
 * from its bytes, never from a header.
 * @throws {PayloadTooLargeError} over 4 MB, or over 20,000 characters of text.
 * @throws {UnsupportedMediaTypeError} for any other content type, or a photo that is not JPEG/PNG/WebP.
 * @throws {InvalidRequestError} for an empty, malformed or wrongly shaped body.
 */
export async function parseScanRequest(input: {
  contentType: string | undefined;
  body: string | null;
  isBase64Encoded: boolean;
}): Promise<ScanRequest> {
  const bytes = Buffer.from(input.body ?? '', input.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }
  const mediaType = (input.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return parseJson(bytes);
  if (mediaType === 'multipart/form-data') return image(await multipartFile(bytes, input.contentType ?? ''));
  if (mediaType.startsWith('image/') || mediaType === 'application/octet-stream') return image(bytes);
  throw new UnsupportedMediaTypeError(
    mediaType === ''
      ? `The request has no Content-Type. ${SEND_THIS}`
      : `${mediaType} is not accepted. ${SEND_THIS}`,
  );
}

function parseJson(bytes: Buffer): ScanRequest {
  if (bytes.length === 0)
    throw new InvalidRequestError('The request body is empty. Send {"text": "Ingredients: …"}.');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InvalidRequestError('The request body is not valid UTF-8 JSON.');
  }
  const parsed = scanRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidRequestError(
      'The JSON body must be {"text": "<the ingredient list>"} or {"image": "<base64>"}.',
    );
  }
  if ('image' in parsed.data) return image(decodeBase64(parsed.data.image));
  const { text } = parsed.data;
  if (text.length > MAX_TEXT_CHARS) {
    throw new PayloadTooLargeError(
      `The text is longer than ${MAX_TEXT_CHARS.toLocaleString('en')} characters.`,
    );
  }
  if (text.trim() === '')
    throw new InvalidRequestError('"text" is empty. Send the ingredient list of the label.');
  return { kind: 'text', text };
}

/** Strict base64 (a `data:image/…;base64,` prefix allowed): a typo must not silently become other bytes. */
function decodeBase64(value: string): Buffer {
  const payload = value.replace(/^data:[\w/+.-]{1,60};base64,/, '').replace(/\s+/g, '');
  if (payload === '' || payload.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) {
    throw new InvalidRequestError('"image" is not valid base64.');
  }
  return Buffer.from(payload, 'base64');
}

function image(bytes: Buffer): ScanRequest {
  if (bytes.length === 0) throw new InvalidRequestError(`The image is empty. ${SEND_THIS}`);
  const type = detectImageType(bytes);
  if (!SUPPORTED_IMAGE_TYPES.includes(type)) {
    const what = NAMES[type] ?? 'This file is not an image we can read:';
    throw new UnsupportedMediaTypeError(
      `${NAMES[type] ? `${what} are not supported.` : what} ${SEND_THIS} On an iPhone, "Most Compatible" in Camera › Formats takes JPEG photos.`,
    );
  }
  return { kind: 'image', image: bytes, type };
}

/** The first file in a field named `image` (or `file`) of a multipart body. */
function multipartFile(body: Buffer, contentType: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { files: 5, fileSize: MAX_BODY_BYTES, fields: 20, parts: 30 },
      });
    } catch {
      reject(new InvalidRequestError('The multipart body has no valid boundary.'));
      return;
    }
    const malformed = () => reject(new InvalidRequestError('The multipart body is malformed or truncated.'));
    parser.on('file', (name, stream) => {
      // A part without a name (or with name="") comes as `undefined`, whatever busboy's types say.
      const field: string = name ?? '';
      // A body cut inside a file errors the file's stream too; unheeded, that error would crash the process.
      stream.on('error', malformed);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (!files.has(field)) files.set(field, Buffer.concat(chunks));
      });
    });
    parser.on('error', malformed);
    parser.on('close', () => {
      const field = FILE_FIELDS.find((name) => files.has(name));
      const file = field === undefined ? undefined : files.get(field);
      if (file === undefined) {
        const got = [...files.keys()].map((name) => `"${name.slice(0, 40)}"`).join(', ') || 'none';
        reject(
          new InvalidRequestError(`The multipart body has no file field "image" (file fields: ${got}).`),
        );
        return;
      }
      resolve(file);
    });
    parser.end(body);
  });
}
