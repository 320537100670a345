import { describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../lambdas/src/domain/errors.ts';
import { MAX_TEXT_CHARS, parseScanRequest } from '../../lambdas/src/http/scan-request.ts';

const JSON_TYPE = 'application/json';

function parse(body: string | null, contentType: string | undefined = JSON_TYPE, isBase64Encoded = false) {
  return () => parseScanRequest({ body, contentType, isBase64Encoded });
}

function parseWithoutContentType(body: string) {
  return () => parseScanRequest({ body, contentType: undefined, isBase64Encoded: false });
}

describe('parseScanRequest', () => {
  it('accepts {"text"} with or without a charset', () => {
    expect(parse('{"text":"Ingredients: Cotton"}')()).toEqual({ kind: 'text', text: 'Ingredients: Cotton' });
    expect(parse('{"text":"Cotton"}', 'application/json; charset=utf-8')()).toEqual({
      kind: 'text',
      text: 'Cotton',
    });
  });

  it('accepts a base64-encoded JSON body (API Gateway binary passthrough)', () => {
    const body = Buffer.from('{"text":"Cotton"}').toString('base64');
    expect(parse(body, 'application/json', true)()).toEqual({ kind: 'text', text: 'Cotton' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
    ['an image (until photo scans exist)', 'image/png'],
  ])('refuses %s with 415', (_, contentType) => {
    expect(parse('{"text":"Cotton"}', contentType)).toThrow(UnsupportedMediaTypeError);
  });

  it('refuses a body without Content-Type with 415', () => {
    expect(parseWithoutContentType('{"text":"Cotton"}')).toThrow(UnsupportedMediaTypeError);
  });

  it('refuses a JSON image with 415 until photo scans exist', () => {
    expect(parse('{"image":"aGVsbG8="}')).toThrow(UnsupportedMediaTypeError);
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
  ])('refuses %s with 400', (_, body) => {
    expect(parse(body)).toThrow(InvalidRequestError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 with 400', () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
    expect(parse(body, 'application/json', true)).toThrow(InvalidRequestError);
  });

  it('refuses text over 20,000 characters with 413 and accepts exactly 20,000', () => {
    expect(parse(JSON.stringify({ text: 'a'.repeat(MAX_TEXT_CHARS + 1) }))).toThrow(PayloadTooLargeError);
    expect(parse(JSON.stringify({ text: 'a'.repeat(MAX_TEXT_CHARS) }))().text).toHaveLength(MAX_TEXT_CHARS);
  });

  it('refuses a body over 4 MB with 413 before parsing it', () => {
    expect(parse(`{"text":"${'a'.repeat(4 * 1024 * 1024)}"}`)).toThrow(PayloadTooLargeError);
  });
});
