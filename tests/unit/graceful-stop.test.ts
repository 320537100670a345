import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulStop } from '../../lambdas/src/local/graceful-stop.ts';

/** A server whose `/slow?ms=N` answers after N ms; `started` resolves when a request has arrived. */
async function slowServer() {
  let arrived: () => void = () => {};
  const started = () => new Promise<void>((resolve) => (arrived = resolve));
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const ms = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('ms') ?? 0);
    arrived();
    setTimeout(() => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ waited: ms, body: 'x'.repeat(100_000) }));
    }, ms);
  });
  const stop = gracefulStop(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, stop, url, started };
}

describe('gracefulStop', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('answers a request in flight in full, then stops taking connections', async () => {
    const slow = await slowServer();
    server = slow.server;
    const arrived = slow.started();
    const answer = fetch(`${slow.url}/slow?ms=600`);
    await arrived;

    const started = performance.now();
    const cut = await slow.stop(5_000);
    const response = await answer;

    expect(cut).toBe(0);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: string }).body).toHaveLength(100_000);
    // It waited for the answer, not for the bound.
    expect(performance.now() - started).toBeGreaterThan(450);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(fetch(`${slow.url}/slow?ms=0`)).rejects.toThrow();
  });

  it('does not wait for idle kept-alive connections', async () => {
    const slow = await slowServer();
    server = slow.server;
    // The client keeps this connection open for reuse after the answer.
    expect((await fetch(`${slow.url}/slow?ms=0`)).status).toBe(200);

    const started = performance.now();
    expect(await slow.stop(5_000)).toBe(0);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('cuts what outlasts the bound, and says how many', async () => {
    const slow = await slowServer();
    server = slow.server;
    const arrived = slow.started();
    const answer = fetch(`${slow.url}/slow?ms=3000`).catch((error: unknown) => error);
    await arrived;

    const started = performance.now();
    expect(await slow.stop(300)).toBe(1);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await answer).toBeInstanceOf(Error);
  });
});
