import {
  makeOpenAiEmbedder,
  type OpenAiEmbedderOptions,
} from '../../lambdas/src/adapters/openai-embedder.ts';
import { type OpenAiTestServer, serverVector } from './openai-server.ts';

/** An embedder on the local OpenAI stand-in whose waits are recorded instead of slept, and whose log is kept. */
export function recordingEmbedder(
  server: OpenAiTestServer,
  apiKey: string,
  overrides: Partial<OpenAiEmbedderOptions> = {},
) {
  const waits: number[] = [];
  const logLines: string[] = [];
  const record =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) =>
      logLines.push(JSON.stringify({ level, message, extra }));
  const embedder = makeOpenAiEmbedder({
    apiKey,
    baseURL: server.baseURL,
    attemptTimeoutMs: 2_000,
    logger: { debug: record('debug'), warn: record('warn') },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return { embedder, waits, logLines };
}

/** What the adapter must return for a text: the stand-in's vector as the float32 the API sends. */
export function expectedVector(text: string, dimensions?: number): number[] {
  return Array.from(Float32Array.from(serverVector(text, dimensions)));
}

/** The `input` of every embeddings request the stand-in received, in order. */
export function sentInputs(server: OpenAiTestServer): unknown[] {
  return server.requests.map((request) =>
    typeof request.body === 'object' ? request.body.input : undefined,
  );
}
