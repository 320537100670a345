import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The environments `cdk deploy -c env=…` accepts. */
export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Thresholds of the alarms (see the README's alarms table). */
export interface AlarmThresholds {
  /** API 5XX responses as a percentage of requests, per minute; alarms at 3 of 5 minutes above it. */
  readonly serverErrorRatePercent: number;
  /** API Gateway latency percentiles, in milliseconds (the old runbook's thresholds). */
  readonly latencyP99Ms: number;
  readonly latencyP90Ms: number;
  /** Scan function invocation errors (crashes and timeouts: handled errors are 4XX/5XX responses) in 5 minutes. */
  readonly scanErrors: number;
  /** Throttled invocations, all functions together, in 5 minutes. */
  readonly throttles: number;
  /** Scan duration p99 as a fraction of its timeout. */
  readonly scanDurationOfTimeout: number;
  /** Scan concurrency as a fraction of its reserved concurrency. */
  readonly concurrencyOfReservation: number;
  /**
   * Scans answered without semantic search (embeddings failing or the library on another model), as a
   * percentage of scans in 5 minutes; judged only from `minimumScans` scans on.
   */
  readonly degradedScanRatePercent: number;
  readonly minimumScans: number;
  /**
   * A canary's own version (not the stage) is judged on its invocation errors as a percentage of its
   * invocations in the 5-minute canary window, only from `canaryMinimumInvocations` invocations on: one
   * failure out of two requests is not evidence, and a version that gets no traffic is not judged at all.
   */
  readonly canaryErrorRatePercent: number;
  readonly canaryMinimumInvocations: number;
}

/** Everything that differs between environments; the stacks read nothing else. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /**
   * The AWS account (12 digits) the environment's stacks belong to. Both stacks carry it, so the CDK CLI
   * stops a deploy made with credentials for any other account (docs/operations.md, "Accounts").
   */
  readonly account: string;
  readonly region: string;
  /** Powertools log level of every function. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Browser origins allowed to call the API (CORS allow-list, given to the functions and the gateway). */
  readonly corsOrigins: readonly string[];
  /** Stage-wide API Gateway throttling (token bucket). */
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  readonly scanFunction: {
    /**
     * OCR is CPU-bound and Lambda CPU scales with memory: 2 GB is about 1.2 vCPU, 3.5 GB two. With two,
     * the function reads a photo in two bands side by side (OCR_WORKERS=2): about 0.6 s of reading
     * instead of 1 s on this repository's bench, for about the same GB-seconds per photo.
     */
    readonly memoryMiB: number;
    /** Below API Gateway's 29 s integration timeout, so a slow scan answers 503 in JSON, not a gateway 504. */
    readonly timeoutSeconds: number;
    /** Reserved concurrency; `undefined` leaves the function on the unreserved pool (small accounts). */
    readonly reservedConcurrency: number | undefined;
  };
  /** health, ready and the catalog routes. */
  readonly smallFunctions: { readonly memoryMiB: number; readonly timeoutSeconds: number };
  /** Retention of the function logs and the API access logs. */
  readonly logRetention: RetentionDays;
  readonly alarms: AlarmThresholds & {
    /** Who is told when an alarm fires (SNS e-mail subscriptions, confirmed by each recipient). */
    readonly emails: readonly string[];
  };
  /** Web ACL in front of the stage: per-IP rate limit + AWS managed common rule set. */
  readonly waf: { readonly enabled: boolean; readonly requestsPerIpPer5Minutes: number };
  /** `canary`: CodeDeploy shifts 10% for 5 minutes, then all, rolling back on the alarms. */
  readonly deployment: 'canary' | 'all-at-once';
  /** Keep the secret and the log groups when the stacks are deleted. */
  readonly retainData: boolean;
  /**
   * Deploys `GET /api/debug/error` (its own small function, `ENABLE_DEBUG_ROUTE=true`): it fails on
   * purpose, so that a deploy can be checked end to end — a 500 in JSON and an event in Sentry.
   */
  readonly debugRoute: boolean;
}

