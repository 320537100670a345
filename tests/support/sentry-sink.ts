import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SentrySink {
  /** A DSN whose events come here: `http://<publicKey>@127.0.0.1:PORT/1`. */
  readonly dsn: string;
  /** The raw envelopes received (newline-delimited JSON: header, item header, payload, …). */
  readonly envelopes: string[];
  /** Resolves once `count` envelopes have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

/** A stand-in for Sentry's ingest endpoint (`POST /api/<project>/envelope/`) that keeps what it receives. */
export async function startSentrySink(publicKey = 'public'): Promise<SentrySink> {
  const envelopes: string[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (request.method === 'POST' && /\/api\/\d+\/envelope\/?/.test(request.url ?? '')) {
      envelopes.push(body.toString('utf8'));
      for (const wake of waiters.splice(0)) wake();
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://${publicKey}@127.0.0.1:${port}/1`,
    envelopes,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (envelopes.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} Sentry envelopes, got ${envelopes.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 100));
        });
      }
      return envelopes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON items of an envelope (its header first). */
export function envelopeItems(envelope: string): unknown[] {
  return envelope
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
