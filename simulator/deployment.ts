// What one environment would deploy, read from its synthesized Terraform JSON (the same code path as
// `npm run synth`): the flow content, the capture module's content and the ids a flow names it by, the bot
// definition, the alias's code hook function, that function's zip, environment and timeout, the key
// policy's context condition and whether the instance logs flows.
import { Testing } from 'cdktf';
import { loadSynthesizedEnvironments, type EnvironmentConfig } from '../environments';
import { bundleFunctions, FUNCTION_NAMES } from '../bundler/bundle-function';
import type { ContactFlow } from '../flows/flow-language';
import type { LexBotDesiredState } from '../stacks/lex/lex-cfn-types';
import { SecureInputStack } from '../stacks/secure-input-stack';
import { functionName } from '../stacks/naming';

export class DeploymentError extends Error {}

export interface CodeHookFunction {
  name: string;
  zipPath: string;
  /** `index.handler` style: file, then export. */
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  /** The synthesized variables; Terraform references left as `${...}` text. */
  variables: Record<string, string>;
  logFormat?: string;
}

/** A flow module as deployed: its name, its content, and every FlowModuleId that names it (its id and ARN, as Terraform references). */
export interface FlowModule {
  name: string;
  content: ContactFlow;
  ids: string[];
}

export interface Deployment {
  env: EnvironmentConfig;
  flow: ContactFlow;
  flowName: string;
  /** The capture module the flow invokes. */
  module: FlowModule;
  /** The alias ARN as the flow and the Connect association name it (Terraform references as text). */
  aliasArn: string;
  aliasName: string;
  bot: LexBotDesiredState;
  codeHook?: CodeHookFunction;
  /** The Decrypt function as synthesized, for drivers that decrypt what a call stored (the smoke test's --local). */
  decrypt?: CodeHookFunction;
  /** Encryption context entries the key policy demands of the code hook's role. */
  requiredContext: Record<string, string>;
  /** The context keys that statement allows (ForAllValues:StringEquals on kms:EncryptionContextKeys), if it limits them. */
  allowedContextKeys?: string[];
  instanceFlowLogs: boolean;
}

type Resources = Record<string, Record<string, Record<string, any>>>;

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** The one resource of `type` in the stack: its name and its body. */
function onlyEntry(resources: Resources, type: string): [string, Record<string, any>] {
  const all = Object.entries(resources[type] ?? {});
  if (all.length !== 1) throw new DeploymentError(`expected one ${type} in the stack, found ${all.length}`);
  return all[0]!;
}

const only = (resources: Resources, type: string): Record<string, any> => onlyEntry(resources, type)[1];

function cloudControl(resources: Resources, typeName: string): Record<string, any> {
  const all = Object.values(resources.aws_cloudcontrolapi_resource ?? {}).filter((r) => r.type_name === typeName);
  if (all.length !== 1) throw new DeploymentError(`expected one ${typeName} in the stack, found ${all.length}`);
  return JSON.parse(all[0]!.desired_state);
}

/** The synthesized stack of an environment: the JSON `cdktf.out/stacks/<env>/cdk.tf.json` holds. */
export function synthesizeStack(env: EnvironmentConfig): { resource: Resources } {
  return JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), env)));
}

export function findEnvironment(name: string): EnvironmentConfig {
  // The deployed environments, and the examples npm run synth also writes (environments/examples/).
  const envs = loadSynthesizedEnvironments();
  const env = envs.find((e) => e.name === name);
  if (!env) throw new DeploymentError(`unknown environment "${name}": one of ${envs.map((e) => e.name).join(', ')}`);
  return env;
}

/**
 * Whether the instance logs flows: the created instance's setting, or, for an existing instance the stack
 * does not describe, on (the restrictive reading: the flow must keep digits out of logs either way).
 */
function instanceLogsFlows(resources: Resources): boolean {
  if (!resources.aws_connect_instance) return true;
  return only(resources, 'aws_connect_instance').contact_flow_logs_enabled === true;
}

