import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors.ts';
import { scanRequestSchema } from './schemas.ts';

/** Limits of the API contract. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_TEXT_CHARS = 20_000;

/** Content types API Gateway must pass through as binary (base64); shared with the local server. */
export const BINARY_MEDIA_TYPES = ['image/*', 'multipart/form-data', 'application/octet-stream'] as const;

export type ScanRequest = { readonly kind: 'text'; readonly text: string };

const SEND_THIS =
  'Send Content-Type: application/json with {"text": "Ingredients: …"}; photo uploads are not available yet.';

/**
 * Validates the body of `POST /api/scan`.
 * @throws {PayloadTooLargeError} over 4 MB or over 20,000 characters of text.
 * @throws {UnsupportedMediaTypeError} for anything but a JSON text request (photos arrive with OCR).
 * @throws {InvalidRequestError} for an empty, malformed or wrongly shaped body.
 */
export function parseScanRequest(input: {
  contentType: string | undefined;
  body: string | null;
  isBase64Encoded: boolean;
}): ScanRequest {
  const bytes = Buffer.from(input.body ?? '', input.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }
  const mediaType = (input.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(
      mediaType === ''
        ? `The request has no Content-Type. ${SEND_THIS}`
        : `${mediaType} is not accepted. ${SEND_THIS}`,
    );
  }
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
    throw new InvalidRequestError('The JSON body must be {"text": "<the ingredient list>"}.');
  }
  if ('image' in parsed.data)
    throw new UnsupportedMediaTypeError(`Photo scans are not available yet. ${SEND_THIS}`);
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
