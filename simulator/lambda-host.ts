// Runs a function's zip as the Lambda Node.js runtime does, in this process: the zip unpacked into a
// temporary task root, the handler module required once (one container, reused across invocations),
// the function's environment variables set, each event and response passed through JSON, the
// function's timeout enforced, and everything the code writes to stdout/stderr kept as its log.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { captureOutput } from '../stand-ins/capture-output';
import type { CodeHookFunction } from './deployment';

/** The files of a zip (stored or deflated entries, as deterministicZip and most zip tools write). */
export function unzip(zip: Buffer): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const packed = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + packed);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: unsupported compression ${method}`);
    files[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    at = start + packed;
  }
  return files;
}

export type InvokeResult =
  | { ok: true; payload: unknown; logs: string[] }
  | { ok: false; error: 'Unhandled' | 'TimedOut' | 'InvalidResponse'; logs: string[] };

export interface LambdaContainer {
  /** One invocation; `qualifier` is the alias or version invoked (it ends the invoked function ARN, as in Lambda). */
  invoke(event: unknown, options?: { qualifier?: string }): Promise<InvokeResult>;
  /** Invocations so far; the first one was the cold start. */
  readonly invocations: number;
  dispose(): void;
}

const logLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/**
 * A warm container of `fn`. `variables` are the values the function's environment resolves to in
 * this simulation (Terraform references already replaced); `runtime` adds what the Lambda service
 * sets (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, ...).
 */
export function startContainer(fn: CodeHookFunction, variables: Record<string, string>, runtime: Record<string, string>): LambdaContainer {
  const taskRoot = mkdtempSync(path.join(os.tmpdir(), 'simulated-lambda-'));
  for (const [name, data] of Object.entries(unzip(readFileSync(fn.zipPath)))) {
    const file = path.join(taskRoot, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  const env: Record<string, string> = {
    ...runtime,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    LAMBDA_TASK_ROOT: taskRoot,
    ...(fn.logFormat ? { AWS_LAMBDA_LOG_FORMAT: fn.logFormat } : {}),
    ...variables,
  };
  const [file, exportName] = splitHandler(fn.handler);
  let handler: ((event: unknown, context: unknown) => Promise<unknown>) | undefined;
  let invocations = 0;

  return {
    get invocations() {
      return invocations;
    },
    async invoke(event, options = {}) {
      Object.assign(process.env, env); // another container in this process may have set its own
      const output = captureOutput();
      const logs = () => logLines(output.text());
      try {
        // Init runs inside the first invocation's capture, as Lambda logs it in the same stream.
        handler ??= loadHandler(taskRoot, file, exportName);
        invocations++;
        const requestId = randomUUID();
        const deadline = Date.now() + fn.timeoutSeconds * 1000;
        const context = {
          functionName: fn.name, functionVersion: '$LATEST', memoryLimitInMB: String(fn.memorySize), awsRequestId: requestId,
          invokedFunctionArn: `arn:aws:lambda:${env.AWS_REGION}:000000000000:function:${fn.name}${options.qualifier ? `:${options.qualifier}` : ''}`,
          logGroupName: `/aws/lambda/${fn.name}`, logStreamName: 'simulated', callbackWaitsForEmptyEventLoop: true,
          getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        };
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'TimedOut'>((resolve) => {
          timer = setTimeout(() => resolve('TimedOut'), fn.timeoutSeconds * 1000);
        });
        // Lambda hands the function a parsed copy of the JSON payload and serializes what it returns.
        const run = Promise.resolve().then(() => handler!(JSON.parse(JSON.stringify(event)), context));
        const outcome = await Promise.race([run.then((payload) => ({ payload }), (err: unknown) => ({ thrown: err })), timedOut]);
        clearTimeout(timer);
        output.restore();
        if (outcome === 'TimedOut') return { ok: false, error: outcome, logs: [...logs(), `${requestId} Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`] };
        // The runtime logs an unhandled error with its type, message and stack, as the function's own log.
        if ('thrown' in outcome) return { ok: false, error: 'Unhandled', logs: [...logs(), runtimeErrorLine(outcome.thrown, requestId)] };
        const text = outcome.payload === undefined ? undefined : JSON.stringify(outcome.payload);
        if (text === undefined) return { ok: false, error: 'InvalidResponse', logs: logs() };
        return { ok: true, payload: JSON.parse(text), logs: logs() };
      } catch (err) {
        output.restore();
        return { ok: false, error: 'Unhandled', logs: [...logs(), runtimeErrorLine(err, 'init')] };
      }
    },
    dispose() {
      rmSync(taskRoot, { recursive: true, force: true });
    },
  };
}

function runtimeErrorLine(err: unknown, requestId: string): string {
  const e = err instanceof Error ? err : new Error(String(err));
  return JSON.stringify({ level: 'ERROR', requestId, errorType: e.name, errorMessage: e.message, stackTrace: (e.stack ?? '').split('\n').slice(1).map((l) => l.trim()) });
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler "${handler}" is not <file>.<export>`);
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}

function loadHandler(taskRoot: string, file: string, exportName: string) {
  const mod = createRequire(path.join(taskRoot, 'package.json'))(path.join(taskRoot, file));
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`${file}.${exportName} is not a function`);
  return fn;
}
