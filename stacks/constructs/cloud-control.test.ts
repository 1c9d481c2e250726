import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CONNECT_INTEGRATION_ASSOCIATION } from '../connect/connect-cfn-types';
import { LEX_BOT, LEX_BOT_ALIAS, LEX_BOT_VERSION } from '../lex/lex-cfn-types';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { Construct } from 'constructs';
import { cloudControlType, CloudControlResource, TerraformData } from './cloud-control';
import { inPlaceUpdateRefusal, type RegistrySchema } from './registry-schema';

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

describe('replacement on any change where Cloud Control cannot update in place', () => {
  const withUpdate = { create: { permissions: [] }, update: { permissions: [] } };
  const nested = cloudControlType<{ Name: string; Items: { Name: string; Secret?: string }[] }, 'Id'>(
    { typeName: 'Test::Thing::Nested', primaryIdentifier: ['/properties/Id'], writeOnlyProperties: ['/properties/Items/*/Secret'], handlers: withUpdate }, ['Id']);
  const plain = cloudControlType<{ Name: string }, 'Id'>({ typeName: 'Test::Thing::Plain', primaryIdentifier: ['/properties/Id'], handlers: withUpdate }, ['Id']);
  const frozen = cloudControlType<{ Name: string }, 'Id'>({ typeName: 'Test::Thing::Frozen', primaryIdentifier: ['/properties/Id'], handlers: { create: { permissions: [] } } }, ['Id']);
  const synth = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    build(stack);
    return JSON.parse(Testing.synth(stack));
  };

  it('says why a type cannot be updated in place, from its schema', () => {
    expect(inPlaceUpdateRefusal(nested.schema)).toBe('Test::Thing::Nested has write-only properties (/properties/Items/*/Secret) that Cloud Control never reads back');
    expect(inPlaceUpdateRefusal(frozen.schema)).toBe('Test::Thing::Frozen has no update handler');
    expect(inPlaceUpdateRefusal(plain.schema)).toBeUndefined();
    // The vendored types: the bot (write-only) and the version (both) refuse; the alias and the association do not.
    expect([LEX_BOT, LEX_BOT_VERSION, LEX_BOT_ALIAS, CONNECT_INTEGRATION_ASSOCIATION].map((t) => inPlaceUpdateRefusal(t.schema) !== undefined)).toEqual([true, true, false, false]);
    expect(inPlaceUpdateRefusal(LEX_BOT_VERSION.schema)).toBe('AWS::Lex::BotVersion has no update handler');
  });

  it('keeps the whole desired state, one property per entry, in a terraform_data that replaces the resource when anything changes', () => {
    const json = synth((stack) => new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: 'n', Items: [{ Name: 'a', Secret: 's1' }] }, replaceWhenChanged: ['aws_x.y.id'] }));
    const [resource] = Object.values<any>(json.resource.aws_cloudcontrolapi_resource);
    const [dataName, dataBody] = Object.entries<any>(json.resource.terraform_data)[0]!;
    expect(dataBody).toMatchObject({ triggers_replace: { Name: '"n"', Items: '[{"Name":"a","Secret":"s1"}]' } });
    expect(dataBody).not.toHaveProperty('input');
    expect(resource.lifecycle).toEqual({ replace_triggered_by: [`terraform_data.${dataName}`, 'aws_x.y.id'] });
    // Not only write-only data: a change of the plain Name changes the trigger too.
    const renamed = synth((stack) => new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: 'n2', Items: [{ Name: 'a', Secret: 's1' }] } }));
    expect(Object.values<any>(renamed.resource.terraform_data)[0].triggers_replace.Name).toBe('"n2"');
  });

  it('does the same for a type without an update handler, and adds nothing for a type Cloud Control can update', () => {
    const json = synth((stack) => {
      new CloudControlResource(stack, 'frozen', { type: frozen, desiredState: { Name: 'f' } });
      new CloudControlResource(stack, 'plain', { type: plain, desiredState: { Name: 'p' } });
    });
    expect(Object.values<any>(json.resource.terraform_data).map((d) => d.triggers_replace)).toEqual([{ Name: '"f"' }]);
    expect(Object.entries<any>(json.resource.aws_cloudcontrolapi_resource).map(([n, r]) => [n.split('_')[0], r.lifecycle?.replace_triggered_by?.length ?? 0]))
      .toEqual([['frozen', 1], ['plain', 0]]);
  });

  it('appends the generation\'s id to a generated name, and leaves the stem in the trigger', () => {
    const json = synth((stack) => new CloudControlResource(stack, 'thing', { type: plain, desiredState: { Name: 'stem' }, generatedName: 'Name' }));
    const [dataName, dataBody] = Object.entries<any>(json.resource.terraform_data)[0]!;
    const [resource] = Object.values<any>(json.resource.aws_cloudcontrolapi_resource);
    expect(JSON.parse(resource.desired_state).Name).toBe(`stem-\${terraform_data.${dataName}.id}`);
    expect(dataBody.triggers_replace).toEqual({ Name: '"stem"' });
    expect(resource.lifecycle.replace_triggered_by).toEqual([`terraform_data.${dataName}`]);
  });

  it('moves the previous code\'s write-only holder onto the generation, so the first apply replaces instead of patching', () => {
    const json = synth((stack) => new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: 'n', Items: [{ Name: 'a', Secret: 's' }] } }));
    const [dataName] = Object.keys(json.resource.terraform_data);
    // The address a terraform_data `write-only` under `thing` gets: what the previous code wrote.
    const previous = new TerraformData(new Construct(new TerraformStack(Testing.app(), 'test'), 'thing'), 'write-only', {});
    expect(json.moved).toEqual([{ from: `terraform_data.${previous.friendlyUniqueId}`, to: `terraform_data.${dataName}` }]);
    // Only where the previous code had one: a type without write-only data had no holder.
    expect(synth((stack) => new CloudControlResource(stack, 'frozen', { type: frozen, desiredState: { Name: 'f' } })).moved).toBeUndefined();
  });

  it('synthesizes without running Terraform (cdktf\'s DataResource would run `terraform version` per instance)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const thing = new CloudControlResource(stack, 'thing', { type: nested, desiredState: { Name: 'n', Items: [{ Name: 'a', Secret: 's' }] } });
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(thing.generation!.node.validate()).toEqual([]);
    } finally {
      process.env.PATH = path;
    }
  });

  // Decided from the vendored schemas, for every Cloud Control resource of every environment's stack.
  const schemas = Object.fromEntries(readdirSync(path.join(__dirname, '..', 'cloud-control-schemas')).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(__dirname, '..', 'cloud-control-schemas', f), 'utf8')) as RegistrySchema)
    .map((s) => [s.typeName, s]));
  it.each(environments.map((e) => [e.name, e] as const))('in %s, every resource of a type Cloud Control cannot update is replaced by any change of its desired state', (_n, env) => {
    const json = synthEnvironment(env) as any;
    const replaced: string[] = [];
    for (const [name, body] of Object.entries<any>(json.resource.aws_cloudcontrolapi_resource)) {
      const triggers = (body.lifecycle?.replace_triggered_by ?? []).filter((t: string) => t.startsWith('terraform_data.'));
      if (inPlaceUpdateRefusal(schemas[body.type_name]!) === undefined) { expect(triggers, name).toEqual([]); continue; }
      replaced.push(body.type_name);
      expect(triggers, name).toHaveLength(1);
      const generation = json.resource.terraform_data[triggers[0].split('.')[1]];
      // Every property of the desired state is in the trigger; a generated name only by its stem.
      const state = JSON.parse(body.desired_state);
      const stem = (v: string) => v.replace(new RegExp(`-\\$\\{${triggers[0].replace('.', '\\.')}\\.id\\}$`), '');
      expect(Object.keys(generation.triggers_replace).sort(), name).toEqual(Object.keys(state).sort());
      for (const [k, v] of Object.entries(state)) expect(generation.triggers_replace[k], `${name} ${k}`).toBe(typeof v === 'string' ? JSON.stringify(stem(v)) : JSON.stringify(v));
    }
    expect(replaced.sort()).toEqual(['AWS::Lex::Bot', 'AWS::Lex::BotVersion']);
    // The previous code's holders, as its synthesized stacks named them, move onto the generations.
    expect(json.moved.map((m: { from: string }) => m.from).sort()).toEqual(['terraform_data.bot_version_write-only_805CBB11', 'terraform_data.bot_write-only_7DB37460']);
  });
});
