import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alias, Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { repoRoot } from '../paths.ts';

/** Where the scan function's OCR files sit inside the asset (the function's code root). */
export const OCR_ASSET_PATHS = {
  /** The tesseract.js worker, bundled as CommonJS; started with `worker_threads`. */
  worker: 'ocr/tesseract-worker.cjs',
  /** Folder with `eng.traineddata.gz` (LSTM-only `4.0.0_best_int` from `@tesseract.js-data/eng`). */
  lang: 'ocr/4.0.0_best_int',
  /** The wasm core, where the worker's `require('tesseract.js-core/…')` finds it. */
  core: 'node_modules/tesseract.js-core',
} as const;

/** Lambda unpacks the asset here. */
const LAMBDA_TASK_ROOT = '/var/task';

/** Lambda gives a function one vCPU of time per 1,769 MB of memory. */
const MB_PER_VCPU = 1769;

/**
 * OCR workers for a function of this memory size: one per vCPU it is given, at most two (a photo is read
 * in as many bands). A worker on a fraction of a core would only slow the one beside it.
 */
export function ocrWorkersFor(memoryMiB: number): number {
  return Math.max(1, Math.min(2, Math.round(memoryMiB / MB_PER_VCPU)));
}

/**
 * Core builds shipped: the ones tesseract.js 7's Node worker actually loads. It passes `lstmOnly` (a
 * boolean) where `getCore` expects an OEM, so it always picks the full (not `-lstm`) build:
 * `relaxedsimd` on Node 22 (Graviton has relaxed SIMD), `simd` as its fallback. Each `.js` reads its
 * `.wasm` from its own folder (`__dirname`). The bundle test fails if a tesseract.js upgrade changes this.
 */
const TESSERACT_CORE_FILES = [
  'package.json',
  'LICENSE',
  'tesseract-core-relaxedsimd.js',
  'tesseract-core-relaxedsimd.wasm',
  'tesseract-core-simd.js',
  'tesseract-core-simd.wasm',
] as const;

/**
 * ESM output runs CommonJS dependencies that call `require` (and read `__dirname`, see `define`). The
 * `require` is built from an aliased import because a bundled module (Sentry's) imports `createRequire`
 * under its own name, and two top-level bindings of one name break the module.
 */
const ESM_BANNER =
  "import { createRequire as __lotusCreateRequire } from 'node:module'; const require = __lotusCreateRequire(import.meta.url);";

/** Environment variables a function's code reads; values are strings, as Lambda stores them. */
export type FunctionEnvironment = Readonly<Record<string, string>>;

/**
 * Merges environment variables, refusing to overwrite: a key given twice with different values is a
 * wiring mistake (e.g. a caller replacing `POWERTOOLS_SERVICE_NAME`), not a preference.
 * @throws {Error} naming the conflicting key.
 */
export function mergeEnvironment(...parts: readonly FunctionEnvironment[]): FunctionEnvironment {
  const merged: Record<string, string> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = merged[key];
      if (existing !== undefined && existing !== value) {
        throw new Error(`Environment variable ${key} is set twice with different values.`);
      }
      merged[key] = value;
    }
  }
  return merged;
}

/** The platform native packages (sharp) are installed for. */
export interface NativeTarget {
  readonly os: 'linux';
  readonly cpu: 'arm64' | 'x64';
}

export interface LotusFunctionProps {
  /** Handler file relative to the repository root, exporting `handler`, e.g. `lambdas/src/handlers/scan.ts`. */
  readonly entry: string;
  /** What the function serves (shown in the console). */
  readonly description: string;
  /** Variables for the application; merged with the construct's own, never overwriting them. */
  readonly environment: FunctionEnvironment;
  /**
   * Memory in MiB (CPU scales with it).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Retention of the function's log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Reserved concurrency.
   * @default - none: the function uses the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Ship the OCR stack (sharp, tesseract.js, its worker, wasm core and English data) and set
   * `OCR=tesseract`, `OCR_LANG_PATH`, `OCR_WORKER_PATH` and `OCR_WORKERS` (from the memory size, see
   * {@link ocrWorkersFor}); otherwise the stack is left out and `OCR=off`.
   * @default false
   */
  readonly ocr?: boolean;
  /**
   * Platform sharp is installed for. Only tests that run the bundle on the build machine change it.
   * @default { os: 'linux', cpu: 'arm64' } (the function's architecture)
   */
  readonly nativeTarget?: NativeTarget;
}

/**
 * The project's Lambda function: Node.js 22 on arm64, ESM bundled locally by esbuild (minified, source
 * maps, no Docker), active tracing, its own log group with retention, the Powertools service name, and a
 * `live` alias that API Gateway (and CodeDeploy, where traffic is shifted) points at.
 */
export class LotusFunction extends Construct {
  readonly function: NodejsFunction;
  /** The `live` alias of the latest version: integrate with this, not with `$LATEST`. */
  readonly alias: Alias;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;
  readonly reservedConcurrentExecutions: number | undefined;

