import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embedText } from '../../lambdas/src/adapters/local-embedder.ts';

/** What the server does with one request; queued behaviours are used once each, in order. */
export type Behaviour =
  /** Answer with this status, headers and JSON body (an OpenAI-style error body when omitted). */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answer; the socket stays open until the client gives up or the server closes. */
  | { hang: true }
  /** Cut the connection without an answer. */
  | { destroy: true }
  /** A 200 whose JSON body is truncated. */
  | { malformed: true }
  /** Float arrays even when the request asked for base64, as a naive stand-in or proxy would. */
  | { floatDespiteBase64: true }
  /** The normal answer, changed by `alter` (which may also return a replacement body). */
  | { alter: (response: EmbeddingsResponse) => unknown };

export interface EmbeddingsResponse {
  object: 'list';
  model: string;
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: { model?: string; input?: unknown; encoding_format?: string; dimensions?: number } | string;
}

export interface OpenAiTestServer {
  /** Pass as the SDK's `baseURL`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queues behaviours for the next requests; afterwards the server answers normally. */
  script(...behaviours: Behaviour[]): void;
  /** Forgets the recorded requests and any behaviour a previous test left queued. */
  reset(): void;
  close(): Promise<void>;
}

/** The deterministic vector this server returns for a text (the local n-gram embedding, truncated). */
export function serverVector(text: string, dimensions = 1536): number[] {
  const vector = embedText(text).slice(0, dimensions);
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Little-endian float32, base64 — the API's `encoding_format: 'base64'`. */
export function toBase64Float32(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString('base64');
}

/**
 * A small OpenAI-compatible `POST /v1/embeddings` on 127.0.0.1 for the real SDK to talk to. With
 * `apiKey`, other bearer tokens get OpenAI's 401 (whose message quotes the key it was given, as a
 * worst case for leaks). Records every request.
 */
export async function startOpenAiServer(options: { apiKey?: string } = {}): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  const queue: Behaviour[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: RecordedRequest['body'];
      try {
        body = JSON.parse(text) as RecordedRequest['body'];
      } catch {
        body = text;
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });

      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        return sendJson(res, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
      }
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      if (options.apiKey !== undefined && token !== options.apiKey) {
        return sendJson(res, 401, {
          error: {
            message: `Incorrect API key provided: ${token}.`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
      }
      const behaviour = queue.shift();
      if (behaviour && 'hang' in behaviour) return;
      if (behaviour && 'destroy' in behaviour) return req.socket.destroy();
      if (behaviour && 'malformed' in behaviour) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AAAA');
      }
      if (behaviour && 'status' in behaviour) {
        res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
        return res.end(
          JSON.stringify(behaviour.body ?? { error: { message: 'Scripted failure', type: 'server_error' } }),
        );
      }
      if (typeof body !== 'object' || !Array.isArray(body.input) || typeof body.model !== 'string') {
        return sendJson(res, 400, {
          error: { message: 'Invalid request body', type: 'invalid_request_error' },
        });
      }
      const base64 = body.encoding_format === 'base64' && !(behaviour && 'floatDespiteBase64' in behaviour);
      const response: EmbeddingsResponse = {
        object: 'list',
        model: body.model,
        data: body.input.map((input, index) => {
          const vector = serverVector(String(input), body.dimensions);
          return { object: 'embedding', index, embedding: base64 ? toBase64Float32(vector) : vector };
        }),
        usage: { prompt_tokens: body.input.length, total_tokens: body.input.length },
      };
      const altered = behaviour && 'alter' in behaviour ? (behaviour.alter(response) ?? response) : response;
      sendJson(res, 200, altered);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests would keep `close` waiting forever.
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
