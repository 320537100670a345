import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../../infra/config.ts';
import { repoRoot } from '../../infra/paths.ts';
import { SECRET_LOGICAL_ID } from '../../infra/stacks/secrets-stack.ts';
import { SECRET_KEYS } from '../../lambdas/src/config/secrets.ts';
import { synthEnvironment } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

/**
 * The generator settings the secret was created with, copied here on purpose: if they change in the
 * stack, CloudFormation regenerates the secret and every stored value is lost. This copy must never change.
 */
const FROZEN_GENERATOR = {
  SecretStringTemplate:
    '{"SUPABASE_URL":"","SUPABASE_SERVICE_ROLE_KEY":"","OPENAI_API_KEY":"","SENTRY_DSN":""}',
  GenerateStringKey: 'GENERATED_PLACEHOLDER',
  ExcludePunctuation: true,
};

/** Each function's handler file, by the route its description starts with. */
const HANDLERS: Record<string, string> = {
  'POST /api/scan': 'scan.ts',
  'GET /health': 'health.ts',
  'GET /ready': 'ready.ts',
  'GET /api/ingredients': 'ingredients.ts',
  'GET /api/openapi.json': 'openapi.ts',
  'GET /api/debug/error': 'debug.ts',
};

/** Whether a handler uses the data runtime (`runtime.ts`), where the secret is read: not only its types. */
function readsSecret(handlerFile: string): boolean {
  const source = readFileSync(path.join(repoRoot, 'lambdas/src/handlers', handlerFile), 'utf8');
  return /^import \{[^}]*\} from '\.\.\/runtime\.ts';$/m.test(source);
}

describe('the secret’s generator template', () => {
  it.each(ENVIRONMENT_NAMES)('is the frozen one in %s, so a deploy never regenerates the secret', (name) => {
    const secret = synthEnvironment(name).secrets.toJSON().Resources[SECRET_LOGICAL_ID] as Resource;
    expect(secret.Properties.GenerateSecretString).toEqual(FROZEN_GENERATOR);
  });

  it('names no key the runtime does not require (a key is added with put-secret-value, not here)', () => {
    const templateKeys = Object.keys(JSON.parse(FROZEN_GENERATOR.SecretStringTemplate));
    expect(SECRET_KEYS).toEqual(expect.arrayContaining(templateKeys));
  });
});

describe('infrastructure code', () => {
  it('loads no runtime code (not even the secret’s key names)', () => {
    const infra = path.join(repoRoot, 'infra');
    const files = readdirSync(infra, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(path.join(infra, file), 'utf8');
      expect(source, file).not.toMatch(/from '[^']*lambdas\//);
    }
  });
});

describe.each(ENVIRONMENT_NAMES)('who may read the secret in %s', (name) => {
  const { api, config } = synthEnvironment(name);
  const functions = Object.values(api.findResources('AWS::Lambda::Function')) as Resource[];
  const policies = Object.values(api.findResources('AWS::IAM::Policy')) as Resource[];
  const routeOf = (fn: Resource) => {
    const route = Object.keys(HANDLERS).find((prefix) =>
      String(fn.Properties.Description).startsWith(prefix),
    );
    if (!route) throw new Error(`no handler known for ${String(fn.Properties.Description)}`);
    return route;
  };
  const secretArn = (fn: Resource) =>
    (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.SECRET_ARN;
  /** Statements about Secrets Manager in the policies attached to the function's role. */
  const secretStatements = (fn: Resource) => {
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return policies
      .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap(
        (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement,
      )
      .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager:'));
  };

  it('gives the secret to the scan, ready, ingredients and debug functions only', () => {
    const readers = functions.filter((fn) => secretArn(fn) !== undefined).map(routeOf);
    expect(readers.sort()).toEqual(
      [
        'POST /api/scan',
        'GET /ready',
        'GET /api/ingredients',
        ...(config.debugRoute ? ['GET /api/debug/error'] : []),
      ].sort(),
    );
  });

  it('gives its ARN and read access exactly to the functions whose handler uses the data runtime', () => {
    expect(functions).toHaveLength(config.debugRoute ? 6 : 5);
    for (const fn of functions) {
      const route = routeOf(fn);
      if (readsSecret(HANDLERS[route] ?? '')) {
        // By reference to the stateful stack's pinned logical id, never as a value.
        const secretImport = {
          'Fn::ImportValue': expect.stringMatching(
            new RegExp(`^Lotus-${name}-Secrets:.*${SECRET_LOGICAL_ID}`),
          ),
        };
        expect(secretArn(fn), route).toEqual(secretImport);
        expect(secretStatements(fn), route).toEqual([
          {
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: secretImport,
          },
        ]);
      } else {
        expect(secretArn(fn), route).toBeUndefined();
        expect(secretStatements(fn), route).toEqual([]);
      }
    }
  });
});
