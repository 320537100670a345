import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/*
 * Just enough of PostgREST for supabase-js `.rpc()` to run end to end against PGlite and our real
 * migrations: `POST /rest/v1/rpc/:fn` with named arguments, PostgREST-shaped results and error bodies,
 * and switchable faults (503, a server that never answers, a 200 with the wrong body).
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export type FaultMode = 'none' | 'unavailable' | 'hang' | 'malformed';

export interface PostgrestServer {
  /** The project URL to give `createClient` (the RPC endpoint is under `/rest/v1/rpc/`). */
  readonly url: string;
  /** Every request received, in order, including those answered with a fault. */
  readonly requests: RecordedRequest[];
  fault(mode: FaultMode): void;
  /** Stops listening and destroys every open socket, including those of hanging requests. */
  close(): Promise<void>;
}

export interface PostgrestServerOptions {
  readonly db: PGlite;
  /** Functions left out of the schema cache, as when their migration has not been applied. */
  readonly hiddenFunctions?: readonly string[];
}

interface Argument {
  readonly name: string;
  readonly type: string;
}

interface RoutineRow {
  [column: string]: unknown;
  retset: boolean;
  args: Argument[];
  required: number;
}

interface RpcAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** What PostgREST answers (503, with Retry-After) while it cannot reach the database. */
const SCHEMA_CACHE_LOADING = pgrstError(
  'PGRST002',
  'Could not query the database for the schema cache. Retrying.',
);

/**
 * Starts the endpoint on 127.0.0.1, on a free port, over `db` (which must hold our migrations). It
 * requires an `apikey` header, as Supabase's gateway does, and records every request.
 */
export async function startPostgrestServer(options: PostgrestServerOptions): Promise<PostgrestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let mode: FaultMode = 'none';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? '', path, headers: { ...request.headers }, body });
    if (mode === 'hang') return;
    if (mode === 'unavailable') return send(response, 503, SCHEMA_CACHE_LOADING, { 'Retry-After': '7' });
    if (mode === 'malformed') return send(response, 200, { unexpected: 'shape' });
    if (!request.headers.apikey) {
      return send(response, 401, pgrstError('PGRST301', 'No API key found in request'));
    }
    const route = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
    if (request.method !== 'POST' || !route?.[1]) {
      return send(response, 404, pgrstError('PGRST125', 'Invalid path specified in request URL'));
    }
    let args: unknown;
    try {
      args = body === '' ? {} : JSON.parse(body);
    } catch {
      args = undefined;
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return send(response, 400, pgrstError('PGRST102', 'Empty or invalid json'));
    }
    const answer = await callFunction(options, route[1], args as Record<string, unknown>);
    send(response, answer.status, answer.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, pgrstError('PGRST000', String(error)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fault(next) {
      mode = next;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/**
 * Calls `public.fn` with named arguments the way PostgREST does: the JSON body becomes a record of the
 * function's own parameter types (`json_to_record`), so a value of the wrong type fails in Postgres.
 */
async function callFunction(
  { db, hiddenFunctions = [] }: PostgrestServerOptions,
  fn: string,
  args: Record<string, unknown>,
): Promise<RpcAnswer> {
  const given = Object.keys(args);
  const { rows } = await db.query<RoutineRow>(
    `select p.proretset as retset, p.pronargs - p.pronargdefaults as required,
            coalesce((
              select json_agg(json_build_object('name', a.name, 'type', format_type(a.type, null)) order by a.ord)
              -- Input arguments come first in our functions (RETURNS TABLE appends its columns).
              from unnest(p.proargtypes::oid[], p.proargnames[1:p.pronargs]) with ordinality as a(type, name, ord)
            ), '[]') as args
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = $1`,
    [fn],
  );
  const routine = hiddenFunctions.includes(fn)
    ? undefined
    : rows.find(
        (row) =>
          given.every((name) => row.args.some((arg) => arg.name === name)) &&
          row.args.slice(0, row.required).every((arg) => given.includes(arg.name)),
      );
  if (!routine) {
    return {
      status: 404,
      body: pgrstError(
        'PGRST202',
        `Could not find the function public.${fn}(${[...given].sort().join(', ')}) in the schema cache`,
        `Searched for the function public.${fn} with the given argument names, but no matches were found in the schema cache.`,
      ),
    };
  }

  const used = routine.args.filter((arg) => given.includes(arg.name));
  const call = `public.${quote(fn)}(${used.map((arg) => `${quote(arg.name)} => _.${quote(arg.name)}`).join(', ')})`;
  const record = `json_to_record($1::json) as _(${used.map((arg) => `${quote(arg.name)} ${arg.type}`).join(', ')})`;
  const sql = !used.length
    ? `select ${routine.retset ? '*' : 'result'} from ${call} as result`
    : routine.retset
      ? `select r.* from ${record}, lateral ${call} r`
      : `select ${call} as result from ${record}`;
  try {
    const result = await db.query<Record<string, unknown>>(sql, used.length ? [JSON.stringify(args)] : []);
    return { status: 200, body: routine.retset ? result.rows : (result.rows[0]?.result ?? null) };
  } catch (error) {
    const {
      code = 'XX000',
      message,
      detail = null,
      hint = null,
    } = error as Error & {
      code?: string;
      detail?: string | null;
      hint?: string | null;
    };
    return { status: statusOf(code), body: { code, message, details: detail, hint } };
  }
}

/** PostgREST's HTTP status for the SQLSTATEs these tests can meet; the rest are client errors. */
function statusOf(sqlstate: string): number {
  if (sqlstate === '42501') return 403;
  if (sqlstate === '42883' || sqlstate === '42P01') return 404;
  if (sqlstate === '23505' || sqlstate === '23503') return 409;
  if (sqlstate === '57014' || sqlstate.startsWith('XX')) return 500;
  if (sqlstate.startsWith('08') || sqlstate.startsWith('53')) return 503;
  return 400;
}

function pgrstError(code: string, message: string, details: string | null = null) {
  return { code, message, details, hint: null };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  // PGlite reads int8 as bigint; PostgREST writes it as a JSON number.
  const json = JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? Number(value) : value));
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(json);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
