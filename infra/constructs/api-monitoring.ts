import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  AlarmStatusWidget,
  ComparisonOperator,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  type IAlarm,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config.ts';
import type { LotusFunction } from './lotus-function.ts';

export interface ApiMonitoringProps {
  readonly config: EnvironmentConfig;
  /**
   * The REST API's name and its stage's name, as literals: API Gateway's metrics are found by them. A
   * reference to the stage instead would make every alarm depend on the stage, and through it on each
   * method and alias, which CodeDeploy's alias update already depends on: a cycle CloudFormation refuses
   * (as cdklabs/cdk-monitoring-constructs does, the names are given, not referenced).
   */
  readonly apiName: string;
  readonly stageName: string;
  /** The scan function: errors, duration against its timeout, concurrency against its reservation. */
  readonly scanFunction: LotusFunction;
  /** Every function of the API (throttles). */
  readonly functions: readonly LotusFunction[];
}

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * The application's own metrics (Powertools Metrics, embedded metric format), written by the scan
 * function: one set per scan. Names and dimensions are the contract with lambdas/src/observability.
 */
export const APP_METRICS = {
  namespace: 'Lotus',
  service: 'lotus-api',
  scans: 'Scans',
  degraded: 'ScansDegraded',
  outcomes: ['ScansOk', 'ScansDegraded', 'ScansNoIngredients', 'ScansRejected', 'ScansFailed'],
  names: 'ScanNames',
  unknownShare: 'ScanUnknownShare',
  ocrMs: 'ScanOcrMs',
  matchMs: 'ScanMatchMs',
  coldStart: 'ColdStart',
} as const;

/**
 * Alarms on what users feel (5XX rate, latency, scans without semantic search) and on what precedes it
 * (scan crashes, throttles, slow scans, concurrency at its ceiling); one composite alarm over all of them
 * is the only one that notifies the encrypted SNS topic, so an incident sends one e-mail (and one when it
 * is over), whatever number of alarms it trips; and a dashboard of the same signals.
 */
