// docs/operations.md ("Use an existing contact center") names Terraform addresses for `terraform state show`
// and `terraform state rm`, and the id holder the plan then creates. They must be the synthesized ones, in
// every environment that creates its instance (and, for the holder, every one that uses an existing instance).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { instanceTarget } from '../environments/connect-target';
import { synthEnvironment, synthesizedEnvironments } from './synth-helpers';

const doc = readFileSync(path.join(__dirname, '..', 'docs', 'operations.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Use an existing contact center'), doc.indexOf('## Environment config checks'));
const named = (type: string) => [...new Set([...section.matchAll(new RegExp(`${type}\\.[\\w-]+`, 'g'))].map((m) => m[0]))];

it('names the instance, number and flow-log group of every created instance, and the id holder of every existing one', () => {
  const moved = [...named('aws_connect_instance'), ...named('aws_connect_phone_number'), ...named('aws_cloudwatch_log_group')];
  expect(moved).toHaveLength(3);
  const holder = named('terraform_data');
  expect(holder).toHaveLength(1);
  for (const env of synthesizedEnvironments) {
    const json = synthEnvironment(env);
    const has = (address: string) => Boolean(json.resource[address.split('.')[0]!]?.[address.split('.')[1]!]);
    if (instanceTarget(env).kind === 'create') expect(moved.filter((a) => !has(a)), env.name).toEqual([]);
    else expect(holder.filter((a) => !has(a)), env.name).toEqual([]);
  }
  // The flow-log group named is Connect's, not another of the stack's.
  const created = synthesizedEnvironments.find((e) => instanceTarget(e).kind === 'create')!;
  const group = named('aws_cloudwatch_log_group')[0]!.split('.')[1]!;
  expect(synthEnvironment(created).resource.aws_cloudwatch_log_group![group]!.name).toMatch(/^\/aws\/connect\//);
});
