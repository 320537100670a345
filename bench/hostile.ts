/**
 * `npm run bench:hostile`: hostile load against `npm start` (its own process, a fresh data dir) while
 * `/health` is polled every 50 ms. Prints, per attack, the /health latency during it and the share of
 * honest answers: a report (200), a refusal the client can act on (4xx), or 503 with `Retry-After` —
 * each within the scan deadline plus a second. A 500, a hang or a late answer is dishonest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderLabel } from '../tests/support/label-render.ts';
import { start, stop } from '../tests/support/npm-start.ts';
import { percentile } from './lib/stats.ts';

const DEADLINE_MS = 27_000;
const HONEST_WITHIN_MS = DEADLINE_MS + 1_000;

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly retryAfter: boolean;
}

interface AttackResult {
  readonly name: string;
  readonly requests: number;
  readonly honest: number;
  readonly statuses: Record<string, number>;
  readonly slowestMs: number;
  readonly healthMs: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly failed: number;
  };
}

const isHonest = ({ status, ms, retryAfter }: Answer) =>
  ms <= HONEST_WITHIN_MS &&
  (status === 200 || (status >= 400 && status < 500) || (status === 503 && retryAfter));

async function post(url: string, body: Buffer | string, contentType: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: performance.now() - started,
      retryAfter: /^\d+$/.test(response.headers.get('retry-after') ?? ''),
    };
  } catch {
    return { status: 0, ms: performance.now() - started, retryAfter: false };
  }
}

/** Polls /health until `done` resolves; returns its latencies (a failure counts as 5 s). */
async function pollHealth(url: string, done: Promise<unknown>): Promise<AttackResult['healthMs']> {
  const latencies: number[] = [];
  let failed = 0;
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  while (!finished) {
    const started = performance.now();
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status !== 200) failed++;
    } catch {
      failed++;
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    max: Math.round(Math.max(...latencies)),
    failed,
  };
}

async function attack(
  name: string,
  url: string,
  requests: Array<() => Promise<Answer>>,
): Promise<AttackResult> {
  const answers = Promise.all(requests.map((send) => send()));
  const healthMs = await pollHealth(url, answers);
  const settled = await answers;
  const statuses: Record<string, number> = {};
  for (const { status } of settled) statuses[status] = (statuses[status] ?? 0) + 1;
  return {
    name,
    requests: settled.length,
    honest: settled.filter(isHonest).length,
    statuses,
    slowestMs: Math.round(Math.max(...settled.map((answer) => answer.ms))),
    healthMs,
  };
}

/** A client that sends its headers and then one byte of body per second, for `seconds`. */
function slowClient(url: string, seconds: number): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    let sent = 0;
    const body = '{"text": "Ingredients: Cotton, Rayon."}'.padEnd(seconds, ' ');
    socket.on('connect', () => {
      socket.write(
        `POST /api/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      const timer = setInterval(() => {
        if (sent >= body.length || socket.destroyed) return clearInterval(timer);
        socket.write(body[sent++] ?? ' ');
      }, 1_000);
    });
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const finish = () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0),
        ms: 0, // a slow client's own time is not the server's answer time
        retryAfter: /retry-after: \d+/i.test(received),
      });
    socket.on('close', finish);
    socket.on('error', finish);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lotus-bench-hostile-'));
  const server = await start({ LOTUS_DATA_DIR: path.join(dataDir, 'pgdata'), LOG_LEVEL: 'ERROR' });
  const { url } = server;
  try {
    const heavyText = JSON.stringify({
      text: `Ingredients: ${Array.from({ length: 4_000 }, (_, i) => `N${i.toString(36)}x`).join(', ')}`.slice(
        0,
        20_000,
      ),
    });
    const madeUp = JSON.stringify({
      text: `Ingredients: ${Array.from({ length: 100 }, (_, i) => `Qx${i.toString(36)}zy ${i % 7 ? 'Acid' : 'Extract'}`).join(', ')}.`,
    });
    // A dense page: a leaflet's worth of small print, many seconds of OCR each.
    const dense = await renderLabel(
      [
        'INGREDIENTS:',
        ...Array.from(
          { length: 90 },
          (_, i) => `Line ${i}: Cotton, Rayon, Polyester, Glycerin, Citric Acid, Aqua,`,
        ),
      ],
      { width: 2_000 },
    );
    const small = await renderLabel([
      'INGREDIENTS: Polypropylene, Cotton, Titanium Dioxide.',
      'Made in USA.',
    ]);
    // Warm the OCR workers and the library, as a running server would be.
    await post(url, small, 'image/png');

    const results = [
      await attack(
        '12 heavy texts (20 kB, ~2,600 names)',
        url,
        Array.from({ length: 12 }, () => () => post(url, heavyText, 'application/json')),
      ),
      await attack(
        '12 texts of 100 made-up names',
        url,
        Array.from({ length: 12 }, () => () => post(url, madeUp, 'application/json')),
      ),
      await attack('3 dense photos, 1 small one queued behind, 4 more arriving each 5 s', url, [
        ...Array.from({ length: 3 }, () => () => post(url, dense, 'image/png')),
        () => post(url, small, 'image/png'),
        ...Array.from({ length: 4 }, (_, i) => async () => {
          await new Promise((resolve) => setTimeout(resolve, 5_000 * (i + 1)));
          return post(url, small, 'image/png');
        }),
      ]),
      await attack('20 slow clients (1 byte/s for 20 s) + 4 text scans', url, [
        ...Array.from({ length: 20 }, () => () => slowClient(url, 20)),
        ...Array.from({ length: 4 }, () => () => post(url, madeUp, 'application/json')),
      ]),
    ];
    console.log(
      'attack | requests | honest | statuses | slowest answer ms | /health p50 / p99 / max ms (failed)',
    );
    for (const r of results) {
      console.log(
        `${r.name} | ${r.requests} | ${r.honest}/${r.requests} (${Math.round((100 * r.honest) / r.requests)}%) | ${JSON.stringify(r.statuses)} | ${r.slowestMs} | ${r.healthMs.p50} / ${r.healthMs.p99} / ${r.healthMs.max} (${r.healthMs.failed})`,
      );
    }
  } finally {
    await stop(server.child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
