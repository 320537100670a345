import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarm,
  MathExpression,
  Metric,
  TreatMissingData,
  Unit,
} from 'aws-cdk-lib/aws-cloudwatch';
import {
  type ILambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
} from 'aws-cdk-lib/aws-codedeploy';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LotusFunction } from './lotus-function.ts';

/** The canary's window: CodeDeploy's 10% step lasts five minutes, so each alarm judges one such window. */
const CANARY_WINDOW = Duration.minutes(5);

/** Counted from the functions' access log lines (`apiHandler`), per function and executed version. */
export const INTERNAL_ERRORS_METRIC = { namespace: 'Lotus', metricName: 'InternalErrors' } as const;

export interface CanaryDeploymentProps {
  readonly application: ILambdaApplication;
  /** The function whose `live` alias CodeDeploy shifts from the running version to the new one. */
  readonly fn: LotusFunction;
  /** Prefix of the alarm descriptions, e.g. `Lotus prod`. */
  readonly label: string;
  /**
   * Invocation errors (crashes, timeouts) and 500 answers of the new version, each as a percentage of
   * its invocations.
   */
  readonly errorRatePercent: number;
  /** p99 duration of the new version, in milliseconds. */
  readonly durationP99Ms: number;
  /** Invocations of the new version below which neither alarm judges. */
  readonly minimumInvocations: number;
  /**
   * Deploy without looking at the alarms (`-c ignoreRollbackAlarms=true`): for a hotfix while an alarm
   * is firing for a reason the new code cannot fix.
   * @default false
   */
  readonly ignoreAlarms?: boolean;
}

/**
 * A CodeDeploy canary for one function (10% of its alias's traffic for five minutes, then all) that
 * rolls back on alarms about the new version alone: Lambda publishes an alias's metrics per executed
 * version, so the canary's 10% is judged on its own rather than diluted in the whole stage's traffic by
 * the 90% the old version still serves. An alarm names the version it watches; CloudFormation updates it
 * to the new version before it shifts the alias (the alias's update waits on the deployment group, which
 * waits on the alarms). Nothing here refers to the API stage, whose deployment depends on the alias.
 */
export class CanaryDeployment extends Construct {
  readonly group: LambdaDeploymentGroup;
  readonly alarms: {
    readonly errorRate: Alarm;
    readonly internalErrorRate: Alarm;
    readonly durationP99: Alarm;
  };

  constructor(scope: Construct, id: string, props: CanaryDeploymentProps) {
    super(scope, id);
    const { fn, minimumInvocations } = props;
    const newVersion = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: {
          FunctionName: fn.function.functionName,
          Resource: `${fn.function.functionName}:${fn.alias.aliasName}`,
          ExecutedVersion: fn.function.currentVersion.version,
        },
        period: CANARY_WINDOW,
        statistic,
      });
    const invocations = newVersion('Invocations', 'Sum');
    // A bug that throws is answered 500 `internal_error` in JSON, so Lambda counts no error: the access
    // line each answer logs (with the executed version) is counted instead. 503s are left out on purpose:
    // a dependency that is down fails every version alike and must not block a deployment.
    fn.logGroup.addMetricFilter('InternalErrors', {
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', 'request'),
        FilterPattern.numberValue('$.status', '=', 500),
      ),
      metricNamespace: INTERNAL_ERRORS_METRIC.namespace,
      metricName: INTERNAL_ERRORS_METRIC.metricName,
      metricValue: '1',
      dimensions: { function_name: '$.function_name', function_version: '$.function_version' },
      unit: Unit.COUNT,
    });
    const internalErrors = new Metric({
      ...INTERNAL_ERRORS_METRIC,
      dimensionsMap: {
        function_name: fn.function.functionName,
        function_version: fn.function.currentVersion.version,
      },
      period: CANARY_WINDOW,
      statistic: 'Sum',
    });
    const judged = (expression: string, label: string, usingMetrics: Record<string, Metric>) =>
      new MathExpression({
        label,
        expression: `IF(invocations >= ${minimumInvocations}, ${expression}, 0)`,
        usingMetrics: { invocations, ...usingMetrics },
        period: CANARY_WINDOW,
      });
    const alarm = (alarmId: string, metric: MathExpression, threshold: number, description: string) =>
      new Alarm(this, alarmId, {
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${props.label}: ${description} (judged from ${minimumInvocations} invocations of the new version on; rolls the deployment back).`,
      });

    this.alarms = {
      errorRate: alarm(
        'NewVersionErrorRate',
        judged('100 * errors / invocations', 'new version: errors (%)', {
          errors: newVersion('Errors', 'Sum'),
        }),
        props.errorRatePercent,
        `the new version of ${fn.node.id} fails more than ${props.errorRatePercent}% of its invocations`,
      ),
      internalErrorRate: alarm(
        'NewVersionInternalErrorRate',
        judged('100 * internal / invocations', 'new version: 500 answers (%)', { internal: internalErrors }),
        props.errorRatePercent,
        `the new version of ${fn.node.id} answers 500 to more than ${props.errorRatePercent}% of its invocations`,
      ),
      durationP99: alarm(
        'NewVersionDurationP99',
        judged('duration', 'new version: duration p99 (ms)', { duration: newVersion('Duration', 'p99') }),
        props.durationP99Ms,
        `the new version of ${fn.node.id} takes more than ${props.durationP99Ms} ms at p99`,
      ),
    };

    this.group = new LambdaDeploymentGroup(this, 'Group', {
      application: props.application,
      alias: fn.alias,
      deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: Object.values(this.alarms) as IAlarm[],
      ignoreAlarmConfiguration: props.ignoreAlarms ?? false,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(this.group).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        'The AWS managed service-role policy for CodeDeploy Lambda deployments: it may only update aliases and read alarms, which is exactly what a canary needs.',
    });
  }
}
