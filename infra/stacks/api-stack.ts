import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LambdaApplication } from 'aws-cdk-lib/aws-codedeploy';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config.ts';
import { ApiFirewall } from '../constructs/api-firewall.ts';
import { ApiMonitoring } from '../constructs/api-monitoring.ts';
import { CanaryDeployment } from '../constructs/canary-deployment.ts';
import { addJsonGatewayResponses } from '../constructs/gateway-responses.ts';
import { LotusFunction, type NativeTarget } from '../constructs/lotus-function.ts';

/** What API Gateway passes to the functions base64-encoded (photos, multipart uploads). */
export const BINARY_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'multipart/form-data',
  'application/octet-stream',
] as const;

export interface ApiStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  /** The application secret (from the stateful stack): only the functions that read it are given it. */
  readonly secret: ISecret;
  /**
   * Platform of the scan function's native packages.
   * @default { os: 'linux', cpu: 'arm64' }
   */
  readonly nativeTarget?: NativeTarget;
  /**
   * Canary deployments ignore their rollback alarms (`cdk deploy -c ignoreRollbackAlarms=true`): the
   * documented bypass for a hotfix while an alarm fires for a reason the new code cannot fix.
   * @default false
   */
  readonly ignoreRollbackAlarms?: boolean;
}

/**
 * The stateless part of an environment: the REST API, its functions (each behind a `live` alias), the
 * alarms and dashboard, the WAF where configured, and CodeDeploy canaries where configured.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly functions: Readonly<
    Record<'scan' | 'health' | 'ready' | 'ingredients' | 'openapi', LotusFunction>
  >;
  /** `GET /api/debug/error`, where the environment's `debugRoute` is on. */
  readonly debugFunction: LotusFunction | undefined;
  readonly monitoring: ApiMonitoring;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const environment = {
      ENVIRONMENT: config.name,
      LOG_LEVEL: config.logLevel,
      CORS_ORIGINS: config.corsOrigins.join(','),
    };
    const small = (entry: string, description: string) => ({
      entry: `lambdas/src/handlers/${entry}.ts`,
      description,
      environment,
      memorySize: config.smallFunctions.memoryMiB,
      timeout: Duration.seconds(config.smallFunctions.timeoutSeconds),
      logRetention: config.logRetention,
      logRemovalPolicy: removalPolicy,
    });
    this.functions = {
      scan: new LotusFunction(this, 'Scan', {
        ...small('scan', 'POST /api/scan: label photo or text to an ingredient risk report'),
        memorySize: config.scanFunction.memoryMiB,
        timeout: Duration.seconds(config.scanFunction.timeoutSeconds),
        ...(config.scanFunction.reservedConcurrency === undefined
          ? {}
          : { reservedConcurrentExecutions: config.scanFunction.reservedConcurrency }),
        ocr: true,
        ...(props.nativeTarget ? { nativeTarget: props.nativeTarget } : {}),
      }),
      health: new LotusFunction(this, 'Health', small('health', 'GET /health: liveness, no dependency')),
      ready: new LotusFunction(this, 'Ready', small('ready', 'GET /ready: database and secrets checks')),
      ingredients: new LotusFunction(
        this,
        'Ingredients',
        small('ingredients', 'GET /api/ingredients[/{id}]: browse the library'),
      ),
      openapi: new LotusFunction(this, 'OpenApi', small('openapi', 'GET /api/openapi.json')),
    };
    // The handlers that build the data runtime (runtime.ts) read the secret; health and openapi touch no
    // dependency and get neither its ARN nor the right to read it.
    for (const fn of [this.functions.scan, this.functions.ready, this.functions.ingredients]) {
      fn.useSecret(props.secret);
    }
    this.debugFunction = config.debugRoute
      ? new LotusFunction(this, 'DebugError', {
          ...small('debug', 'GET /api/debug/error: fails on purpose to check error reporting after a deploy'),
          environment: { ...environment, ENABLE_DEBUG_ROUTE: 'true' },
        })
      : undefined;
    // The DSN comes with the secret: the debug function reads it like the others.
    this.debugFunction?.useSecret(props.secret);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy,
    });
    const restApiName = `lotus-api-${config.name}`;
    this.api = new RestApi(this, 'Api', {
      restApiName,
      description: `Lotus scan API (${config.name})`,
      endpointTypes: [EndpointType.REGIONAL],
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
      // Access and execution logs need the account-level CloudWatch role; kept when a stack goes away
      // because it is shared by every API of the account and region.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: config.name,
        throttlingRateLimit: config.throttling.rateLimit,
        throttlingBurstLimit: config.throttling.burstLimit,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            ip: AccessLogField.contextIdentitySourceIp(),
            requestTime: AccessLogField.contextRequestTime(),
            method: AccessLogField.contextHttpMethod(),
            path: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            protocol: AccessLogField.contextProtocol(),
            responseLength: AccessLogField.contextResponseLength(),
            latencyMs: AccessLogField.contextResponseLatency(),
            integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
            integrationStatus: AccessLogField.contextIntegrationStatus(),
            errorType: AccessLogField.contextErrorResponseType(),
            errorMessage: AccessLogField.contextErrorMessage(),
            wafStatus: AccessLogField.contextWafResponseCode(),
            xrayTraceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });

    // Every method of a route goes to its function: the application answers the CORS preflight
    // (204, only for origins in CORS_ORIGINS, the same allow-list) and 405 with `Allow` itself, so the
    // gateway and the local server behave the same.
    const route = (path: string, fn: LotusFunction) => {
      this.api.root.resourceForPath(path).addMethod('ANY', new LambdaIntegration(fn.alias));
    };
    route('/api/scan', this.functions.scan);
    route('/health', this.functions.health);
    route('/ready', this.functions.ready);
    route('/api/ingredients', this.functions.ingredients);
    route('/api/ingredients/{id}', this.functions.ingredients);
    route('/api/openapi.json', this.functions.openapi);
    if (this.debugFunction) route('/api/debug/error', this.debugFunction);
    addJsonGatewayResponses(this.api, { corsOrigins: config.corsOrigins });

    this.monitoring = new ApiMonitoring(this, 'Monitoring', {
      config,
      apiName: restApiName,
      stageName: config.name,
      scanFunction: this.functions.scan,
      functions: Object.values(this.functions),
    });

    if (config.waf.enabled) {
      new ApiFirewall(this, 'Firewall', {
        stage: this.api.deploymentStage,
        requestsPerIpPer5Minutes: config.waf.requestsPerIpPer5Minutes,
        metricPrefix: `lotus-api-${config.name}`,
      });
    } else {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: `No WAF in ${config.name} by configuration (infra/config.ts): a non-production stage with low stage throttling; prod has the web ACL.`,
      });
    }

    if (config.deployment === 'canary')
      this.addCanaryDeployments(config, props.ignoreRollbackAlarms ?? false);

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Requests are validated by the functions (zod schemas, magic-number image checks, size limits) so that every invalid request gets the API contract\u2019s JSON error; gateway validators cannot read multipart or binary bodies.',
      },
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'The API is public by design: anonymous users scan labels and browse the library, no user data is stored. Abuse is limited by stage throttling, per-IP WAF rate limits in prod and the functions\u2019 own limits.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Public API without user accounts (see AwsSolutions-APIG4): there is no Cognito user pool to authorise against.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The account-level role API Gateway needs to write access and execution logs; the AWS managed policy is the documented one and only grants CloudWatch Logs writes.',
      },
    );

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the stage' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
  }

  /** Prod: each function's alias shifts 10% of traffic to a new version for 5 minutes, judged on that version alone. */
  private addCanaryDeployments(config: EnvironmentConfig, ignoreAlarms: boolean): void {
    const application = new LambdaApplication(this, 'Deployments', {
      applicationName: `lotus-api-${config.name}`,
    });
    for (const [name, fn] of Object.entries(this.functions)) {
      new CanaryDeployment(this, `${name}Canary`, {
        application,
        fn,
        label: `Lotus ${config.name}`,
        errorRatePercent: config.alarms.canaryErrorRatePercent,
        // A new version slower than the API's p99 target, or close to its own timeout, is a regression.
        durationP99Ms: Math.min(config.alarms.latencyP99Ms, fn.timeout.toMilliseconds() * 0.8),
        minimumInvocations: config.alarms.canaryMinimumInvocations,
        ignoreAlarms,
      });
    }
  }
}
