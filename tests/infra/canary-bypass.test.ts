import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { environmentConfig } from '../../infra/config.ts';
import { addLotusStacks } from '../../infra/lotus-app.ts';
import { APP_CONTEXT } from './synth.ts';

function prodDeploymentGroups(ignoreRollbackAlarms: boolean) {
  const app = new App({ context: { ...APP_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const { api } = addLotusStacks(app, environmentConfig('prod'), { ignoreRollbackAlarms });
  const template = Template.fromJSON(app.synth().getStackByName(api.stackName).template);
  return Object.values(template.findResources('AWS::CodeDeploy::DeploymentGroup')) as {
    Properties: { AlarmConfiguration: { Enabled: boolean; Alarms: unknown[] } };
  }[];
}

describe('the hotfix bypass of the canary alarms (-c ignoreRollbackAlarms=true)', () => {
  it('keeps the alarms on each deployment group but stops CodeDeploy from acting on them', () => {
    const groups = prodDeploymentGroups(true);
    expect(groups).toHaveLength(5);
    for (const group of groups) {
      expect(group.Properties.AlarmConfiguration.Enabled).toBe(false);
      expect(group.Properties.AlarmConfiguration.Alarms).toHaveLength(3);
    }
  });

  it('is off unless asked for', () => {
    for (const group of prodDeploymentGroups(false)) {
      expect(group.Properties.AlarmConfiguration.Enabled).toBe(true);
    }
  });
});