export class ApiMonitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: {
    readonly serverErrorRate: Alarm;
    readonly latencyP99: Alarm;
    readonly latencyP90: Alarm;
    readonly scanErrors: Alarm;
    readonly throttles: Alarm;
    readonly scanDuration: Alarm;
    readonly scanConcurrency: Alarm | undefined;
    readonly degradedScans: Alarm;
    readonly apiUnhealthy: CompositeAlarm;
  };

  constructor(scope: Construct, id: string, props: ApiMonitoringProps) {
    super(scope, id);
    const { config, scanFunction } = props;
    const thresholds = config.alarms;

    // CloudWatch publishes to an encrypted topic only if the key lets it encrypt for SNS.
    const key = new Key(this, 'TopicKey', {
      description: `Lotus ${config.name}: encrypts the alarm topic`,
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Lotus API ${config.name} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of thresholds.emails) this.topic.addSubscription(new EmailSubscription(email));

    const stageMetric = (metricName: string, statistic: string, label?: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: props.apiName, Stage: props.stageName },
        period: ONE_MINUTE,
        statistic,
        ...(label ? { label } : {}),
      });
    const appMetric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: APP_METRICS.namespace,
        metricName,
        dimensionsMap: { service: APP_METRICS.service, environment: config.name },
        period: FIVE_MINUTES,
        statistic,
      });
    const requests = stageMetric('Count', 'Sum');
    const serverErrors = stageMetric('5XXError', 'Sum');
    const serverErrorRate = new MathExpression({
      label: '5XX rate (%)',
      // No requests is no error rate, not a missing value: IF keeps the minute at 0.
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      period: ONE_MINUTE,
    });
    const latency = (statistic: 'p50' | 'p90' | 'p99') =>
      stageMetric('Latency', statistic, `latency ${statistic}`);
    const throttles = new MathExpression({
      label: 'throttled invocations',
      expression: props.functions.map((_, index) => `t${index}`).join(' + '),
      usingMetrics: Object.fromEntries(
        props.functions.map((fn, index) => [
          `t${index}`,
          fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        ]),
      ),
      period: FIVE_MINUTES,
    });
    const scanErrors = scanFunction.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const scanDuration = scanFunction.function.metricDuration({ period: ONE_MINUTE, statistic: 'p99' });
    const scanConcurrency: Metric = scanFunction.function.metric('ConcurrentExecutions', {
      period: ONE_MINUTE,
      statistic: 'Maximum',
    });
    const scans = appMetric(APP_METRICS.scans, 'Sum');
    const degradedScanRate = new MathExpression({
      label: 'scans without semantic search (%)',
      // A handful of scans is not a rate: below the minimum the 5 minutes count as healthy.
      expression: `IF(scans >= ${thresholds.minimumScans}, 100 * degraded / scans, 0)`,
      usingMetrics: { degraded: appMetric(APP_METRICS.degraded, 'Sum'), scans },
      period: FIVE_MINUTES,
    });

    const alarm = (
      alarmId: string,
      metric: Metric | MathExpression,
      options: {
        threshold: number;
        description: string;
        evaluationPeriods: number;
        datapointsToAlarm: number;
        comparisonOperator?: ComparisonOperator;
      },
    ) =>
      new Alarm(this, alarmId, {
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods,
        datapointsToAlarm: options.datapointsToAlarm,
        comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
        // A quiet API sends no data points: silence is healthy, not an alarm and not "unknown".
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `Lotus ${config.name}: ${options.description}`,
      });

    const timeoutMs = scanFunction.timeout.toMilliseconds();
    const reservation = scanFunction.reservedConcurrentExecutions;
    const alarms = {
      serverErrorRate: alarm('ServerErrorRate', serverErrorRate, {
        threshold: thresholds.serverErrorRatePercent,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        description: `more than ${thresholds.serverErrorRatePercent}% of requests answered 5XX in 3 of the last 5 minutes.`,
      }),
      latencyP99: alarm('LatencyP99', latency('p99'), {
        threshold: thresholds.latencyP99Ms,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        description: `p99 latency above ${thresholds.latencyP99Ms} ms in 3 of the last 5 minutes.`,
      }),
      latencyP90: alarm('LatencyP90', latency('p90'), {
        threshold: thresholds.latencyP90Ms,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        description: `p90 latency above ${thresholds.latencyP90Ms} ms in 3 of the last 5 minutes.`,
      }),
      scanErrors: alarm('ScanErrors', scanErrors, {
        threshold: thresholds.scanErrors,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description: `the scan function crashed or timed out ${thresholds.scanErrors}+ times in 5 minutes.`,
      }),
      throttles: alarm('Throttles', throttles, {
        threshold: thresholds.throttles,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description: `${thresholds.throttles}+ invocations throttled in 5 minutes (concurrency exhausted).`,
      }),
      scanDuration: alarm('ScanDurationP99', scanDuration, {
        threshold: Math.round(timeoutMs * thresholds.scanDurationOfTimeout),
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        description: `scan duration p99 above ${Math.round(thresholds.scanDurationOfTimeout * 100)}% of its ${timeoutMs} ms timeout in 3 of the last 5 minutes.`,
      }),
      scanConcurrency:
        reservation === undefined
          ? undefined
          : alarm('ScanConcurrency', scanConcurrency, {
              threshold: Math.floor(reservation * thresholds.concurrencyOfReservation),
              comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
              evaluationPeriods: 5,
              datapointsToAlarm: 3,
              description: `scan concurrency at ${Math.round(thresholds.concurrencyOfReservation * 100)}% of its reservation of ${reservation} in 3 of the last 5 minutes.`,
            }),
      degradedScans: alarm('DegradedScanRate', degradedScanRate, {
        threshold: thresholds.degradedScanRatePercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description: `more than ${thresholds.degradedScanRatePercent}% of scans answered without semantic search (embeddings failing or the library on another model) in 2 of the last 3 five-minute periods.`,
      }),
    };
    const members = Object.values(alarms).filter((each): each is Alarm => each !== undefined);
    const apiUnhealthy = new CompositeAlarm(this, 'ApiUnhealthy', {
      alarmRule: AlarmRule.anyOf(...members),
      alarmDescription: `Lotus ${config.name}: one or more alarms of the API are firing; the dashboard lotus-api-${config.name} shows which. Start here.`,
    });
    // The composite alone notifies: an incident that trips five alarms is one e-mail, and one when it ends.
    const notify = new SnsAction(this.topic);
    apiUnhealthy.addAlarmAction(notify);
    apiUnhealthy.addOkAction(notify);
    this.alarms = { ...alarms, apiUnhealthy };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `lotus-api-${config.name}`,
      defaultInterval: Duration.hours(3),
    });
    const allAlarms: IAlarm[] = [apiUnhealthy, ...members];
    const outcomes = APP_METRICS.outcomes.map((name) => appMetric(name, 'Sum'));
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: allAlarms, width: 24, height: 3 }),
      new GraphWidget({
        title: 'Requests and 5XX',
        left: [requests, serverErrors],
        right: [serverErrorRate],
      }),
      new GraphWidget({ title: 'API latency (ms)', left: [latency('p50'), latency('p90'), latency('p99')] }),
      new GraphWidget({
        title: 'Scan function',
        left: [scanDuration],
        right: [scanErrors, scanConcurrency],
      }),
      new GraphWidget({ title: 'Throttles (all functions)', left: [throttles] }),
      new GraphWidget({
        title: 'Scans by outcome',
        left: outcomes,
        right: [degradedScanRate],
        stacked: true,
      }),
      new GraphWidget({
        title: 'Names per scan and share unknown (%)',
        left: [appMetric(APP_METRICS.names, 'Average')],
        right: [appMetric(APP_METRICS.unknownShare, 'Average')],
      }),
      new GraphWidget({
        title: 'Scan stages (ms, p90)',
        left: [appMetric(APP_METRICS.ocrMs, 'p90'), appMetric(APP_METRICS.matchMs, 'p90')],
      }),
      new GraphWidget({
        title: 'Cold starts',
        left: props.functions.map(
          (fn) =>
            new Metric({
              namespace: APP_METRICS.namespace,
              metricName: APP_METRICS.coldStart,
              dimensionsMap: {
                service: APP_METRICS.service,
                environment: config.name,
                function_name: fn.function.functionName,
              },
              period: FIVE_MINUTES,
              statistic: 'Sum',
            }),
        ),
      }),
    );
  }
}