/** Reads a deployment out of a synthesized stack; `zipOf` finds the zip a function's hash names. */
export function readDeployment(env: EnvironmentConfig, json: { resource: Resources }, zipOf: (sourceCodeHash: string) => string | undefined = localZip): Deployment {
  const resources = json.resource;
  const flowResource = only(resources, 'aws_connect_contact_flow');
  const flow = JSON.parse(flowResource.content) as ContactFlow;
  const [moduleName, moduleResource] = onlyEntry(resources, 'aws_connect_contact_flow_module');
  // "FlowModuleId: The flow module ID or flow module ARN to be invoked" (InvokeFlowModule).
  const module: FlowModule = {
    name: moduleResource.name, content: JSON.parse(moduleResource.content) as ContactFlow,
    ids: ['contact_flow_module_id', 'arn'].map((attribute) => `\${aws_connect_contact_flow_module.${moduleName}.${attribute}}`),
  };
  const bot = cloudControl(resources, 'AWS::Lex::Bot') as LexBotDesiredState;
  const alias = cloudControl(resources, 'AWS::Lex::BotAlias');
  const association = cloudControl(resources, 'AWS::Connect::IntegrationAssociation');
  const locale = alias.BotAliasLocaleSettings?.find((l: any) => l.BotAliasLocaleSetting?.Enabled)?.BotAliasLocaleSetting;
  const lambdaRef = locale?.CodeHookSpecification?.LambdaCodeHook?.LambdaArn as string | undefined;
  let codeHook: CodeHookFunction | undefined;
  let requiredContext: Record<string, string> = {};
  let allowedContextKeys: string[] | undefined;
  if (lambdaRef) {
    const m = REFERENCE.exec(lambdaRef);
    const fn = m && m[1] === 'aws_lambda_function' ? resources.aws_lambda_function?.[m[2]!] : undefined;
    if (!fn) throw new DeploymentError(`the alias's code hook ${lambdaRef} is not a function of this stack`);
    const zipPath = zipOf(fn.source_code_hash);
    if (!zipPath) throw new DeploymentError(`no bundled zip matches the code hook's source_code_hash`);
    codeHook = hostedFunction(fn, zipPath);
    const statement = codeHookStatement(resources, fn.role);
    requiredContext = contextCondition(statement);
    allowedContextKeys = contextKeysCondition(statement);
  }
  const decryptFn = Object.values(resources.aws_lambda_function ?? {}).find((fn: any) => fn.function_name === functionName(env, 'decrypt'));
  const decryptZip = decryptFn ? zipOf(decryptFn.source_code_hash) : undefined;
  return {
    decrypt: decryptFn && decryptZip ? hostedFunction(decryptFn, decryptZip) : undefined,
    env, flow, flowName: flowResource.name, module, aliasArn: association.IntegrationArn, aliasName: alias.BotAliasName,
    bot, codeHook, requiredContext, allowedContextKeys, instanceFlowLogs: instanceLogsFlows(resources),
  };
}

/** The statement of the one key policy that lets the code hook's role generate data keys (the stack also has the alarm topic's key). */
function codeHookStatement(resources: Resources, role: string): Record<string, any> {
  const statements = Object.values(resources.aws_kms_key ?? {}).map((k) => generateStatement(k.policy, role)).filter((s) => s);
  if (statements.length !== 1) throw new DeploymentError(`expected one aws_kms_key that lets the code hook generate data keys, found ${statements.length}`);
  return statements[0]!;
}

const generateStatement = (policyText: string, role: string) =>
  (JSON.parse(policyText).Statement as any[]).find((s) => [s.Principal?.AWS].flat().includes(role) && [s.Action].flat().includes('kms:GenerateDataKey'));

/** A synthesized aws_lambda_function as the Lambda host runs it. */
function hostedFunction(fn: any, zipPath: string): CodeHookFunction {
  return {
    name: fn.function_name, zipPath, handler: fn.handler, timeoutSeconds: fn.timeout ?? 3, memorySize: fn.memory_size ?? 128,
    variables: fn.environment?.variables ?? {}, logFormat: fn.logging_config?.log_format,
  };
}

/** The `kms:EncryptionContext:*` StringEquals of the key policy statement that lets the code hook generate data keys. */
function contextCondition(statement: Record<string, any>): Record<string, string> {
  const equals = statement.Condition?.StringEquals ?? {};
  return Object.fromEntries(Object.entries(equals)
    .filter(([k]) => k.startsWith('kms:EncryptionContext:'))
    .map(([k, v]) => [k.slice('kms:EncryptionContext:'.length), String(v)]));
}

/** The context keys the same statement allows, when it limits them with ForAllValues:StringEquals. */
function contextKeysCondition(statement: Record<string, any>): string[] | undefined {
  const keys = statement.Condition?.['ForAllValues:StringEquals']?.['kms:EncryptionContextKeys'];
  return keys === undefined ? undefined : [keys].flat().map(String);
}

/** The stack bundles through bundleFunctions; the same call finds the zip a hash names (a memo hit after synth). */
function localZip(sourceCodeHash: string): string | undefined {
  return bundleFunctions(FUNCTION_NAMES).find((b) => b.sourceCodeHash === sourceCodeHash)?.zipPath;
}

/** One environment's deployment, synthesized in this process. */
export function loadDeployment(envName: string): Deployment {
  const env = findEnvironment(envName);
  return readDeployment(env, synthesizeStack(env));
}
