// The simulator and the local smoke test read a deployment out of a synthesized stack. An existing
// instance is no resource of the stack: the deployment is still read, and the instance's flow logging,
// which the stack cannot know, is taken as on (the restrictive reading; the flow must keep digits out of
// flow logs either way).
import { expect, it } from 'vitest';
import { instanceTarget } from '../environments/connect-target';
import { readDeployment } from '../simulator/deployment';
import { environments, examples, synthEnvironment } from './synth-helpers';

it.each(examples.filter((e) => instanceTarget(e).kind === 'existing').map((e) => [e.name, e] as const))('reads the deployment of %s (an existing instance), flow logging taken as on', (_name, env) => {
  const deployment = readDeployment(env, synthEnvironment(env));
  expect(deployment.instanceFlowLogs).toBe(true);
  expect(deployment.flow.Actions.length).toBeGreaterThan(0);
  expect(deployment.codeHook?.name).toBe(`${env.prefix}-${env.name}-encrypt`);
});

it('keeps reading a created instance\'s own setting', () => {
  const env = environments.find((e) => instanceTarget(e).kind === 'create')!;
  const json = synthEnvironment(env);
  expect(readDeployment(env, json).instanceFlowLogs).toBe(true);
  const off = structuredClone(json);
  for (const instance of Object.values(off.resource.aws_connect_instance!)) instance.contact_flow_logs_enabled = false;
  expect(readDeployment(env, off).instanceFlowLogs).toBe(false);
});