const ALARMS: AlarmThresholds = {
  serverErrorRatePercent: 1,
  latencyP99Ms: 10_000,
  latencyP90Ms: 5_000,
  scanErrors: 1,
  throttles: 1,
  scanDurationOfTimeout: 0.8,
  concurrencyOfReservation: 0.8,
  degradedScanRatePercent: 10,
  minimumScans: 10,
  canaryErrorRatePercent: 1,
  canaryMinimumInvocations: 10,
};

const SCAN_FUNCTION = { memoryMiB: 3584, timeoutSeconds: 26 } as const;
const SMALL_FUNCTIONS = { memoryMiB: 512, timeoutSeconds: 10 } as const;

/** Where every environment runs. */
const REGION = 'eu-west-1';

// The account ids are placeholders: replace them with the team's own accounts before the first deploy.
export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfig>> = {
  dev: {
    name: 'dev',
    account: '111111111111',
    region: REGION,
    logLevel: 'DEBUG',
    corsOrigins: ['http://localhost:3000', 'http://localhost:5173'],
    throttling: { rateLimit: 10, burstLimit: 20 },
    // New accounts have a concurrency limit of 10 and must keep 10 unreserved: reserve nothing in dev.
    // They may also be held to 3,008 MB per function until AWS raises it: dev stays at 2 GB (one worker).
    scanFunction: { ...SCAN_FUNCTION, memoryMiB: 2048, reservedConcurrency: undefined },
    smallFunctions: SMALL_FUNCTIONS,
    logRetention: RetentionDays.ONE_WEEK,
    alarms: { ...ALARMS, scanErrors: 5, emails: [] },
    waf: { enabled: false, requestsPerIpPer5Minutes: 500 },
    deployment: 'all-at-once',
    retainData: false,
    debugRoute: true,
  },
  staging: {
    name: 'staging',
    account: '222222222222',
    region: REGION,
    logLevel: 'INFO',
    corsOrigins: ['https://staging.lotus-app.example'],
    throttling: { rateLimit: 20, burstLimit: 40 },
    scanFunction: { ...SCAN_FUNCTION, reservedConcurrency: 10 },
    smallFunctions: SMALL_FUNCTIONS,
    logRetention: RetentionDays.ONE_MONTH,
    alarms: { ...ALARMS, scanErrors: 3, emails: ['lotus-staging-alerts@lotus-app.example'] },
    waf: { enabled: false, requestsPerIpPer5Minutes: 500 },
    deployment: 'all-at-once',
    retainData: false,
    debugRoute: false,
  },
  prod: {
    name: 'prod',
    account: '333333333333',
    region: REGION,
    logLevel: 'INFO',
    corsOrigins: ['https://lotus-app.example', 'https://www.lotus-app.example'],
    throttling: { rateLimit: 50, burstLimit: 100 },
    scanFunction: { ...SCAN_FUNCTION, reservedConcurrency: 50 },
    smallFunctions: SMALL_FUNCTIONS,
    logRetention: RetentionDays.THREE_MONTHS,
    alarms: { ...ALARMS, emails: ['lotus-oncall@lotus-app.example'] },
    waf: { enabled: true, requestsPerIpPer5Minutes: 300 },
    deployment: 'canary',
    retainData: true,
    debugRoute: false,
  },
};

/**
 * The configuration of one environment.
 * @throws {Error} naming the accepted environments when `name` is not one of them.
 */
export function environmentConfig(name: unknown): EnvironmentConfig {
  const known = ENVIRONMENT_NAMES.find((candidate) => candidate === name);
  if (!known) {
    throw new Error(
      `Unknown environment ${JSON.stringify(name)}: pass -c env=${ENVIRONMENT_NAMES.join('|')}.`,
    );
  }
  return ENVIRONMENTS[known];
}
