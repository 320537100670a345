import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config.ts';

/**
 * The generator settings CloudFormation created the secret with. NEVER CHANGE THEM, not even to add a key:
 * CloudFormation regenerates the secret's value whenever `GenerateSecretString` changes, which wipes every
 * value the operator stored. A new key is added to the stored value with `put-secret-value`; the keys the
 * functions require are the runtime's schema (`lambdas/src/config/secrets.ts`), not this template.
 */
const SECRET_GENERATOR = Object.freeze({
  secretStringTemplate:
    '{"SUPABASE_URL":"","SUPABASE_SERVICE_ROLE_KEY":"","OPENAI_API_KEY":"","SENTRY_DSN":""}',
  generateStringKey: 'GENERATED_PLACEHOLDER',
  excludePunctuation: true,
});

/** Pinned, so that refactoring the construct tree can never replace (and empty) the secret. */
export const SECRET_LOGICAL_ID = 'LotusAppSecret';

export interface SecretsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/**
 * Long-lived state, deployed apart from the stateless API: the one Secrets Manager secret of an
 * environment. Retained in environments configured to keep data.
 */
export class SecretsStack extends Stack {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: SecretsStackProps) {
    super(scope, id, props);
    const { config } = props;

    // The template carries the keys, never a value. `generateSecretString` (rather than
    // `secretObjectValue` with empty placeholders) keeps even the empty JSON out of the template's
    // SecretString, and CloudFormation only rewrites the value if these generator settings change (they
    // are frozen, see SECRET_GENERATOR): what the operator stores with `aws secretsmanager
    // put-secret-value` survives every later deploy. CloudFormation must generate something, hence the
    // unused random `GENERATED_PLACEHOLDER` key.
    const secretName = `lotus/${config.name}/app`;
    this.secret = new Secret(this, 'AppSecret', {
      secretName,
      description: `Lotus API (${config.name}): JSON with the keys of lambdas/src/config/secrets.ts. Set with put-secret-value.`,
      generateSecretString: { ...SECRET_GENERATOR },
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    (this.secret.node.defaultChild as CfnSecret).overrideLogicalId(SECRET_LOGICAL_ID);

    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The values are third-party credentials (Supabase service role key, OpenAI key, Sentry DSN) issued by those services; a rotation Lambda cannot mint them. They are rotated by hand with put-secret-value, and the functions re-read the secret after their cache expires, without a redeploy.',
    });

    new CfnOutput(this, 'SecretName', {
      value: secretName,
      description:
        'Fill with: aws secretsmanager put-secret-value --secret-id <this> --secret-string file://…',
    });
  }
}
