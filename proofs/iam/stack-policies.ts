import type { EnvironmentConfig } from '../../environments';
import { synthBootstrap, synthEnvironment } from '../../test/synth-helpers';
import { synthesizedPolicies, type StackJson, type SynthesizedPolicy } from './synthesized-policies';

export interface AccountStacks {
  environment: StackJson;
  bootstrap: StackJson;
}

/** The environment stack and its account's bootstrap stack, synthesized once per environment (test/synth-helpers.ts caches them). */
export function synthAccountStacks(env: EnvironmentConfig): AccountStacks {
  return { environment: synthEnvironment(env), bootstrap: synthBootstrap(env) };
}

/** Every policy one account's stacks write. */
export const accountPolicies = (env: EnvironmentConfig): SynthesizedPolicy[] => {
  const { environment, bootstrap } = synthAccountStacks(env);
  return synthesizedPolicies(env, [environment, bootstrap]);
};
