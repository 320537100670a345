import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentConfig } from '../config.ts';
import { addLotusStacks } from '../lotus-app.ts';

/**
 * The CDK app: `npx cdk synth|diff|deploy -c env=dev|staging|prod`. This is the only place that reads the
 * CDK context; an unknown or missing environment stops with a message naming the accepted ones.
 */
const app = new App();
const config = environmentConfig(app.node.tryGetContext('env'));
// `-c ignoreRollbackAlarms=true`: a canary deploy that does not wait on its alarms (hotfix during an
// incident the new code cannot fix; docs/operations.md).
addLotusStacks(app, config, {
  ignoreRollbackAlarms: String(app.node.tryGetContext('ignoreRollbackAlarms')) === 'true',
});
// Any AwsSolutions finding without a written acknowledgement fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
