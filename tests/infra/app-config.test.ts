import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, ENVIRONMENTS, environmentConfig } from '../../infra/config.ts';
import { mergeEnvironment, ocrWorkersFor } from '../../infra/constructs/lotus-function.ts';
import { repoRoot } from '../../infra/paths.ts';

describe('environment configuration', () => {
  it('refuses an unknown environment with a message naming the accepted ones', () => {
    expect(() => environmentConfig('production')).toThrow(
      /Unknown environment "production".*dev\|staging\|prod/,
    );
    expect(() => environmentConfig(undefined)).toThrow(/-c env=dev\|staging\|prod/);
  });

  it('stops the CDK app itself, before synthesising anything, on an unknown env', () => {
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'infra/bin/app.ts'], {
        cwd: repoRoot,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ env: 'qa' }), CDK_OUTDIR: '/nonexistent' },
        stdio: 'pipe',
      });
    expect(run).toThrow(/Unknown environment "qa": pass -c env=dev\|staging\|prod/);
  });

  it.each(ENVIRONMENT_NAMES)('keeps %s within the limits the stacks rely on', (name) => {
    const config = ENVIRONMENTS[name];
    expect(config.name).toBe(name);
    expect(config.scanFunction.timeoutSeconds).toBeLessThan(29);
    expect(config.throttling.burstLimit).toBeGreaterThanOrEqual(config.throttling.rateLimit);
    for (const origin of config.corsOrigins) expect(() => new URL(origin)).not.toThrow();
  });

  it('gives the scan function two OCR workers where its memory buys two vCPUs (staging, prod), one in dev', () => {
    expect(ENVIRONMENT_NAMES.map((name) => ocrWorkersFor(ENVIRONMENTS[name].scanFunction.memoryMiB))).toEqual(
      [1, 2, 2],
    );
    expect([512, 2048, 2654, 3008, 3584, 10_240].map(ocrWorkersFor)).toEqual([1, 1, 2, 2, 2, 2]);
  });

  it('turns on WAF, canary deployments and retention in prod only', () => {
    expect(ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].waf.enabled)).toEqual(['prod']);
    expect(ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].deployment === 'canary')).toEqual(['prod']);
    expect(ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].retainData)).toEqual(['prod']);
  });

  it('runs the app with tsx, without notices or telemetry', () => {
    const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8'));
    expect(cdkJson).toMatchObject({
      app: 'node --import tsx infra/bin/app.ts',
      notices: false,
      context: { 'cli-telemetry': false },
    });
  });
});

describe('mergeEnvironment', () => {
  it('merges variables and accepts the same value twice', () => {
    expect(mergeEnvironment({ A: '1', B: '2' }, { B: '2', C: '3' })).toEqual({ A: '1', B: '2', C: '3' });
  });

  it('refuses to overwrite a variable with another value', () => {
    expect(() =>
      mergeEnvironment({ POWERTOOLS_SERVICE_NAME: 'lotus-api' }, { POWERTOOLS_SERVICE_NAME: 'x' }),
    ).toThrow(/POWERTOOLS_SERVICE_NAME is set twice/);
  });
});
