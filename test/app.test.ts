import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { App, Testing } from 'cdktf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import dev from '../environments/dev';
import { environmentInputs, exampleInputs } from '../environments';
import { buildApp, EnvironmentConfigError, policyProblems } from '../main';

describe('the app', () => {
  it('has one stack per environment, then per example, named exactly after it', () => {
    const app = buildApp(Testing.app());
    const names = app.node.children.map((c) => c.node.id);
    const all = [...environmentInputs, ...exampleInputs];
    expect(names.filter((n) => !n.startsWith('bootstrap-'))).toEqual(all.map((e) => e.name));
    expect(names.filter((n) => n.startsWith('bootstrap-'))).toEqual(all.map((e) => `bootstrap-${e.name}`));
  });

  // The quick start synthesizes on a machine with Node.js only: no validation may need a Terraform binary
  // (cdktf's moveFromId, importFrom and DataResource each add one that runs `terraform version`).
  it('synthesizes with its validations on where no terraform is on the PATH', () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'no-terraform-'));
    try {
      expect(() => buildApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'synth-')), stackTraces: false })).synth()).not.toThrow();
    } finally {
      process.env.PATH = path;
    }
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

describe('policy rules at synth', () => {
  it('finds no problem in the synthesized environments, and reports one when a stack breaks a rule', () => {
    const app = buildApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'synth-')), skipValidation: true }));
    app.synth();
    expect(policyProblems(app)).toEqual([]);

    const broken = buildApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'synth-')), skipValidation: true }));
    new CloudwatchLogGroup(broken.node.findChild('stage'), 'forever', { name: '/forever' });
    broken.synth();
    expect(policyProblems(broken)).toEqual([expect.stringMatching(/^stage: aws_cloudwatch_log_group\.forever: log-groups-have-retention: /)]);
  });
});
