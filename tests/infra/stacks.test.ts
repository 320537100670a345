import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../../infra/config.ts';
import { ocrWorkersFor } from '../../infra/constructs/lotus-function.ts';
import { BINARY_MEDIA_TYPES } from '../../infra/stacks/api-stack.ts';
import { SECRET_LOGICAL_ID } from '../../infra/stacks/secrets-stack.ts';
import { SECRET_KEYS } from '../../lambdas/src/config/secrets.ts';
import { synthEnvironment } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

const RETENTION_DAYS = { dev: 7, staging: 30, prod: 90 } as const;

describe.each(ENVIRONMENT_NAMES)('the %s environment', (name) => {
  const { config, api, secrets } = synthEnvironment(name);
  const functions = () => Object.values(api.findResources('AWS::Lambda::Function')) as Resource[];
  const functionCount = config.debugRoute ? 6 : 5;
  const byDescription = (prefix: string) => {
    const found = functions().find((fn) => String(fn.Properties.Description).startsWith(prefix));
    if (!found) throw new Error(`no function described "${prefix}…"`);
    return found;
  };
  const variables = (fn: Resource) =>
    (fn.Properties.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables ?? {};

  describe('secret stack', () => {
    // Its frozen generator template and who may read it: secret.test.ts.
    it('holds one secret under a pinned logical id, with no value', () => {
      secrets.resourceCountIs('AWS::SecretsManager::Secret', 1);
      const secret = secrets.toJSON().Resources[SECRET_LOGICAL_ID] as Resource;
      expect(secret.Type).toBe('AWS::SecretsManager::Secret');
      expect(secret.Properties.Name).toBe(`lotus/${name}/app`);
      expect(secret.Properties).not.toHaveProperty('SecretString');
    });

    it(`is ${config.retainData ? 'retained' : 'deleted'} with the stack`, () => {
      const secret = secrets.toJSON().Resources[SECRET_LOGICAL_ID] as Resource;
      expect(secret.DeletionPolicy).toBe(config.retainData ? 'Retain' : 'Delete');
    });

    it('outputs the secret name', () => {
      secrets.hasOutput('SecretName', { Value: `lotus/${name}/app` });
    });
  });

  describe('functions', () => {
    it('runs five functions (six with the debug route) on Node.js 22, arm64, with active tracing and their own log group', () => {
      expect(functions()).toHaveLength(functionCount);
      for (const fn of functions()) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        });
      }
    });

    it('gives the scan function its memory, a timeout below API Gateway’s 29 s, and the configured reservation', () => {
      const scan = byDescription('POST /api/scan').Properties;
      expect(scan.MemorySize).toBe(config.scanFunction.memoryMiB);
      expect(scan.Timeout).toBe(config.scanFunction.timeoutSeconds);
      expect(scan.Timeout as number).toBeLessThan(29);
      expect(scan.ReservedConcurrentExecutions).toBe(config.scanFunction.reservedConcurrency);
    });

    it('keeps the other functions small, with a short timeout', () => {
      for (const fn of functions().filter((f) => f !== byDescription('POST /api/scan'))) {
        expect(fn.Properties.MemorySize).toBe(config.smallFunctions.memoryMiB);
        expect(fn.Properties.Timeout).toBe(config.smallFunctions.timeoutSeconds);
      }
    });

    it('sets the application’s environment on every function, and no secret value', () => {
      for (const fn of functions()) {
        expect(variables(fn)).toMatchObject({
          ENVIRONMENT: name,
          LOG_LEVEL: config.logLevel,
          POWERTOOLS_SERVICE_NAME: 'lotus-api',
          CORS_ORIGINS: config.corsOrigins.join(','),
          NODE_OPTIONS: '--enable-source-maps',
        });
        for (const key of SECRET_KEYS) expect(variables(fn)).not.toHaveProperty(key);
      }
    });

    it('turns OCR on, with the shipped worker and language data, in the scan function only', () => {
      expect(variables(byDescription('POST /api/scan'))).toMatchObject({
        OCR: 'tesseract',
        OCR_LANG_PATH: '/var/task/ocr/4.0.0_best_int',
        OCR_WORKER_PATH: '/var/task/ocr/tesseract-worker.cjs',
        // One OCR worker per vCPU the memory buys (app-config.test.ts checks the sizes).
        OCR_WORKERS: String(ocrWorkersFor(config.scanFunction.memoryMiB)),
      });
      for (const prefix of ['GET /health', 'GET /ready', 'GET /api/ingredients', 'GET /api/openapi.json']) {
        expect(variables(byDescription(prefix)).OCR).toBe('off');
        expect(variables(byDescription(prefix))).not.toHaveProperty('OCR_LANG_PATH');
      }
    });

    it(`keeps function and access logs for ${RETENTION_DAYS[name]} days`, () => {
      const logGroups = Object.values(api.findResources('AWS::Logs::LogGroup')) as Resource[];
      expect(logGroups).toHaveLength(functionCount + 1);
      for (const group of logGroups) {
        expect(group.Properties.RetentionInDays).toBe(RETENTION_DAYS[name]);
        expect(group.DeletionPolicy).toBe(config.retainData ? 'Retain' : 'Delete');
      }
    });

    it('publishes every function behind a "live" alias, which API Gateway invokes', () => {
      api.resourceCountIs('AWS::Lambda::Alias', functionCount);
      api.allResourcesProperties('AWS::Lambda::Alias', { Name: 'live' });
      const aliases = Object.keys(api.findResources('AWS::Lambda::Alias'));
      const methods = Object.values(api.findResources('AWS::ApiGateway::Method')) as Resource[];
      const invoked = methods.map((method) => {
        const uri = (method.Properties.Integration as { Uri: { 'Fn::Join': [string, unknown[]] } }).Uri;
        return uri['Fn::Join'][1].flatMap((part) => {
          const ref = (part as { Ref?: string }).Ref;
          return ref && aliases.includes(ref) ? [ref] : [];
        });
      });
      // Every method invokes exactly one alias, and every alias is invoked.
      expect(invoked.every((refs) => refs.length === 1)).toBe(true);
      expect(new Set(invoked.flat())).toEqual(new Set(aliases));
    });
  });

  describe('debug route', () => {
    it(
      config.debugRoute
        ? 'deploys GET /api/debug/error with its own function, ENABLE_DEBUG_ROUTE=true, and no OCR'
        : 'has no debug route and no function with ENABLE_DEBUG_ROUTE',
      () => {
        const enabled = functions().filter((fn) => variables(fn).ENABLE_DEBUG_ROUTE === 'true');
        expect(enabled).toHaveLength(config.debugRoute ? 1 : 0);
        if (config.debugRoute) {
          expect(variables(byDescription('GET /api/debug/error'))).toMatchObject({ OCR: 'off' });
        }
      },
    );
  });

  describe('REST API', () => {
    it('routes every method of the contract’s paths to Lambda proxy integrations', () => {
      const paths = Object.values(api.findResources('AWS::ApiGateway::Resource')).map(
        (resource) => (resource as Resource).Properties.PathPart,
      );
      const debugPaths = config.debugRoute ? ['debug', 'error'] : [];
      expect(paths.sort()).toEqual(
        ['api', 'scan', 'health', 'ready', 'ingredients', '{id}', 'openapi.json', ...debugPaths].sort(),
      );
      api.resourceCountIs('AWS::ApiGateway::Method', config.debugRoute ? 7 : 6);
      api.allResourcesProperties('AWS::ApiGateway::Method', {
        HttpMethod: 'ANY',
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      });
    });

    it('passes photos and multipart bodies as binary', () => {
      api.hasResourceProperties('AWS::ApiGateway::RestApi', {
        Name: `lotus-api-${name}`,
        BinaryMediaTypes: [...BINARY_MEDIA_TYPES],
      });
    });

    it('throttles the stage, traces it with X-Ray and writes JSON access logs', () => {
      api.hasResourceProperties('AWS::ApiGateway::Stage', {
        StageName: name,
        TracingEnabled: true,
        MethodSettings: [
          Match.objectLike({
            HttpMethod: '*',
            ResourcePath: '/*',
            ThrottlingRateLimit: config.throttling.rateLimit,
            ThrottlingBurstLimit: config.throttling.burstLimit,
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
          }),
        ],
        AccessLogSetting: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] },
        },
      });
      const stage = Object.values(api.findResources('AWS::ApiGateway::Stage'))[0] as Resource;
      const format = JSON.parse((stage.Properties.AccessLogSetting as { Format: string }).Format);
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        ip: '$context.identity.sourceIp',
        xrayTraceId: '$context.xrayTraceId',
      });
    });

    it('answers gateway-made errors in the JSON error envelope (unknown route → 404)', () => {
      api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
        StatusCode: '404',
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"not_found"') },
      });
      api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'THROTTLED',
        StatusCode: '429',
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"rate_limited"') },
      });
    });

    it('outputs the API URL, the alarm topic and the dashboard name', () => {
      expect(Object.keys(api.findOutputs('*'))).toEqual(
        expect.arrayContaining(['AlarmTopicArn', 'ApiUrl', 'DashboardName']),
      );
      api.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
      api.hasOutput('DashboardName', { Value: { Ref: Match.stringLikeRegexp('Dashboard') } });
    });
  });

  describe('alarms', () => {
    const alarms = () => api.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
    const alarm = (idPrefix: string) => {
      const entry = Object.entries(alarms()).find(([id]) => id.startsWith(`Monitoring${idPrefix}`));
      if (!entry) throw new Error(`no alarm ${idPrefix}`);
      return entry[1].Properties;
    };
    const topic = { Ref: expect.stringMatching(/^MonitoringAlarmTopic/) };

    it('alarms on the 5XX rate with metric math: above 1% for 3 of 5 minutes', () => {
      expect(alarm('ServerErrorRate')).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
      });
      const metrics = alarm('ServerErrorRate').Metrics as Record<string, unknown>[];
      expect(metrics.find((m) => m.ReturnData === true)?.Expression).toBe(
        'IF(requests > 0, 100 * errors / requests, 0)',
      );
      const stat = metrics
        .map((m) => (m.MetricStat as { Metric?: Record<string, unknown> } | undefined)?.Metric)
        .filter((m) => m !== undefined);
      expect(stat.map((m) => m.MetricName)).toEqual(expect.arrayContaining(['5XXError', 'Count']));
      // By name, not by reference: a Ref to the stage closes a cycle through CodeDeploy (see deployability).
      for (const m of stat) {
        expect(m.Dimensions).toEqual([
          { Name: 'ApiName', Value: `lotus-api-${name}` },
          { Name: 'Stage', Value: name },
        ]);
      }
    });

    it('alarms when more than 10% of at least 10 scans in 5 minutes go without semantic search', () => {
      const degraded = alarm('DegradedScanRate');
      expect(degraded).toMatchObject({
        Threshold: config.alarms.degradedScanRatePercent,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        TreatMissingData: 'notBreaching',
      });
      const metrics = degraded.Metrics as {
        Expression?: string;
        MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown } };
      }[];
      expect(metrics.find((m) => m.Expression)?.Expression).toBe(
        `IF(scans >= ${config.alarms.minimumScans}, 100 * degraded / scans, 0)`,
      );
      for (const m of metrics.filter((each) => each.MetricStat)) {
        expect(m.MetricStat?.Metric).toMatchObject({
          Namespace: 'Lotus',
          Dimensions: [
            { Name: 'environment', Value: name },
            { Name: 'service', Value: 'lotus-api' },
          ],
        });
      }
      expect(
        metrics
          .map((m) => m.MetricStat?.Metric.MetricName)
          .filter(Boolean)
          .sort(),
      ).toEqual(['Scans', 'ScansDegraded']);
    });

    it.each([
      ['LatencyP99', 'p99', 10_000],
      ['LatencyP90', 'p90', 5_000],
    ])('alarms on API %s (%s) above %s ms for 3 of 5 minutes', (id, statistic, threshold) => {
      const [metric] = alarm(id).Metrics as {
        MetricStat: { Metric: Record<string, unknown>; Stat: string };
      }[];
      expect(metric?.MetricStat).toMatchObject({
        Metric: { MetricName: 'Latency', Namespace: 'AWS/ApiGateway' },
        Stat: statistic,
        Period: 60,
      });
      expect(alarm(id)).toMatchObject({
        Threshold: threshold,
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
      });
    });

    it('alarms on scan function errors, throttles and a p99 duration above 80% of the timeout', () => {
      expect(alarm('ScanErrors')).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 300,
        Threshold: config.alarms.scanErrors,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      const throttles = alarm('Throttles');
      expect(throttles).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
      const throttleMetrics = (throttles.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean);
      expect(throttleMetrics).toEqual(Array(5).fill('Throttles'));
      expect(alarm('ScanDurationP99')).toMatchObject({
        MetricName: 'Duration',
        ExtendedStatistic: 'p99',
        Threshold: config.scanFunction.timeoutSeconds * 1000 * 0.8,
        TreatMissingData: 'notBreaching',
      });
    });

    const reservation = config.scanFunction.reservedConcurrency;
    it(
      reservation === undefined
        ? 'has no concurrency alarm without a reservation'
        : `alarms when scan concurrency reaches 80% of its reservation of ${reservation}`,
      () => {
        const ids = Object.keys(alarms()).filter((id) => id.startsWith('MonitoringScanConcurrency'));
        if (reservation === undefined) {
          expect(ids).toEqual([]);
          return;
        }
        expect(alarm('ScanConcurrency')).toMatchObject({
          MetricName: 'ConcurrentExecutions',
          Statistic: 'Maximum',
          Threshold: Math.floor(reservation * 0.8),
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      },
    );

    it('sends one e-mail per incident: only the composite alarm, and its recovery, notify the topic', () => {
      const all = Object.entries(alarms());
      expect(all.length).toBeGreaterThanOrEqual(reservation === undefined ? 7 : 8);
      for (const [, each] of all) {
        expect(each.Properties.AlarmActions).toBeUndefined();
        expect(each.Properties.OKActions).toBeUndefined();
      }
      const composites = Object.values(api.findResources('AWS::CloudWatch::CompositeAlarm')) as Resource[];
      expect(composites).toHaveLength(1);
      expect(composites[0]?.Properties.AlarmActions).toEqual([topic]);
      expect(composites[0]?.Properties.OKActions).toEqual([topic]);
    });

    it('makes the composite alarm fire on any of the monitoring alarms', () => {
      const composite = Object.values(api.findResources('AWS::CloudWatch::CompositeAlarm'))[0] as Resource;
      const rule = JSON.stringify(composite.Properties.AlarmRule);
      const members = Object.keys(alarms()).filter((id) => id.startsWith('Monitoring'));
      expect(members.length).toBeGreaterThanOrEqual(7);
      for (const id of members) expect(rule).toContain(id);
      expect(rule.match(/ OR /g)).toHaveLength(members.length - 1);
    });

    it('encrypts the topic with a rotated key that CloudWatch may use, and subscribes the configured e-mails', () => {
      api.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitoringTopicKey'), 'Arn'] },
      });
      api.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
      const subscriptions = Object.values(api.findResources('AWS::SNS::Subscription')) as Resource[];
      expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual(
        config.alarms.emails.map((email) => ['email', email]),
      );
    });

    it('draws the same signals on a dashboard named after the environment', () => {
      api.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `lotus-api-${name}` });
      const body = JSON.stringify(
        (Object.values(api.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties
          ?.DashboardBody,
      );
      for (const metric of [
        '5XXError',
        'Latency',
        'Duration',
        'Throttles',
        'ConcurrentExecutions',
        'ScansOk',
        'ScansDegraded',
        'ScansNoIngredients',
        'ScansRejected',
        'ScansFailed',
        'ScanNames',
        'ScanUnknownShare',
        'ScanOcrMs',
        'ScanMatchMs',
        'ColdStart',
      ]) {
        expect(body).toContain(metric);
      }
    });
  });

  describe('protection and deployment', () => {
    it(config.waf.enabled ? 'puts a WAF web ACL on the stage' : 'has no WAF (not configured)', () => {
      api.resourceCountIs('AWS::WAFv2::WebACL', config.waf.enabled ? 1 : 0);
      api.resourceCountIs('AWS::WAFv2::WebACLAssociation', config.waf.enabled ? 1 : 0);
      if (!config.waf.enabled) return;
      api.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        Rules: [
          Match.objectLike({
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { AggregateKeyType: 'IP', Limit: config.waf.requestsPerIpPer5Minutes },
            },
          }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: Match.objectLike({
                VendorName: 'AWS',
                Name: 'AWSManagedRulesCommonRuleSet',
              }),
            },
          }),
        ],
      });
      api.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      });
    });

    const canary = config.deployment === 'canary';
    it(
      canary
        ? 'shifts each alias by CodeDeploy canary (10% for 5 minutes), rolling back on alarms about the new version alone'
        : 'deploys all at once (no CodeDeploy)',
      () => {
        const groups = Object.values(api.findResources('AWS::CodeDeploy::DeploymentGroup')) as Resource[];
        expect(groups).toHaveLength(canary ? 5 : 0);
        const all = api.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
        // 500 answers of each function, per executed version, from its access log lines; 503s are not counted.
        const filters = Object.values(api.findResources('AWS::Logs::MetricFilter')) as Resource[];
        expect(filters).toHaveLength(canary ? 5 : 0);
        for (const filter of filters) {
          expect(filter.Properties).toMatchObject({
            FilterPattern: '{ ($.message = "request") && ($.status = 500) }',
            MetricTransformations: [
              {
                MetricNamespace: 'Lotus',
                MetricName: 'InternalErrors',
                MetricValue: '1',
                Dimensions: expect.arrayContaining([
                  { Key: 'function_name', Value: '$.function_name' },
                  { Key: 'function_version', Value: '$.function_version' },
                ]),
              },
            ],
          });
        }
        for (const group of groups) {
          expect(group.Properties).toMatchObject({
            DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
            AutoRollbackConfiguration: {
              Enabled: true,
              Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
            },
            AlarmConfiguration: { Enabled: true },
          });
          const names = (group.Properties.AlarmConfiguration as { Alarms: { Name: { Ref: string } }[] })
            .Alarms;
          expect(names).toHaveLength(3);
          for (const { Name } of names) {
            const watched = all[Name.Ref]?.Properties as { Metrics: Record<string, unknown>[] };
            const expression = watched.Metrics.find((m) => m.ReturnData !== false)?.Expression;
            expect(expression).toMatch(
              new RegExp(`^IF\\(invocations >= ${config.alarms.canaryMinimumInvocations}, `),
            );
            for (const m of watched.Metrics.filter((each) => each.MetricStat)) {
              const metric = (m.MetricStat as { Metric: { Namespace: string; Dimensions: unknown[] } })
                .Metric;
              // The version being deployed, not the alias as a whole nor the stage.
              const version = { 'Fn::GetAtt': [expect.stringMatching(/CurrentVersion/), 'Version'] };
              if (metric.Namespace === 'AWS/Lambda') {
                expect(metric.Dimensions).toContainEqual({ Name: 'ExecutedVersion', Value: version });
              } else {
                expect(metric).toMatchObject({ Namespace: 'Lotus', MetricName: 'InternalErrors' });
                expect(metric.Dimensions).toContainEqual({ Name: 'function_version', Value: version });
              }
            }
          }
        }
      },
    );
  });

  it('contains no secret-looking literal in either template', () => {
    const text = JSON.stringify([api.toJSON(), secrets.toJSON()]);
    expect(text).not.toMatch(/sk-[A-Za-z0-9_-]{20,}/); // OpenAI keys
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // JWTs (Supabase keys)
    expect(text).not.toMatch(/https:\/\/[a-z0-9]+\.supabase\.co/);
    expect(text).not.toMatch(/https:\/\/[0-9a-f]+@[^"]*sentry/);
    expect(text).not.toMatch(/"SecretString"/);
  });
});
