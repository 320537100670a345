import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../../infra/config.ts';
import { corsHeaders } from '../../lambdas/src/http/cors.ts';
import { MAX_BODY_BYTES } from '../../lambdas/src/http/scan-request.ts';
import { synthEnvironment } from './synth.ts';

interface GatewayResponseProperties {
  ResponseType: string;
  StatusCode?: string;
  ResponseParameters?: Record<string, string>;
  ResponseTemplates?: Record<string, string>;
}

interface Expected {
  /** undefined: the status API Gateway gives the type. */
  readonly status?: string;
  readonly code: string;
  readonly retryAfter?: string;
  /** The message is API Gateway's own. */
  readonly gatewayMessage?: true;
}

/** What API Gateway answers for each type, in the API contract's terms. */
const EXPECTED: Record<string, Expected> = {
  DEFAULT_4XX: { code: 'invalid_request', gatewayMessage: true },
  DEFAULT_5XX: { code: 'internal_error' },
  MISSING_AUTHENTICATION_TOKEN: { status: '404', code: 'not_found' },
  RESOURCE_NOT_FOUND: { status: '404', code: 'not_found' },
  ACCESS_DENIED: { status: '403', code: 'forbidden' },
  WAF_FILTERED: { status: '403', code: 'forbidden' },
  REQUEST_TOO_LARGE: { status: '413', code: 'payload_too_large' },
  BAD_REQUEST_BODY: { status: '400', code: 'invalid_request', gatewayMessage: true },
  UNSUPPORTED_MEDIA_TYPE: { status: '415', code: 'unsupported_media_type' },
  THROTTLED: { status: '429', code: 'rate_limited', retryAfter: '1' },
  QUOTA_EXCEEDED: { status: '429', code: 'rate_limited' },
  INTEGRATION_TIMEOUT: { status: '503', code: 'dependency_unavailable', retryAfter: '5' },
  INTEGRATION_FAILURE: { status: '500', code: 'internal_error' },
};

/** A gateway message with what breaks naive templates: quotes, a backslash, a newline, non-ASCII. */
const SAMPLE_MESSAGE = 'Invalid "name" in C:\\labels\\n°1\n– try again';
const SAMPLE_REQUEST_ID = '3f6c2a1e-8b4d-4c1a-9e2f-5a7b8c9d0e1f';

/**
 * Substitutes the variables as API Gateway does (plain substitution, no VTL): `messageString` is the
 * message as a quoted JSON string, `message` is the raw text. An unknown variable fails the test.
 */
function render(template: string): string {
  const values: Record<string, string> = {
    '$context.error.messageString': JSON.stringify(SAMPLE_MESSAGE),
    '$context.error.message': SAMPLE_MESSAGE,
    '$context.requestId': SAMPLE_REQUEST_ID,
  };
  return template.replace(/\$context\.[A-Za-z.]+/g, (variable) => {
    const value = values[variable];
    if (value === undefined) throw new Error(`no sample value for ${variable}`);
    return value;
  });
}

/** The value of a header mapping for a request: `'literal'` or `method.request.header.Name`. */
function resolveHeader(expression: string | undefined, requestHeaders: Record<string, string>) {
  if (expression === undefined) return undefined;
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1];
  const header = /^method\.request\.header\.(.+)$/.exec(expression);
  if (!header) throw new Error(`unexpected mapping ${expression}`);
  const name = header[1]?.toLowerCase();
  return Object.entries(requestHeaders).find(([key]) => key.toLowerCase() === name)?.[1];
}

describe.each(ENVIRONMENT_NAMES)('gateway responses in %s', (name) => {
  const { api, config } = synthEnvironment(name);
  const responses = () =>
    Object.values(api.findResources('AWS::ApiGateway::GatewayResponse')).map(
      (resource) => (resource as { Properties: GatewayResponseProperties }).Properties,
    );
  const header = (response: GatewayResponseProperties, headerName: string) =>
    response.ResponseParameters?.[`gatewayresponse.header.${headerName}`];

  it('covers every gateway-made answer the API can meet, once each', () => {
    const types = responses().map((response) => response.ResponseType);
    expect([...types].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers each with valid JSON {"error":{code,message,request_id}}, with the contract’s code and status', () => {
    for (const response of responses()) {
      const expected = EXPECTED[response.ResponseType];
      const template = response.ResponseTemplates?.['application/json'];
      expect(template, response.ResponseType).toBeDefined();
      const rendered = render(template ?? '');
      let body: unknown;
      expect(() => {
        body = JSON.parse(rendered);
      }, `${response.ResponseType}: ${rendered}`).not.toThrow();
      expect(body, response.ResponseType).toEqual({
        error: { code: expected?.code, message: expect.any(String), request_id: SAMPLE_REQUEST_ID },
      });
      const { message } = (body as { error: { message: string } }).error;
      if (expected?.gatewayMessage) expect(message, response.ResponseType).toBe(SAMPLE_MESSAGE);
      else expect(message.length, response.ResponseType).toBeGreaterThan(10);
      expect(response.StatusCode, response.ResponseType).toBe(expected?.status);
      expect(header(response, 'Retry-After'), response.ResponseType).toBe(
        expected?.retryAfter === undefined ? undefined : `'${expected.retryAfter}'`,
      );
    }
  });

  it('tells a too-large body the same limit as the functions do', () => {
    const tooLarge = responses().find((response) => response.ResponseType === 'REQUEST_TOO_LARGE');
    const body = JSON.parse(render(tooLarge?.ResponseTemplates?.['application/json'] ?? '{}'));
    expect(body.error.message).toContain(`${MAX_BODY_BYTES / 1024 / 1024} MB`);
  });

  it('lets a browser on each allowed origin read every gateway error and the headers the app exposes', () => {
    for (const origin of config.corsOrigins) {
      const app = corsHeaders(origin, config.corsOrigins);
      for (const response of responses()) {
        const seen = (headerName: string) => resolveHeader(header(response, headerName), { Origin: origin });
        expect(seen('Access-Control-Allow-Origin'), `${response.ResponseType} for ${origin}`).toBe(origin);
        expect(seen('Access-Control-Expose-Headers'), response.ResponseType).toBe(
          app['Access-Control-Expose-Headers'],
        );
        // An answer that depends on the Origin must say so to caches; a fixed one need not.
        if (config.corsOrigins.length > 1) expect(seen('Vary'), response.ResponseType).toBe('Origin');
      }
    }
  });
});
