import { describe, expect, it } from 'vitest';
import { ciFacts } from '../delivery/ci-facts';
import dev from './dev';
import { loadAllEnvironments, loadEnvironment } from '.';
import prod from './prod';
import { smokeAfterDeploy } from './smoke-schema';

describe('smoke: { afterDeploy }', () => {
  it('defaults to after each deploy of an environment not protected from destroy (dev, stage), not prod', () => {
    expect(Object.fromEntries(loadAllEnvironments().map((e) => [e.name, ciFacts(e).smoke_after_deploy]))).toEqual({ dev: 'true', stage: 'true', prod: 'false' });
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
