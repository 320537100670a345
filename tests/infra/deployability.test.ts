import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../../infra/config.ts';
import { synthEnvironment } from './synth.ts';
import { findDependencyCycle, type TemplateJson } from './template-graph.ts';

const templates = ENVIRONMENT_NAMES.flatMap((name) => {
  const { stacks, api, secrets } = synthEnvironment(name);
  return [
    { stack: stacks.secrets.stackName, template: secrets.toJSON() as TemplateJson },
    { stack: stacks.api.stackName, template: api.toJSON() as TemplateJson },
  ];
});

/** The API template of prod before the rollback alarms stopped referencing the stage (refs kept, values dropped). */
const CYCLIC_PROD_API = path.join(import.meta.dirname, '../fixtures/templates/prod-api-cyclic.skeleton.json');

describe('every template is a graph CloudFormation can order', () => {
  it.each(templates.map(({ stack, template }) => [stack, template] as const))(
    '%s has no dependency cycle',
    (_stack, template) => {
      expect(findDependencyCycle(template)).toBeUndefined();
    },
  );

  it('finds the cycle of the prod template that could not deploy (alias → deployment group → alarm → stage → alias)', () => {
    const cycle = findDependencyCycle(JSON.parse(readFileSync(CYCLIC_PROD_API, 'utf8')));
    expect(cycle).toBeDefined();
    expect(cycle?.at(0)).toBe(cycle?.at(-1));
    const kinds = (cycle ?? []).map((id) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(kinds).toEqual(
      expect.arrayContaining(['MonitoringServerErrorRate', 'ApiDeploymentStageprod', 'IngredientsLive']),
    );
  });

  it.each([
    ['Ref', { A: { Properties: { X: { Ref: 'B' } } }, B: { Properties: { Y: { Ref: 'A' } } } }],
    ['Fn::GetAtt', { A: { Properties: { X: { 'Fn::GetAtt': ['B', 'Arn'] } } }, B: { DependsOn: 'A' } }],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not JavaScript
    ['Fn::Sub', { A: { Properties: { X: { 'Fn::Sub': 'arn:${B.Arn}' } } }, B: { DependsOn: ['A'] } }],
    ['UpdatePolicy', { A: { UpdatePolicy: { P: { Ref: 'B' } } }, B: { Properties: { X: { Ref: 'A' } } } }],
  ])('sees a cycle made through %s', (_kind, resources) => {
    expect(findDependencyCycle({ Resources: resources })).toEqual(['A', 'B', 'A']);
  });

  it('ignores parameters, pseudo parameters, escaped and local Fn::Sub names', () => {
    const resources = {
      A: {
        Properties: {
          X: { Ref: 'AWS::Region' },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not JavaScript
          Y: { 'Fn::Sub': ['${!B} ${Local}', { Local: { Ref: 'Param' } }] },
        },
      },
      B: { Properties: { X: { Ref: 'A' } } },
    };
    expect(findDependencyCycle({ Resources: resources })).toBeUndefined();
  });
});

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const cfnLintInstalled = cfnLint.status === 0;
if (!cfnLintInstalled) {
  console.warn(
    'cfn-lint is not installed: the templates were NOT linted (install it: pip install cfn-lint).',
  );
}

interface CfnLintFinding {
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
}

/** Runs cfn-lint once over the given templates; its exit code is non-zero whenever it finds anything. */
function lint(files: readonly string[]): CfnLintFinding[] {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
  if (run.stdout.trim() === '') throw new Error(`cfn-lint printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout) as CfnLintFinding[];
}

describe.runIf(cfnLintInstalled)(`cfn-lint (${cfnLint.stdout.trim()}), AWS's CloudFormation linter`, () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lotus-cfn-lint-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const files = templates.map(({ stack, template }) => {
    const file = path.join(folder, `${stack}.template.json`);
    writeFileSync(file, JSON.stringify(template));
    return file;
  });
  const findings = lint(files);

  it.each(templates.map(({ stack }) => stack))('finds no error in %s', (stack) => {
    const errors = findings
      .filter(
        (finding) => finding.Level === 'Error' && path.basename(finding.Filename).startsWith(`${stack}.`),
      )
      .map((finding) => `${finding.Rule.Id} ${finding.Message}`);
    expect(errors).toEqual([]);
  });

  it('reports E3004 on the prod template that could not deploy (the lint is not blind)', () => {
    // The skeleton keeps only references, so only the dependency rule is meaningful on it.
    const errors = lint([CYCLIC_PROD_API]).filter((finding) => finding.Rule.Id === 'E3004');
    expect(errors.length).toBeGreaterThan(0);
  });
});
