import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import dev from '../environments/dev';
import { buildApp, EnvironmentConfigError } from '../main';

describe('the app', () => {
  it('has one stack per environment, named exactly after it', () => {
    const app = buildApp(Testing.app());
    const names = app.node.children.map((c) => c.node.id);
    expect(names.filter((n) => !n.startsWith('bootstrap-'))).toEqual(['dev', 'stage', 'prod']);
  });

  it('stops before synthesis on a bad value, naming environment, field and rule in one line', () => {
    const bad = { ...dev, kms: { ...dev.kms, rotationPeriodInDays: 30 } };
    let caught: unknown;
    try {
      buildApp(Testing.app(), [bad]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvironmentConfigError);
    expect((caught as Error).message).toBe('environment "dev": kms.rotationPeriodInDays: must be between 90 and 2560');
  });
});
