import { App, Stack, Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../../infra/config.ts';
import { synthEnvironment } from './synth.ts';

/** Every finding AwsSolutions reports that no acknowledgement with a reason covers, as readable lines. */
function unacknowledgedFindings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.severity ?? 'finding'} ${violation.ruleName} at ${resource.constructPath}`,
    ),
  );
}

/** Every acknowledgement recorded in the tree: rule id → reason. */
function acknowledgements(scope: IConstruct): [string, unknown][] {
  return scope.node
    .findAll()
    .flatMap((node) => node.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>));
}

describe('cdk-nag AwsSolutions gate', () => {
  it('reports a finding when there is one (the gate is not blind)', () => {
    const stack = new Stack(new App(), 'Probe');
    new Topic(stack, 'PlainTopic');
    expect(unacknowledgedFindings(stack)).toEqual(
      expect.arrayContaining([expect.stringMatching(/AwsSolutions-SNS3 at Probe\/PlainTopic/)]),
    );
  });

  it.each(ENVIRONMENT_NAMES)('finds nothing unacknowledged in %s', (name) => {
    const { app } = synthEnvironment(name);
    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('has a written reason for every acknowledged finding in %s', (name) => {
    const acknowledged = acknowledgements(synthEnvironment(name).app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(typeof reason === 'string' && reason.split(' ').length >= 12, `reason for ${id}`).toBe(true);
    }
  });
});