  constructor(scope: Construct, id: string, props: LotusFunctionProps) {
    super(scope, id);
    const ocr = props.ocr ?? false;
    const memorySize = props.memorySize ?? 512;
    this.timeout = props.timeout ?? Duration.seconds(10);
    this.reservedConcurrentExecutions = props.reservedConcurrentExecutions;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    const ownEnvironment: FunctionEnvironment = {
      POWERTOOLS_SERVICE_NAME: 'lotus-api',
      NODE_OPTIONS: '--enable-source-maps',
      ...(ocr
        ? {
            OCR: 'tesseract',
            OCR_LANG_PATH: path.posix.join(LAMBDA_TASK_ROOT, OCR_ASSET_PATHS.lang),
            OCR_WORKER_PATH: path.posix.join(LAMBDA_TASK_ROOT, OCR_ASSET_PATHS.worker),
            OCR_WORKERS: String(ocrWorkersFor(memorySize)),
          }
        : { OCR: 'off' }),
    };

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize,
      timeout: this.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      environment: { ...mergeEnvironment(ownEnvironment, props.environment) },
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // The map points at files in the repository; their text would only double the asset size.
        sourcesContent: false,
        banner: ESM_BANNER,
        // CommonJS dependencies bundled into ESM (tesseract.js) read these at load time.
        define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
        // The AWS SDK is bundled too (not taken from the runtime): the version we test is the one we run.
        // node-fetch is tesseract.js's fallback where there is no global `fetch`; Node 22 has one, so it is
        // never loaded: leaving it out saves 300 KB of bundle to compile (its URL tables) on every cold start.
        externalModules: ocr ? ['sharp', 'node-fetch'] : [],
        // The stubbed packages (tsconfig paths) have no exports by design: their imports are never used.
        esbuildArgs: { '--log-override:import-is-undefined': 'silent' },
        tsconfig: path.join(
          repoRoot,
          'infra/bundling',
          ocr ? 'tsconfig.lambda-ocr.json' : 'tsconfig.lambda.json',
        ),
        ...(ocr
          ? { commandHooks: ocrCommandHooks(props.nativeTarget ?? { os: 'linux', cpu: 'arm64' }) }
          : {}),
      },
    });

    this.alias = new Alias(this, 'Live', { aliasName: 'live', version: this.function.currentVersion });

    Validations.of(this.function).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only allows creating and writing CloudWatch log streams, which every function needs; a copy of it as an inline policy would say the same thing with more lines.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 on purpose: the project, its lockfile and its tests run on Node 22 (package.json engines, the node@22 devDependency), so Lambda runs what was tested. Moving to a newer runtime is a project-wide change, not an infrastructure default.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (AWS documents Resource "*" for them).',
      },
    );
  }

  /**
   * Gives the function the ARN of the application secret in `SECRET_ARN` and read access to that secret
   * only (GetSecretValue and DescribeSecret on its ARN).
   */
  useSecret(secret: ISecret): void {
    this.function.addEnvironment('SECRET_ARN', secret.secretArn);
    secret.grantRead(this.function);
  }
}

/**
 * Shell commands run by CDK after esbuild, in the asset folder being built: the tesseract.js worker as
 * its own CommonJS bundle (esbuild cannot inline a `worker_threads` script), the wasm core beside it
 * under `node_modules`, the language data, and sharp with the libvips binaries of the target platform
 * (installed by npm from its cache or the registry; a native module cannot be bundled). Plain `node`
 * and `npm` commands: no Docker, no POSIX-only tools.
 */
function ocrCommandHooks(target: NativeTarget): ICommandHooks {
  // The project's installed packages (not `require.resolve`: some packages do not export package.json).
  const packageDir = (name: string) => path.join(repoRoot, 'node_modules', name);
  const sharpVersion = (
    JSON.parse(readFileSync(path.join(packageDir('sharp'), 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const esbuild = path.join(packageDir('esbuild'), 'bin', 'esbuild');
  const quote = (value: string) => JSON.stringify(value);
  const copy = (from: string, to: string) =>
    `node -e "const fs=require('node:fs'),path=require('node:path');fs.mkdirSync(path.dirname(process.argv[2]),{recursive:true});fs.cpSync(process.argv[1],process.argv[2],{recursive:true})" ${quote(from)} ${quote(to)}`;
  const sharpBinary = `@img/sharp-${target.os}-${target.cpu}`;

  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      // First: npm prunes what it did not install itself from the node_modules it writes to.
      [
        'npm install --prefer-offline --no-save --no-package-lock --no-audit --no-fund --omit=dev --loglevel=error',
        `--prefix ${quote(outputDir)} --os=${target.os} --cpu=${target.cpu} --libc=glibc sharp@${sharpVersion}`,
      ].join(' '),
      // npm skips an optional platform package it cannot fetch without failing: check it is there.
      `node -e "require('node:fs').accessSync(process.argv[1])" ${quote(path.join(outputDir, 'node_modules', sharpBinary, 'package.json'))}`,
      [
        quote(esbuild),
        quote(path.join(packageDir('tesseract.js'), 'src/worker-script/node/index.js')),
        '--bundle --platform=node --format=cjs --target=node22 --minify --log-level=warning',
        // Resolved at run time from the asset's node_modules (the core reads its .wasm beside itself);
        // node-fetch is only a fallback for runtimes without a global fetch.
        '--external:tesseract.js-core --external:tesseract.js-core/* --external:node-fetch',
        `--outfile=${quote(path.join(outputDir, OCR_ASSET_PATHS.worker))}`,
      ].join(' '),
      ...TESSERACT_CORE_FILES.map((file) =>
        copy(
          path.join(packageDir('tesseract.js-core'), file),
          path.join(outputDir, OCR_ASSET_PATHS.core, file),
        ),
      ),
      copy(
        path.join(packageDir('@tesseract.js-data/eng'), '4.0.0_best_int', 'eng.traineddata.gz'),
        path.join(outputDir, OCR_ASSET_PATHS.lang, 'eng.traineddata.gz'),
      ),
    ],
  };
}
