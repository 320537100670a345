import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/paths.ts';
import { apiEvent } from '../support/api-event.ts';
import { bundledFunctionEnv } from '../support/lambda-env.ts';
import { type SecretsManagerServer, startSecretsManagerServer } from '../support/secrets-manager-server.ts';
import { envelopeItems, type SentrySink, startSentrySink } from '../support/sentry-sink.ts';

const execFileAsync = promisify(execFile);

/** Imports the debug handler's Lambda entry as Lambda does and answers one event; prints the response. */
const RUNNER = `
const [handlerUrl, event] = process.argv.slice(1);
const { handler } = await import(handlerUrl);
const context = { awsRequestId: 'debug-secret-test', functionName: 'lotus-dev-debug', getRemainingTimeInMillis: () => 10_000 };
process.stdout.write(JSON.stringify(await handler(JSON.parse(event), context)));
process.exit(0);
`;

/*
 * The README's deploy check: GET /api/debug/error in Lambda, where the Sentry DSN exists only in the
 * secret. The exported handler runs in its own process (the runtime is built once per process, from its
 * environment), configured as the stack configures it: SECRET_ARN, no DSN.
 */
describe('the deployed debug route (its Lambda entry, the DSN only in the secret)', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:lotus/dev/app-Ab12Cd';
  let secrets: SecretsManagerServer;
  let sink: SentrySink;

  beforeAll(async () => {
    sink = await startSentrySink('debugroutekey');
    secrets = await startSecretsManagerServer({
      [arn]: JSON.stringify({
        SUPABASE_URL: 'http://127.0.0.1:9/',
        SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-for-tests',
        OPENAI_API_KEY: 'sk-test-only',
        SENTRY_DSN: sink.dsn,
      }),
    });
  });
  afterAll(async () => {
    await Promise.all([secrets.close(), sink.close()]);
  });

  async function callDebugRoute(env: Record<string, string>) {
    const event = apiEvent({
      method: 'GET',
      path: '/api/debug/error',
      headers: { 'X-Request-Id': 'deploy-check-1' },
    });
    const handlerUrl = pathToFileURL(`${repoRoot}lambdas/src/handlers/debug.ts`).href;
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', RUNNER, handlerUrl, JSON.stringify(event)],
      {
        cwd: repoRoot,
        env: bundledFunctionEnv({
          ENABLE_DEBUG_ROUTE: 'true',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIATESTONLY',
          AWS_SECRET_ACCESS_KEY: 'test-only',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
          ...env,
        }),
      },
    );
    const response = JSON.parse(stdout) as { statusCode: number; body: string };
    return {
      status: response.statusCode,
      body: JSON.parse(response.body) as { error: Record<string, string> },
    };
  }

  it('reads the secret, then fails with a 500 that reaches Sentry with the request id', async () => {
    const response = await callDebugRoute({ SECRET_ARN: arn });

    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: 'internal_error', request_id: 'deploy-check-1' });
    expect(secrets.requests).toContain(arn);
    // The handler flushed before it answered: the event is already here.
    expect(sink.envelopes).toHaveLength(1);
    const event = envelopeItems(sink.envelopes[0] ?? '')[2] as { tags: Record<string, string> };
    expect(event.tags).toMatchObject({ request_id: 'deploy-check-1', handler: 'debug-error', status: '500' });
    expect(sink.envelopes[0]).toContain('DeliberateError');
    expect(sink.envelopes[0]).not.toContain('service-role-key-for-tests');
  });

  it('answers 503 naming the secret when it cannot be read', async () => {
    const response = await callDebugRoute({ SECRET_ARN: `${arn}-missing` });

    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({ code: 'dependency_unavailable', dependency: 'secrets' });
  });
});
