import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CONNECT_INTEGRATION_ASSOCIATION } from '../connect/connect-cfn-types';
import { LEX_BOT, LEX_BOT_ALIAS, LEX_BOT_VERSION } from '../lex/lex-cfn-types';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { cloudControlType, CloudControlResource, writeOnlyFingerprint } from './cloud-control';
import { writeOnlyValues } from './write-only-properties';

const schema = { typeName: 'Test::Thing::Pair', primaryIdentifier: ['/properties/A', '/properties/B'] };

describe('cloudControlType', () => {
  it('accepts identifier parts named in the schema\'s order', () => {
    expect(cloudControlType(schema, ['A', 'B']).primaryIdentifier).toEqual(['A', 'B']);
  });

  it('refuses parts that are not the schema\'s, or in another order', () => {
    expect(() => cloudControlType(schema, ['B', 'A'])).toThrow(/Test::Thing::Pair: primary identifier is \/properties\/A, \/properties\/B/);
    expect(() => cloudControlType(schema, ['A'])).toThrow(/primary identifier/);
  });

  it('declares the project\'s four types against their vendored schemas', () => {
    expect([LEX_BOT, LEX_BOT_VERSION, LEX_BOT_ALIAS, CONNECT_INTEGRATION_ASSOCIATION].map((t) => t.typeName))
      .toEqual(['AWS::Lex::Bot', 'AWS::Lex::BotVersion', 'AWS::Lex::BotAlias', 'AWS::Connect::IntegrationAssociation']);
  });
});

describe('CloudControlResource', () => {
  const pair = cloudControlType<{ Name: string }, 'A' | 'B'>(schema, ['A', 'B']);

  it('splits each part of a compound id off in one local, and gives a single id as is', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const res = new CloudControlResource(stack, 'pair', { type: pair, desiredState: { Name: 'n' } });
    const single = new CloudControlResource(stack, 'bot', { type: LEX_BOT, desiredState: {} as never });
    new CloudControlResource(stack, 'user', { type: pair, desiredState: { Name: `${res.identifier('B')}/${res.identifier('B')}/${single.identifier('Id')}` } });
    const json = JSON.parse(Testing.synth(stack));
    const byName = (id: string) => Object.entries<any>(json.resource.aws_cloudcontrolapi_resource).find(([n]) => n.startsWith(`${id}_`))!;
    const [pairName, pairBody] = byName('pair');
    const [local, expression] = Object.entries(json.locals)[0]!;
    expect(Object.keys(json.locals)).toHaveLength(1);
    expect(expression).toBe(`\${element(split("|", aws_cloudcontrolapi_resource.${pairName}.id), 1)}`);
    expect(JSON.parse(byName('user')[1].desired_state).Name).toBe(`\${local.${local}}/\${local.${local}}/\${aws_cloudcontrolapi_resource.${byName('bot')[0]}.id}`);
    expect(pairBody).toMatchObject({ type_name: 'Test::Thing::Pair', desired_state: '{"Name":"n"}', schema: JSON.stringify(schema) });
  });

  it('refuses literal text that Terraform would read as a template', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => new CloudControlResource(stack, 'a', { type: pair, desiredState: { Name: 'cost ${price}' } })).toThrow(/literal \$\{ or %\{/);
    expect(() => new CloudControlResource(stack, 'b', { type: pair, desiredState: { Name: '%{if x}' } })).toThrow(/template/);
  });
});

