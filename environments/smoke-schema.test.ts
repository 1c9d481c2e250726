import { describe, expect, it } from 'vitest';
import { ciFacts } from '../delivery/ci-facts';
import dev from './dev';
import { loadAllEnvironments, loadEnvironment } from '.';
import prod from './prod';
import stage from './stage';
import { smokeAfterDeploy } from './smoke-schema';

describe('smoke: { afterDeploy }', () => {
  it('defaults to after each deploy of an environment not protected from destroy (dev, stage), not prod', () => {
    const unsaid = loadAllEnvironments().filter((e) => e.smoke === undefined);
    expect(unsaid.length).toBeGreaterThan(0);
    for (const env of unsaid) expect(ciFacts(env).smoke_after_deploy, env.name).toBe(String(!env.protectFromDestroy));
    expect([dev, stage, prod].map((e) => ciFacts(loadEnvironment(e)).smoke_after_deploy)).toEqual(['true', 'true', 'false']);
  });

  it('the config decides when it says so', () => {
    expect(smokeAfterDeploy(loadEnvironment({ ...prod, smoke: { afterDeploy: true } }))).toBe(true);
    expect(smokeAfterDeploy(loadEnvironment({ ...dev, smoke: { afterDeploy: false } }))).toBe(false);
  });

  it('a wrong value fails at load, naming environment and field', () => {
    expect(() => loadEnvironment({ ...dev, smoke: { afterDeploy: 'yes' as unknown as boolean } })).toThrow(/dev.*smoke\.afterDeploy/);
    expect(() => loadEnvironment({ ...dev, smoke: { afterDeploy: true, when: 'always' } as never })).toThrow(/dev.*smoke/);
  });
});
