import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Token } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, ENVIRONMENTS } from '../../infra/config.ts';
import { repoRoot } from '../../infra/paths.ts';
import { type StsServer, startStsServer } from '../support/sts-server.ts';
import { synthEnvironment } from './synth.ts';

const execFileAsync = promisify(execFile);

/*
 * Each environment is pinned to its account and region. The CDK CLI then refuses a deploy made with
 * credentials for another account: it deploys through roles it assumes in the stack's account (named in
 * the cloud assembly), and stops with "Could not assume role in target account using current credentials
 * (which are for account …)" or "Need to perform AWS calls for account …, but the current credentials are
 * for …" (docs/operations.md, "Accounts").
 */
describe('environments', () => {
  it('each name a 12-digit account of their own and a region', () => {
    const accounts = ENVIRONMENT_NAMES.map((name) => ENVIRONMENTS[name].account);
    for (const account of accounts) expect(account).toMatch(/^\d{12}$/);
    expect(new Set(accounts).size).toBe(ENVIRONMENT_NAMES.length);
    for (const name of ENVIRONMENT_NAMES) expect(ENVIRONMENTS[name].region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  });
});

describe.each(ENVIRONMENT_NAMES)('the %s stacks', (name) => {
  const { app, config, stacks } = synthEnvironment(name);
  const assembly = app.synth();

  it('carry the environment’s account and region, as literals', () => {
    for (const stack of [stacks.secrets, stacks.api]) {
      expect(Token.isUnresolved(stack.account), stack.stackName).toBe(false);
      expect([stack.account, stack.region], stack.stackName).toEqual([config.account, config.region]);
    }
  });

  it('are deployed through roles in that account only, per the cloud assembly', () => {
    for (const stack of [stacks.secrets, stacks.api]) {
      const artifact = assembly.getStackByName(stack.stackName);
      expect(artifact.environment).toEqual({
        account: config.account,
        region: config.region,
        name: `aws://${config.account}/${config.region}`,
      });
      for (const role of [artifact.assumeRoleArn, artifact.cloudFormationExecutionRoleArn]) {
        expect(role, stack.stackName).toMatch(
          new RegExp(`:iam::${config.account}:role/.*-${config.region}$`),
        );
      }
    }
  });

  it('need no lookup in the account to synthesise (works offline, nothing cached in cdk.context.json)', () => {
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });
});

describe('a prod deploy with credentials for another account', () => {
  const { app, config } = synthEnvironment('prod');
  const otherAccount = '999999999999';
  const home = mkdtempSync(path.join(tmpdir(), 'lotus-cdk-home-'));
  let sts: StsServer;

  beforeAll(async () => {
    sts = await startStsServer(otherAccount);
  });
  afterAll(async () => {
    await sts.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('is stopped by the CDK CLI with a message naming both accounts, before it touches anything', async () => {
    const deploy = execFileAsync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/aws-cdk/bin/cdk'),
        'deploy',
        ...['--app', app.synth().directory, '--all', '--require-approval', 'never'],
      ],
      {
        cwd: repoRoot,
        // Only these credentials: no profile, config file, instance metadata or CDK cache of this machine.
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          CDK_HOME: home,
          AWS_CONFIG_FILE: path.join(home, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: 'AKIATESTONLY',
          AWS_SECRET_ACCESS_KEY: 'test-only',
          AWS_REGION: config.region,
          AWS_ENDPOINT_URL_STS: sts.endpoint,
        },
      },
    );

    const failure = (await deploy.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code: number; stdout: string; stderr: string } | undefined;
    expect(failure?.code).toBe(1);
    const output = `${failure?.stdout}${failure?.stderr}`;
    expect(output).toContain(`credentials (which are for account ${otherAccount})`);
    expect(output).toMatch(new RegExp(`arn:aws:iam::${config.account}:role/cdk-[a-z0-9]+-deploy-role`));
    // It asked who the caller is, then only for roles of the prod account.
    expect(sts.requests).toContain('GetCallerIdentity');
    const assumed = sts.requests.filter((request) => request !== 'GetCallerIdentity');
    expect(assumed.length).toBeGreaterThan(0);
    for (const request of assumed) {
      expect(request).toMatch(new RegExp(`^AssumeRole arn:aws:iam::${config.account}:role/`));
    }
  });
});
