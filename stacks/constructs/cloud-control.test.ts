import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { CONNECT_INTEGRATION_ASSOCIATION } from '../connect/connect-cfn-types';
import { LEX_BOT, LEX_BOT_ALIAS, LEX_BOT_VERSION } from '../lex/lex-cfn-types';
import { cloudControlType, CloudControlResource } from './cloud-control';

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
