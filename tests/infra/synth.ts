import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type EnvironmentConfig, environmentConfig } from '../../infra/config.ts';
import type { NativeTarget } from '../../infra/constructs/lotus-function.ts';
import { addLotusStacks, type LotusStacks } from '../../infra/lotus-app.ts';

/** Context every test app gets: the same feature flag as cdk.json. */
export const APP_CONTEXT = { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } as const;

export interface SynthesisedEnvironment {
  readonly config: EnvironmentConfig;
  readonly app: App;
  readonly stacks: LotusStacks;
  readonly secrets: Template;
  readonly api: Template;
}

const cache = new Map<string, SynthesisedEnvironment>();

/**
 * Synthesises one environment exactly as `infra/bin/app.ts` does, with bundling skipped (no esbuild),
 * once per test file and environment.
 */
export function synthEnvironment(name: string): SynthesisedEnvironment {
  const cached = cache.get(name);
  if (cached) return cached;
  const config = environmentConfig(name);
  const app = new App({ context: { ...APP_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stacks = addLotusStacks(app, config);
  const assembly = app.synth();
  const synthesised = {
    config,
    app,
    stacks,
    secrets: Template.fromJSON(assembly.getStackByName(stacks.secrets.stackName).template),
    api: Template.fromJSON(assembly.getStackByName(stacks.api.stackName).template),
  };
  cache.set(name, synthesised);
  return synthesised;
}

/** Synthesises the API stack of `name` with real local bundling into `outdir`. */
export function synthWithBundling(name: string, outdir: string, nativeTarget: NativeTarget) {
  const app = new App({
    outdir,
    context: {
      ...APP_CONTEXT,
      'aws:cdk:bundling-stacks': [`Lotus-${name}-Api`],
      'aws:cdk:enable-asset-metadata': true,
    },
  });
  const stacks = addLotusStacks(app, environmentConfig(name), { nativeTarget });
  const assembly = app.synth();
  return { stacks, template: Template.fromJSON(assembly.getStackByName(stacks.api.stackName).template) };
}
