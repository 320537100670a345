import type { Server, ServerResponse } from 'node:http';

/**
 * How a server stops: no new connection is taken, the requests in flight are answered in full (for at
 * most `timeoutMs`), then every connection is closed. Resolves with the number of requests cut because they
 * outlasted the bound (0 when every one was answered).
 */
export type GracefulStop = (timeoutMs: number) => Promise<number>;

/**
 * Makes `server`'s {@link GracefulStop}. Call it as soon as the server is made: it counts the requests in
 * flight from then on (a request whose headers arrived and whose response has not closed).
 *
 * `server.close()` alone only stops accepting and waits for every connection to end; a kept-alive one
 * never ends by itself, and cutting them all (`closeAllConnections`) cuts the requests in flight — a scan
 * that had run for seconds answers nothing. So: idle connections are closed at once, each response still
 * to come is the last of its connection (`Connection: close`), and a connection that turns idle once its
 * response is written is closed then.
 */
export function gracefulStop(server: Server): GracefulStop {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    // A request that came on a kept-alive connection while stopping: answered, and its connection's last.
    if (stopping) lastOnItsConnection(response);
    response.on('close', () => {
      inFlight.delete(response);
      if (stopping) server.closeIdleConnections();
    });
  });

  return async (timeoutMs) => {
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of inFlight) lastOnItsConnection(response);
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      closed.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const cut = inTime ? 0 : inFlight.size;
    if (!inTime) server.closeAllConnections();
    await closed;
    return cut;
  };
}

function lastOnItsConnection(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
