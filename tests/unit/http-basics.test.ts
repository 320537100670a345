import { describe, expect, it } from 'vitest';
import {
  DependencyUnavailableError,
  InvalidRequestError,
  MethodNotAllowedError,
  NoIngredientsFoundError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../lambdas/src/domain/errors.ts';
import { corsHeaders, preflightHeaders } from '../../lambdas/src/http/cors.ts';
import { errorToResponse } from '../../lambdas/src/http/errors.ts';
import { resolveRequestId } from '../../lambdas/src/http/request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it.each(['abc', 'A.b-c_1', 'x'.repeat(128), '3f1c2a9e-0000-4000-8000-000000000000'])(
    'echoes the sane id %s',
    (id) => {
      expect(resolveRequestId(id)).toBe(id);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a newline (log injection)', 'abc\ninjected'],
    ['with slashes', '../../etc'],
    ['non-ASCII', 'réquête'],
  ])('replaces an id that is %s with a new uuid', (_, id) => {
    expect(resolveRequestId(id)).toMatch(UUID);
  });
});

describe('CORS', () => {
  const allowList = ['https://app.lotus.example', 'http://localhost:5173'];

  it('echoes an allowed origin and varies on Origin', () => {
    expect(corsHeaders('http://localhost:5173', allowList)).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      Vary: 'Origin',
    });
  });

  it('gives no allow-origin header to any other origin, including near misses', () => {
    for (const origin of [
      'https://evil.example',
      'https://app.lotus.example.evil.example',
      'null',
      undefined,
    ]) {
      expect(corsHeaders(origin, allowList)).toEqual({ Vary: 'Origin' });
    }
  });

  it('adds methods and headers to a preflight only for an allowed origin', () => {
    expect(
      preflightHeaders('https://app.lotus.example', allowList)['Access-Control-Allow-Methods'],
    ).toContain('POST');
    expect(preflightHeaders('https://evil.example', allowList)).toEqual({});
  });
});

describe('errorToResponse', () => {
  it.each([
    [new InvalidRequestError('bad'), 400, 'invalid_request'],
    [new NotFoundError('none'), 404, 'not_found'],
    [new MethodNotAllowedError('no', ['GET']), 405, 'method_not_allowed'],
    [new PayloadTooLargeError('big'), 413, 'payload_too_large'],
    [new UnsupportedMediaTypeError('type'), 415, 'unsupported_media_type'],
    [new NoIngredientsFoundError('none found', 'text'), 422, 'no_ingredients_found'],
    [new DependencyUnavailableError('database', 'down'), 503, 'dependency_unavailable'],
  ])('maps %s to %i %s in the JSON envelope', (error, status, code) => {
    const response = errorToResponse(error, 'req-1');
    expect(response.statusCode).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: error.message, request_id: 'req-1' });
  });

  it('adds Allow to a 405 and Retry-After to a 503', () => {
    expect(errorToResponse(new MethodNotAllowedError('no', ['POST', 'OPTIONS']), 'r').headers).toEqual({
      Allow: 'POST, OPTIONS',
    });
    expect(
      errorToResponse(new DependencyUnavailableError('database', 'down', { retryAfterSeconds: 7 }), 'r')
        .headers,
    ).toEqual({ 'Retry-After': '7' });
  });

  it('answers an overloaded dependency 503 with Retry-After, as load to shed rather than an error to report', () => {
    const busy = errorToResponse(
      new DependencyUnavailableError('ocr', 'busy', { retryAfterSeconds: 2, overloaded: true }),
      'r',
    );
    expect(busy).toMatchObject({ statusCode: 503, headers: { 'Retry-After': '2' }, unexpected: false });
    expect(errorToResponse(new DependencyUnavailableError('ocr', 'broken'), 'r').unexpected).toBe(true);
  });

  it('turns an unknown error into a generic 500 that leaks nothing', () => {
    const response = errorToResponse(new Error('password=hunter2 at db.internal:5432'), 'req-2');

    expect(response.statusCode).toBe(500);
    expect(response.unexpected).toBe(true);
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|db\.internal/);
    expect(response.body.error).toMatchObject({ code: 'internal_error', request_id: 'req-2' });
  });

  it('treats a thrown non-error value as internal', () => {
    expect(errorToResponse('a string', 'r').statusCode).toBe(500);
    expect(errorToResponse(undefined, 'r').statusCode).toBe(500);
  });
});
