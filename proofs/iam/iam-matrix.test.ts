import { runSimulation } from '@cloud-copilot/iam-simulate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceTarget } from '../../environments/connect-target';
import { connectVariants, environments, synthesizedEnvironments } from '../../test/synth-helpers';
import { IAM_MATRIX } from './iam-matrix';
import { iamMatrixMarkdown } from './iam-matrix-doc';
import { iamWorld } from './iam-world';
import { rowApplies, simulateMatrix } from './simulate';

// What AWS evaluates for one request: identity policies, permissions boundary and the resource's policy
// (IAM User Guide, "Policy evaluation logic": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

describe('iam-simulate reads kms:EncryptionContext:<key> (patches/@cloud-copilot+iam-simulate+0.1.173.patch)', () => {
  // Without the patch the context key is dropped, the condition reads as missing, and the first request is denied.
  const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const role = 'arn:aws:iam::111122223333:role/r';
  const condition = { StringEquals: { 'kms:EncryptionContext:application': 'secure-lex-input' } };
  const simulate = (value: string) => runSimulation({
    request: { principal: role, action: 'kms:Decrypt', resource: { resource: key, accountId: '111122223333' }, contextVariables: { 'kms:EncryptionContext:application': value } },
    identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key, Condition: condition }] } }],
    resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role }, Action: 'kms:Decrypt', Resource: '*', Condition: condition }] },
    serviceControlPolicies: [], resourceControlPolicies: [],
  }, {});

  it('allows the request that carries the context the key policy and identity policy require', async () => {
    const result = await simulate('secure-lex-input');
    expect(result.resultType === 'single' && result.result.ignoredContextKeys).toEqual([]);
    expect(result.resultType !== 'error' && result.overallResult).toBe('Allowed');
  });

  it('denies the request with another value', async () => {
    const result = await simulate('another-application');
    expect(result.resultType !== 'error' && result.overallResult).toBe('ImplicitlyDenied');
  });
});

// Every environment, every example, and the Connect modes no shipped file uses (test/synth-helpers.ts).
const worlds = [...synthesizedEnvironments, ...connectVariants];

it.each(worlds.map((env) => [env.name, env] as const))('the %s account\'s policies decide every matrix row as expected', async (_name, env) => {
  const results = await simulateMatrix(iamWorld(env), IAM_MATRIX);
  const wrong = results.filter((r) => r.outcome !== r.row.expect).map((r) => `${r.row.who} ${r.row.action} on ${r.row.on} ${r.row.when ?? ''}: ${r.decision}, expected ${r.row.expect}`);
  expect(wrong).toEqual([]);
  // Both outcomes occur, so a matrix that allows or denies everything cannot pass.
  expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(['Allowed', 'Denied']));
});

it('asks every row of some environment: no row is left out by the modes it names', () => {
  const asked = new Set(worlds.flatMap((env) => IAM_MATRIX.filter((row) => rowApplies(row, env))));
  expect(IAM_MATRIX.filter((row) => !asked.has(row))).toEqual([]);
  // And the existing-instance rows are asked of an environment in that mode only.
  const existingOnly = IAM_MATRIX.filter((row) => row.only?.instance === 'existing');
  expect(existingOnly.length).toBeGreaterThan(0);
  expect(worlds.filter((env) => instanceTarget(env).kind === 'create').flatMap((env) => existingOnly.filter((row) => rowApplies(row, env)))).toEqual([]);
});

it('docs/iam-matrix.md is what `npm run iam:matrix` writes', async () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'iam-matrix.md'), 'utf8');
  expect(doc).toBe(await iamMatrixMarkdown(environments[0]!, connectVariants.find((e) => e.name === 'exnumber')!));
});
