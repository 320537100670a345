import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsServer {
  /** For `AWS_ENDPOINT_URL_STS`. */
  readonly endpoint: string;
  /** `Action` of each request, with the `RoleArn` for AssumeRole (`AssumeRole arn:…`). */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * The part of AWS STS a CLI asks before it acts (query protocol, XML answers): the caller is a user of
 * `callerAccount`, and every AssumeRole is refused as AWS refuses a role that does not trust that account.
 */
export async function startStsServer(callerAccount: string): Promise<StsServer> {
  const requests: string[] = [];
  const user = `arn:aws:iam::${callerAccount}:user/operator`;
  const server: Server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? '';
    const role = params.get('RoleArn');
    requests.push(role ? `${action} ${role}` : action);
    response.setHeader('Content-Type', 'text/xml');
    if (action === 'GetCallerIdentity') {
      response.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${user}</Arn><UserId>AIDATESTONLY</UserId><Account>${callerAccount}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
      return;
    }
    response.statusCode = 403;
    response.end(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${user} is not authorized to perform: sts:${action} on resource: ${role ?? '*'}</Message></Error><RequestId>2</RequestId></ErrorResponse>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
