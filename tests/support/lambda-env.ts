/**
 * The environment of a bundled handler run with `node` as Lambda runs it: only what the function
 * configuration gives it (nothing from the parent process leaks in), plus `AWS_LAMBDA_FUNCTION_NAME`, which
 * the Lambda runtime sets and which makes the handlers start their dependencies at init. Metrics are off
 * (Powertools' own switch): the runners answer on stdout, where Lambda's metrics would go.
 */
export function bundledFunctionEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_LAMBDA_FUNCTION_NAME: 'lotus-dev-bundle',
    ENVIRONMENT: 'dev',
    LOG_LEVEL: 'WARN',
    POWERTOOLS_SERVICE_NAME: 'lotus-api',
    POWERTOOLS_METRICS_DISABLED: 'true',
    CORS_ORIGINS: 'http://localhost:5173',
    ...env,
  };
}
