import { describe, expect, it } from 'vitest';
import { MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, deployPolicyParts, namedDeployPolicies, packStatements, policySize } from './deploy-policy-parts';
import type { PolicyStatement } from './policy-document';
import { deployPolicy } from './ci-policies';
import { environments } from '../../test/synth-helpers';

const statement = (sid: string, actions: number): PolicyStatement => ({ Sid: sid, Effect: 'Allow', Action: Array.from({ length: actions }, (_, i) => `lambda:Action${i}`), Resource: '*' });

describe('packing statements into managed policies', () => {
  it('keeps statements in order and starts a new policy only when the next would not fit', () => {
    const statements = [statement('A', 150), statement('B', 150), statement('C', 150), statement('D', 1)];
    const parts = packStatements(statements);
    expect(parts.map((p) => p.Statement.map((s) => s.Sid))).toEqual([['A', 'B'], ['C', 'D']]);
    for (const p of parts) expect(policySize(p)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    // Merging the first part with the next statement would have been over the limit.
    expect(policySize({ Version: '2012-10-17', Statement: [...parts[0]!.Statement, statements[2]!] })).toBeGreaterThan(MANAGED_POLICY_MAX_CHARS);
  });

  it('counts characters as IAM does, without white space, and refuses a statement too big on its own', () => {
    expect(policySize({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: 'a:b', Resource: 'x y' }] })).toBe(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: 'a:b', Resource: 'xy' }] }).length);
    expect(() => packStatements([statement('Huge', 400)])).toThrow('statement Huge alone is over 6144 characters');
  });

  it.each(environments.map((e) => [e.name, e] as const))('packs %s\'s deploy policy tightly: each part fits, and none could have taken the next part\'s first statement', (_n, env) => {
    const parts = packStatements(deployPolicy(env).Statement);
    expect(parts.flatMap((p) => p.Statement)).toEqual(deployPolicy(env).Statement);
    for (const [i, part] of parts.entries()) {
      expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
      const next = parts[i + 1]?.Statement[0];
      if (next) expect(policySize({ Version: '2012-10-17', Statement: [...part.Statement, next] })).toBeGreaterThan(MANAGED_POLICY_MAX_CHARS);
    }
  });

  it('names at most as many parts as a role can have attached, and refuses one more', () => {
    const env = environments[0]!;
    const documents = (n: number) => Array.from({ length: n }, (_, i) => ({ Version: '2012-10-17' as const, Statement: [statement(`S${i}`, 1)] }));
    expect(namedDeployPolicies(env, documents(MANAGED_POLICIES_PER_ROLE)).map((p) => p.name).at(-1)).toBe(`${env.prefix}-${env.name}-deploy-${MANAGED_POLICIES_PER_ROLE}`);
    expect(() => namedDeployPolicies(env, documents(MANAGED_POLICIES_PER_ROLE + 1))).toThrow(`would need ${MANAGED_POLICIES_PER_ROLE + 1} managed policies; a role takes at most ${MANAGED_POLICIES_PER_ROLE}`);
    for (const e of environments) expect(deployPolicyParts(e).length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
  });
});
