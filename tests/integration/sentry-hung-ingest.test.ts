import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import { type ApiGatewayHandler, apiHandler } from '../../lambdas/src/http/api-handler.ts';
import { SentryReporter } from '../../lambdas/src/observability/error-reporter.ts';
import { lambdaEntry } from '../../lambdas/src/observability/lambda-entry.ts';
import { makeLogger } from '../../lambdas/src/observability/logger.ts';
import { apiEvent } from '../support/api-event.ts';
import { type LocalApi, startLocalApi, testRuntime } from '../support/local-api.ts';
import { envelopeItems, type SentrySink, startSentrySink } from '../support/sentry-sink.ts';

/** A Sentry ingest endpoint that takes the connection and the envelope, and never answers. */
async function startHungIngest(): Promise<{
  dsn: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server: Server = createServer((request) => {
    request.on('data', () => {});
    request.on('end', () => {
      received++;
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://hungkey@127.0.0.1:${port}/1`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const settings = (dsn: string) => ({ dsn, environment: 'test', release: 'lotus-api@test', redact: [] });

/** Every route of this runtime fails with a dependency error: a 503 that is reported. */
const unavailable = async (): Promise<never> => {
  throw new DependencyUnavailableError('database', 'The ingredient library is unavailable.');
};

async function timed<T>(act: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await act();
  return { result, ms: performance.now() - started };
}

describe('error responses never wait for a hung Sentry ingest (real SDK)', () => {
  let hung: Awaited<ReturnType<typeof startHungIngest>>;
  let sink: SentrySink;

  beforeAll(async () => {
    hung = await startHungIngest();
    sink = await startSentrySink('lotuspublickey');
  });
  afterAll(async () => {
    await hung.close();
    await sink.close();
  });

  describe('locally (npm start): the response does not wait for the event', () => {
    const reporter = new SentryReporter();
    const runtime = { ...testRuntime(), reporter };
    let api: LocalApi;

    beforeAll(async () => {
      api = await startLocalApi(unavailable, { runtime });
    });
    afterAll(async () => {
      await api.close();
      await reporter.close();
    });

    const scan = (requestId: string) =>
      fetch(`${api.url}/api/scan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
        body: JSON.stringify({ text: 'Ingredients: Aqua, Glycerin.' }),
      });

    it('a 503 arrives at once while the ingest never answers', async () => {
      await reporter.configure(settings(hung.dsn));
      const before = hung.received();

      const { result: response, ms } = await timed(() => scan('req-hung-local'));

      expect(response.status).toBe(503);
      expect(ms).toBeLessThan(500);
      // The event was sent (the ingest has it), just not waited for.
      await vi.waitFor(() => expect(hung.received()).toBe(before + 1));
    });

    it('the event still arrives at a responsive ingest, after the answer', async () => {
      await reporter.configure(settings(sink.dsn));
      const before = sink.envelopes.length;

      const response = await scan('req-sink-local');

      expect(response.status).toBe(503);
      const envelopes = await sink.waitFor(before + 1);
      const event = envelopeItems(envelopes[before] ?? '')[2] as { tags: Record<string, string> };
      expect(event.tags).toMatchObject({
        request_id: 'req-sink-local',
        status: '503',
        dependency: 'database',
      });
    });
  });

  describe('in Lambda (the process freezes after answering): a bounded wait, then the answer', () => {
    let reporter: SentryReporter;
    let handler: ApiGatewayHandler;
    const logger = makeLogger({ LOG_LEVEL: 'SILENT', ENVIRONMENT: 'test' });
    const context = {
      functionName: 'lotus-test-scan',
      awsRequestId: 'aws-req-1',
      getRemainingTimeInMillis: () => 10_000,
    } as unknown as Context;
    const event = (requestId: string) =>
      apiEvent({
        method: 'GET',
        path: '/x',
        headers: { 'X-Request-Id': requestId },
      }) as unknown as APIGatewayProxyEvent;

    beforeAll(() => {
      vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'lotus-test-scan');
      // Made inside "Lambda", as the composition root makes it there.
      reporter = new SentryReporter();
      // As the functions are exported: wrapped by Sentry's Lambda wrapper, which flushes once more.
      handler = lambdaEntry(
        apiHandler(
          { name: 'x', methods: ['GET'], environment: () => ({ logger, corsOrigins: [], reporter }) },
          unavailable,
        ),
      );
    });
    afterAll(async () => {
      await reporter.close();
      vi.unstubAllEnvs();
    });

    it('a 503 is answered within ~0.5 s while the ingest never answers', async () => {
      await reporter.configure(settings(hung.dsn));
      const before = hung.received();

      const { result: response, ms } = await timed(() => handler(event('req-hung-lambda'), context));

      expect(response.statusCode).toBe(503);
      expect(ms).toBeLessThan(500);
      expect(hung.received()).toBe(before + 1);
    });

    it('the next invocation, a success, does not wait for the hung send either', async () => {
      const ok = lambdaEntry(
        apiHandler(
          { name: 'ok', methods: ['GET'], environment: () => ({ logger, corsOrigins: [], reporter }) },
          async () => ({
            statusCode: 200,
            body: { ok: true },
          }),
        ),
      );
      const { result: response, ms } = await timed(() => ok(event('req-after-hung'), context));

      expect(response.statusCode).toBe(200);
      expect(ms).toBeLessThan(200);
    });

    it('a responsive ingest has the event before the answer is returned', async () => {
      await reporter.configure(settings(sink.dsn));
      const before = sink.envelopes.length;

      const response = await handler(event('req-sink-lambda'), context);

      expect(response.statusCode).toBe(503);
      expect(sink.envelopes.length).toBe(before + 1);
      const event503 = envelopeItems(sink.envelopes[before] ?? '')[2] as { tags: Record<string, string> };
      expect(event503.tags).toMatchObject({ request_id: 'req-sink-lambda', status: '503' });
    });
  });
});
