import { Testing } from 'cdktf';
import type { EnvironmentConfig } from '../../environments';
import { PROJECT_SETTINGS } from '../../environments/project';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { SecureInputStack } from '../../stacks/secure-input-stack';
import { synthesizedPolicies, type StackJson, type SynthesizedPolicy } from './synthesized-policies';

export interface AccountStacks {
  environment: StackJson;
  bootstrap: StackJson;
}

/** The environment stack and its account's bootstrap stack, synthesized once per environment and process. */
const cache = new Map<string, AccountStacks>();
export function synthAccountStacks(env: EnvironmentConfig): AccountStacks {
  const hit = cache.get(env.name);
  if (hit) return hit;
  const stacks = {
    environment: JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), env))) as StackJson,
    bootstrap: JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as StackJson,
  };
  cache.set(env.name, stacks);
  return stacks;
}

/** Every policy one account's stacks write. */
export const accountPolicies = (env: EnvironmentConfig): SynthesizedPolicy[] => {
  const { environment, bootstrap } = synthAccountStacks(env);
  return synthesizedPolicies(env, [environment, bootstrap]);
};
