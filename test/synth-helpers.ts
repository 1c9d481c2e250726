import { Testing } from 'cdktf';
import { loadAllEnvironments, loadEnvironment, loadExampleEnvironments, type EnvironmentConfig } from '../environments';
import dev from '../environments/dev';
import existingExample from '../environments/examples/existing-contact-center';
import { PROJECT_SETTINGS } from '../environments/project';
import { BootstrapStack } from '../stacks/bootstrap-stack';
import { SecureInputStack } from '../stacks/secure-input-stack';

/** The synthesized Terraform JSON of one environment's stack, as Terraform reads it. */
export interface SynthesizedStack {
  terraform: { backend: { s3: Record<string, unknown> }; required_providers: Record<string, { version: string }> };
  provider: { aws: Record<string, any>[] };
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  variable?: Record<string, Record<string, unknown>>;
}

const cache = new Map<string, SynthesizedStack>();

/** Synthesizes the stack of an environment once per test file. */
export function synthEnvironment(env: EnvironmentConfig): SynthesizedStack {
  const hit = cache.get(env.name);
  if (hit) return hit;
  const stack = new SecureInputStack(Testing.app(), env);
  const json = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  cache.set(env.name, json);
  return json;
}

const bootstrapCache = new Map<string, SynthesizedStack>();

/** Synthesizes the bootstrap stack of an environment's account once per test file. */
export function synthBootstrap(env: EnvironmentConfig): SynthesizedStack {
  const hit = bootstrapCache.get(env.name);
  if (hit) return hit;
  const json = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as SynthesizedStack;
  bootstrapCache.set(env.name, json);
  return json;
}

/** The only resource of a type; fails loudly when there are none or several. */
export function onlyResource(json: SynthesizedStack, type: string): Record<string, any> {
  const all = Object.values(json.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}

export const environments = loadAllEnvironments();
/** The examples (environments/examples/): synthesized and planned like the environments, never deployed. */
export const examples = loadExampleEnvironments();
/** Every stack `npm run synth` writes an environment stack for. */
export const synthesizedEnvironments = [...environments, ...examples];

/**
 * The Connect modes no shipped file uses: an existing number (given by ARN, which the stack reduces to its
 * id) and a claimed one in the existing-instance example, and a created instance with no number.
 */
export const EXISTING_NUMBER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d';
export const connectVariants: EnvironmentConfig[] = [
  loadEnvironment({ ...existingExample, name: 'exnumber', phoneNumber: { existing: { phoneNumberId: `arn:aws:connect:${existingExample.region}:${existingExample.account}:phone-number/${EXISTING_NUMBER_ID}` } } }),
  loadEnvironment({ ...existingExample, name: 'exclaim', phoneNumber: { claim: { countryCode: 'US', type: 'DID' } } }),
  loadEnvironment({ ...dev, name: 'nonumber', phoneNumber: 'none' }),
];

/** The capture key (construct secure-input-key); the alarm topic has a key of its own. */
export function captureKey(json: SynthesizedStack): { address: string; body: Record<string, any> } {
  const found = Object.entries(json.resource.aws_kms_key ?? {}).filter(([name]) => name.startsWith('secure-input-key_'));
  if (found.length !== 1) throw new Error(`expected exactly one capture key, found ${found.length}`);
  return { address: `aws_kms_key.${found[0]![0]}`, body: found[0]![1] };
}
