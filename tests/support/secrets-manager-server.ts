import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerServer {
  /** For `clientConfig.endpoint` or `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly endpoint: string;
  /** `SecretId`s asked for, in order. */
  readonly requests: string[];
  /** Replaces the stored secret string (a rotation). */
  setSecret(secretId: string, secretString: string): void;
  /** Every request answers 500 while on. */
  failing(on: boolean): void;
  close(): Promise<void>;
}

/**
 * The part of the Secrets Manager API the service uses (`GetSecretValue`, AWS JSON 1.1 protocol) on
 * node:http, so the real AWS SDK — through Powertools Parameters — runs end to end. Signatures are not
 * checked; an unknown secret answers `ResourceNotFoundException` like AWS does.
 */
export async function startSecretsManagerServer(
  secrets: Record<string, string>,
): Promise<SecretsManagerServer> {
  const stored = new Map(Object.entries(secrets));
  const requests: string[] = [];
  let failing = false;
  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || '{}') as { SecretId?: string };
    const target = request.headers['x-amz-target'];
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    };
    if (target !== 'secretsmanager.GetSecretValue') {
      reply(400, { __type: 'UnknownOperationException', message: `unsupported ${String(target)}` });
      return;
    }
    requests.push(body.SecretId ?? '');
    if (failing) {
      reply(500, { __type: 'InternalServiceError', message: 'injected failure' });
      return;
    }
    const secret = stored.get(body.SecretId ?? '');
    if (secret === undefined) {
      reply(400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
      return;
    }
    reply(200, {
      ARN: body.SecretId,
      Name: 'lotus/test',
      SecretString: secret,
      VersionId: 'v1',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: Date.now() / 1000,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setSecret: (secretId, secretString) => stored.set(secretId, secretString),
    failing: (on) => {
      failing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}
