// The deploy role's handler permissions follow the contact-center mode: Connect's instance handler creates a
// directory with the caller's rights, so ds:CreateDirectory goes with a created instance and with nothing else.
import { describe, expect, it } from 'vitest';
import { instanceTarget } from '../../environments/connect-target';
import { connectVariants, synthesizedEnvironments } from '../../test/synth-helpers';
import { deployPolicy } from './ci-policies';

const grantsDirectoryCreation = (statements: { Effect: string; Action?: string | string[] }[]) =>
  statements.some((s) => s.Effect === 'Allow' && [s.Action ?? []].flat().some((a) => a === 'ds:CreateDirectory' || a === 'ds:*' || a === '*'));

describe.each([...synthesizedEnvironments, ...connectVariants].map((env) => [env.name, instanceTarget(env).kind, env] as const))('the deploy role of %s (%s instance)', (_name, kind, env) => {
  it(kind === 'create' ? 'may create the directory Connect makes for the instance' : 'may create no directory: the instance exists', () => {
    expect(grantsDirectoryCreation(deployPolicy(env).Statement)).toBe(kind === 'create');
  });
});
