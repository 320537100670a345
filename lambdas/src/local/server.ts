import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { InvalidRequestError, NotFoundError, PayloadTooLargeError } from '../domain/errors.ts';
import { type ApiGatewayHandler, apiHandler, type HttpEnvironment } from '../http/api-handler.ts';
import { BINARY_MEDIA_TYPES } from '../http/scan-request.ts';

/** API Gateway's own payload limit; anything larger never reaches a Lambda. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Like the Lambda timeout: the deadline the handlers see through `getRemainingTimeInMillis`. */
const LOCAL_TIMEOUT_MS = 28_000;

/** Every method, so that the fallback routes answer 404/413 rather than 405. */
const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Resource path (API Gateway's template, e.g. `/api/ingredients/{id}`) → the handler API Gateway would
 * invoke for it. Each handler checks its own methods.
 */
export type Routes = Readonly<Record<string, ApiGatewayHandler>>;

interface RouteMatch {
  readonly resource: string;
  readonly handler: ApiGatewayHandler;
  readonly pathParameters: Record<string, string> | null;
}

/** Finds the route of a path as API Gateway does: a literal resource first, then `{param}` templates. */
export function matchRoute(routes: Routes, pathname: string): RouteMatch | undefined {
  const literal = routes[pathname];
  if (literal) return { resource: pathname, handler: literal, pathParameters: null };
  const segments = pathname.split('/');
  for (const [resource, handler] of Object.entries(routes)) {
    const template = resource.split('/');
    if (template.length !== segments.length) continue;
    const parameters: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      if (segment === '') return false;
      parameters[name] = decodeURIComponent(segment);
      return true;
    });
    if (matches) return { resource, handler, pathParameters: parameters };
  }
  return undefined;
}

/**
 * A `node:http` server that does locally what API Gateway does in AWS: turn each request into a REST
 * proxy event, call the same exported handler Lambda calls, and write its response back.
 */
export function createLocalServer(routes: Routes, environment: () => HttpEnvironment): http.Server {
  const notFound = apiHandler({ name: 'not-found', methods: ANY_METHOD, environment }, async ({ event }) => {
    throw new NotFoundError(`There is no route ${event.path}.`);
  });
  const tooLarge = apiHandler({ name: 'too-large', methods: ANY_METHOD, environment }, async () => {
    throw new PayloadTooLargeError('The request body is larger than 10 MB.');
  });

  const badTarget = apiHandler({ name: 'bad-target', methods: ANY_METHOD, environment }, async () => {
    throw new InvalidRequestError('The request target is not a valid URL path.');
  });

  return http.createServer((req, res) => {
    // Read before the body: a socket may be gone once an oversized upload has been discarded.
    const peer = {
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? null,
    };
    void (async () => {
      const url = parseTarget(req.url);
      const body = await readBody(req, GATEWAY_MAX_BODY_BYTES);
      const route = url && safeMatchRoute(routes, url.pathname);
      const handler = !url ? badTarget : body === 'too-large' ? tooLarge : (route?.handler ?? notFound);
      const target = url ?? new URL('http://localhost/');
      const event = {
        ...toProxyEvent(req, target, body === 'too-large' ? Buffer.alloc(0) : body, peer),
        resource: route?.resource ?? target.pathname,
        pathParameters: route?.pathParameters ?? null,
      };
      const result = await handler(event, lambdaContext());
      writeResult(res, result);
    })().catch((error: unknown) => {
      // The handlers map every error themselves; reaching this means the server itself failed.
      console.error('local server failure', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal_error', message: 'Local server failure.' } }));
    });
  });
}

/** The request target as a URL, or undefined when it is not one (`//[` parses as an invalid host). */
function parseTarget(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return undefined;
  try {
    // Resolved against the path, never as a scheme-relative `//host/...`: the target is always a path.
    return new URL(`http://localhost${raw}`);
  } catch {
    return undefined;
  }
}

/** A path with broken percent-encoding matches no route (a 404), as on API Gateway. */
function safeMatchRoute(routes: Routes, pathname: string): RouteMatch | undefined {
  try {
    return matchRoute(routes, pathname);
  } catch {
    return undefined;
  }
}

/**
 * The body, or 'too-large' past `limit`: what follows is read and discarded (not buffered) so that the
 * client still gets its 413 instead of a reset connection.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isBinary(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return BINARY_MEDIA_TYPES.some((pattern) =>
    pattern.endsWith('/*') ? mediaType.startsWith(pattern.slice(0, -1)) : mediaType === pattern,
  );
}

function toProxyEvent(
  req: http.IncomingMessage,
  url: URL,
  body: Buffer,
  peer: { sourceIp: string; userAgent: string | null },
): APIGatewayProxyEvent {
  // Without a prototype: a header or parameter named `constructor` or `__proto__` is just a name.
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const query: Record<string, string> = Object.create(null);
  const multiQuery: Record<string, string[]> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    query[key] = value;
    multiQuery[key] = [...(multiQuery[key] ?? []), value];
  }
  const binary = isBinary(req.headers['content-type']);
  const method = req.method ?? 'GET';
  return {
    resource: url.pathname,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: url.searchParams.size > 0 ? query : null,
    multiValueQueryStringParameters: url.searchParams.size > 0 ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary && body.length > 0,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      identity: localIdentity(peer.sourceIp, peer.userAgent),
      path: url.pathname,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: url.pathname,
    },
  };
}

function localIdentity(
  sourceIp: string,
  userAgent: string | null,
): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

function lambdaContext(): Context {
  const deadline = Date.now() + LOCAL_TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'lotus-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:lotus-local',
    memoryLimitInMB: '2048',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

function writeResult(res: http.ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name] = values.map(String);
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  headers['Content-Length'] = String(body.length);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}
