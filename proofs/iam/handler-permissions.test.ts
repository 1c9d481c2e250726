// The deploy role may do what every CloudFormation handler of every resource type in the environment stack
// lists (create, read, update, delete), on this stack's ARNs, except the named exceptions, which it may not.
// Evaluated with iam-simulate over the deploy role's policies as the bootstrap stack writes them.
import { describe, expect, it } from 'vitest';
import type { PolicyStatement } from '../../stacks/policies/policy-document';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { wildcardPattern } from './arn-patterns';
import { CLOUDFORMATION_TYPE, exceptionFor, HANDLER_EXCEPTIONS, HANDLERS, handlersOf, NOT_SIMULATED, requestFor } from './handler-permissions';
import { iamWorld } from './iam-world';
import { simulateRequest } from './simulate';

const typesOf = (json: ReturnType<typeof synthEnvironment>): Set<string> => {
  const types = new Set<string>();
  for (const [tfType, resources] of Object.entries(json.resource)) {
    const mapped = CLOUDFORMATION_TYPE[tfType];
    if (mapped === undefined) throw new Error(`${tfType} has no entry in CLOUDFORMATION_TYPE`);
    if (typeof mapped === 'object') continue;
    for (const body of Object.values(resources)) types.add(typeof mapped === 'function' ? mapped(body) : mapped);
  }
  return types;
};

it('maps every resource type the environment stacks write to its CloudFormation type, or says why there is none', () => {
  for (const env of environments) expect(() => typesOf(synthEnvironment(env))).not.toThrow();
});

describe.each(environments.map((e) => [e.name, e] as const))('the %s deploy role and the handlers\' permissions', (_n, env) => {
  const world = iamWorld(env);
  const deployStatements: PolicyStatement[] = world.policies.filter((p) => p.kind === 'identity' && p.principal === env.deployRoleArn).flatMap((p) => p.document.Statement);
  const grantsByText = (action: string, effect: 'Allow' | 'Deny') => deployStatements.some((s) => s.Effect === effect && [s.Action].flat().some((a) => wildcardPattern(a).test(action)) && [s.Resource].flat().includes('*') && !s.Condition);
  const types = [...typesOf(synthEnvironment(env))].sort();

  // Only the Cloud Control schemas ship with the project; the others are read from ../shared/data (or
  // $CFN_SCHEMAS_DIR). A type whose schema is not at hand is skipped, by name.
  const absent = types.filter((t) => !handlersOf(t));
  it.skip.each(absent.map((t) => [t] as const))('%s: no registry schema in ../shared/data/cloudformation-schemas or $CFN_SCHEMAS_DIR, not checked', () => {});

  it.each(types.filter((t) => handlersOf(t)).map((t) => [t] as const))('%s: every handler permission is allowed, or a named exception that is not', async (typeName) => {
    const handlers = handlersOf(typeName)!;
    const wrong: string[] = [];
    for (const handler of HANDLERS) {
      for (const action of handlers[handler]?.permissions ?? []) {
        const exception = exceptionFor(typeName, action);
        const simulable = !NOT_SIMULATED.some((n) => n.action.test(action));
        if (!simulable) {
          if (exception || !grantsByText(action, 'Allow') || grantsByText(action, 'Deny')) wrong.push(`${handler} ${action}: not simulable, and not granted on * without condition`);
          continue;
        }
        let request;
        try {
          request = await requestFor(world, typeName, action);
        } catch (err) {
          // No ARN of this stack for it: only an exception may be without one, and no Allow may name it.
          if (!exception) wrong.push(`${handler} ${action}: ${(err as Error).message}`);
          else if (grantsByText(action, 'Allow')) wrong.push(`${handler} ${action}: an exception, yet granted`);
          continue;
        }
        const { outcome, decision } = await simulateRequest(world, { who: 'deploy', action, ...request });
        if (exception ? outcome !== 'Denied' : outcome !== 'Allowed') wrong.push(`${handler} ${action} on ${request.resource}: ${decision}${exception ? ' (a named exception)' : ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

it('lists no exception that no handler of the stacks needs', () => {
  const listed = new Set<string>();
  for (const env of environments) {
    for (const typeName of typesOf(synthEnvironment(env))) {
      const handlers = handlersOf(typeName);
      for (const handler of HANDLERS) for (const action of handlers?.[handler]?.permissions ?? []) if (exceptionFor(typeName, action)) listed.add(`${typeName} ${action.toLowerCase()}`);
    }
  }
  const stale = HANDLER_EXCEPTIONS.filter((e) => ![...listed].some((l) => l.endsWith(` ${e.action.toLowerCase()}`) && (!e.type || l.startsWith(`${e.type} `))));
  // Where a schema is not at hand its exceptions cannot be checked: only complain with every schema present.
  const allPresent = environments.every((env) => [...typesOf(synthEnvironment(env))].every((t) => handlersOf(t)));
  if (allPresent) expect(stale.map((e) => `${e.type ?? '*'} ${e.action}`)).toEqual([]);
});
