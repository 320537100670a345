import type { App } from 'aws-cdk-lib';
import type { EnvironmentConfig } from './config.ts';
import type { NativeTarget } from './constructs/lotus-function.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { SecretsStack } from './stacks/secrets-stack.ts';

export interface LotusStacks {
  readonly secrets: SecretsStack;
  readonly api: ApiStack;
}

/**
 * Adds one environment's stacks to the app: `Lotus-<env>-Secrets` (state) and `Lotus-<env>-Api`
 * (stateless, depends on the first). The CDK app and the infrastructure tests both build them here.
 */
export function addLotusStacks(
  app: App,
  config: EnvironmentConfig,
  options: {
    readonly nativeTarget?: NativeTarget;
    /** Canary deployments ignore their rollback alarms (see `ApiStackProps.ignoreRollbackAlarms`). */
    readonly ignoreRollbackAlarms?: boolean;
  } = {},
): LotusStacks {
  const tags = { project: 'lotus', environment: config.name };
  // Explicit account and region: the CLI refuses to deploy these stacks with credentials for another
  // account. Nothing here looks the environment up, so synthesis stays offline.
  const env = { account: config.account, region: config.region };
  const secrets = new SecretsStack(app, `Lotus-${config.name}-Secrets`, {
    config,
    env,
    description: `Lotus ${config.name}: application secret (stateful)`,
    tags,
  });
  const api = new ApiStack(app, `Lotus-${config.name}-Api`, {
    config,
    env,
    secret: secrets.secret,
    description: `Lotus ${config.name}: REST API, functions, alarms (stateless)`,
    tags,
    ...(options.nativeTarget ? { nativeTarget: options.nativeTarget } : {}),
    ignoreRollbackAlarms: options.ignoreRollbackAlarms ?? false,
  });
  return { secrets, api };
}
