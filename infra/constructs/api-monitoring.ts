import { Duration } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
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
  type Metric,
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
  /** The API stage whose requests, errors and latency are watched. */
  readonly stage: Stage;
  /** The scan function: errors, duration against its timeout, concurrency against its reservation. */
  readonly scanFunction: LotusFunction;
  /** Every function of the API (throttles). */
  readonly functions: readonly LotusFunction[];
}

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms on what users feel (5XX rate, latency) and on what precedes it (scan crashes, throttles, slow
 * scans, concurrency at its ceiling), sent to an encrypted SNS topic with e-mail subscribers; a composite
 * "API unhealthy" alarm; and a dashboard of the same signals.
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
    readonly apiUnhealthy: CompositeAlarm;
  };
  /** The alarms a traffic-shifting deployment rolls back on: each says "the new code hurts users". */
  readonly rollbackAlarms: readonly IAlarm[];

  constructor(scope: Construct, id: string, props: ApiMonitoringProps) {
    super(scope, id);
    const { config, stage, scanFunction } = props;
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
    const notify = new SnsAction(this.topic);
    const withActions = <T extends Alarm | CompositeAlarm>(alarm: T): T => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    const requests = stage.metricCount({ period: ONE_MINUTE, statistic: 'Sum' });
    const serverErrors = stage.metricServerError({ period: ONE_MINUTE, statistic: 'Sum' });
    const serverErrorRate = new MathExpression({
      label: '5XX rate (%)',
      // No requests is no error rate, not a missing value: IF keeps the minute at 0.
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      period: ONE_MINUTE,
    });
    const latency = (statistic: 'p50' | 'p90' | 'p99') =>
      stage.metricLatency({ period: ONE_MINUTE, statistic, label: `latency ${statistic}` });
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
      withActions(
        new Alarm(this, alarmId, {
          metric,
          threshold: options.threshold,
          evaluationPeriods: options.evaluationPeriods,
          datapointsToAlarm: options.datapointsToAlarm,
          comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
          // A quiet API sends no data points: silence is healthy, not an alarm and not "unknown".
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `Lotus ${config.name}: ${options.description}`,
        }),
      );

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
    };
    const apiUnhealthy = withActions(
      new CompositeAlarm(this, 'ApiUnhealthy', {
        alarmRule: AlarmRule.anyOf(alarms.serverErrorRate, alarms.latencyP99, alarms.scanErrors),
        alarmDescription: `Lotus ${config.name}: users are affected (5XX rate, p99 latency or scan crashes). Start here.`,
      }),
    );
    this.alarms = { ...alarms, apiUnhealthy };
    this.rollbackAlarms = [alarms.serverErrorRate, alarms.latencyP99, alarms.scanErrors];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `lotus-api-${config.name}`,
      defaultInterval: Duration.hours(3),
    });
    const allAlarms = [apiUnhealthy, ...Object.values(alarms).filter((a) => a !== undefined)];
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
    );
  }
}
