import { App } from 'aws-cdk-lib';

/**
 * The CDK app: `npx cdk synth -c env=dev|staging|prod`. This is the only place that reads the CDK context.
 * The stacks (API Gateway, Lambda, Secrets Manager, alarms) arrive with the infrastructure issue; until
 * then the app synthesises nothing, rather than pretending to deploy something.
 */
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

const app = new App();
const env = app.node.tryGetContext('env') as unknown;
if (!ENVIRONMENTS.includes(env as (typeof ENVIRONMENTS)[number])) {
  throw new Error(
    `Pass the target environment: -c env=${ENVIRONMENTS.join('|')} (got ${JSON.stringify(env)}).`,
  );
}
app.synth();