describe('write-only properties', () => {
  const nested = cloudControlType<{ Name: string; Items: { Name: string; Secret?: string }[] }, 'Id'>(
    { typeName: 'Test::Thing::Nested', primaryIdentifier: ['/properties/Id'], writeOnlyProperties: ['/properties/Items/*/Secret'] }, ['Id']);
  const synth = (items: { Name: string; Secret?: string }[], name = 'n') => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: name, Items: items }, replaceWhenChanged: ['aws_x.y.id'] });
    const json = JSON.parse(Testing.synth(stack));
    const [resource] = Object.values<any>(json.resource.aws_cloudcontrolapi_resource);
    return { resource, data: json.resource.terraform_data as Record<string, any> | undefined };
  };

  it('keeps a nested write-only part in a terraform_data input that replaces the resource when it changes', () => {
    const { resource, data } = synth([{ Name: 'a', Secret: 's1' }, { Name: 'b' }]);
    const [dataName, dataBody] = Object.entries(data!)[0]!;
    expect(dataBody.input).toEqual({ '/properties/Items/*/Secret': '["s1",null]' });
    expect(resource.lifecycle).toEqual({ replace_triggered_by: [`terraform_data.${dataName}`, 'aws_x.y.id'] });
  });

  it('synthesizes without running Terraform (cdktf\'s DataResource would run `terraform version` per instance)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const thing = new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: 'n', Items: [{ Name: 'a', Secret: 's' }] } });
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(thing.writeOnlyState!.node.validate()).toEqual([]);
    } finally {
      process.env.PATH = path;
    }
  });

  it('changes that input (and the fingerprint) only when the write-only part changes', () => {
    const input = (items: { Name: string; Secret?: string }[], name?: string) => Object.values(synth(items, name).data!)[0].input;
    const base = [{ Name: 'a', Secret: 's1' }, { Name: 'b' }];
    expect(input(base, 'renamed')).toEqual(input(base));
    expect(input([{ Name: 'a2', Secret: 's1' }, { Name: 'b' }])).toEqual(input(base));
    expect(input([{ Name: 'a', Secret: 's2' }, { Name: 'b' }])).not.toEqual(input(base));
    expect(input([{ Name: 'b' }, { Name: 'a', Secret: 's1' }])).not.toEqual(input(base));
    const fingerprint = (items: { Name: string; Secret?: string }[], name = 'n') => writeOnlyFingerprint(nested, { Name: name, Items: items });
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint(base, 'renamed')).toBe(fingerprint(base));
    expect(fingerprint([{ Name: 'a', Secret: 's2' }, { Name: 'b' }])).not.toBe(fingerprint(base));
  });

  it('adds nothing for a state without write-only data, or a type without write-only properties', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new CloudControlResource(stack, 'no-items', { type: nested, desiredState: { Name: 'n' } as never });
    new CloudControlResource(stack, 'pair', { type: cloudControlType<{ Name: string }, 'A' | 'B'>(schema, ['A', 'B']), desiredState: { Name: 'n' } });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.terraform_data).toBeUndefined();
    expect(Object.values<any>(json.resource.aws_cloudcontrolapi_resource).map((r) => r.lifecycle)).toEqual([undefined, undefined]);
    // An empty list is still data: its items are write-only, so a first item must replace.
    expect(Object.values(synth([]).data!)[0].input).toEqual({ '/properties/Items/*/Secret': '[]' });
  });

  // Decided from the vendored schemas, for every Cloud Control resource of every environment's stack.
  const schemas = Object.fromEntries(readdirSync(path.join(__dirname, '..', 'cloud-control-schemas')).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(__dirname, '..', 'cloud-control-schemas', f), 'utf8')))
    .map((s: { typeName: string; writeOnlyProperties?: string[] }) => [s.typeName, s.writeOnlyProperties ?? []]));
  it.each(environments.map((e) => [e.name, e] as const))('in %s, every write-only part present triggers its resource\'s replacement', (_n, env) => {
    const json = synthEnvironment(env) as any;
    let withWriteOnly = 0;
    for (const [name, body] of Object.entries<any>(json.resource.aws_cloudcontrolapi_resource)) {
      const expected = Object.fromEntries(Object.entries(writeOnlyValues(JSON.parse(body.desired_state), schemas[body.type_name]!)).map(([k, v]) => [k, JSON.stringify(v)]));
      const triggers = (body.lifecycle?.replace_triggered_by ?? []).filter((t: string) => t.startsWith('terraform_data.'));
      if (Object.keys(expected).length === 0) { expect(triggers, name).toEqual([]); continue; }
      withWriteOnly++;
      expect(triggers, name).toHaveLength(1);
      expect(json.resource.terraform_data[triggers[0].split('.')[1]].input, name).toEqual(expected);
    }
    expect(withWriteOnly).toBe(2); // the bot and its version
  });
});
