import { describe, expect, it } from 'vitest';
import { refusedInPlaceUpdates, type CloudControlChange } from './cloud-control-updates';
import { guardPlan, summaryMarkdown } from './plan-guard';

const update = (typeName: string, before: string, after: string, unknown = false): CloudControlChange => ({
  address: `aws_cloudcontrolapi_resource.${typeName.split('::').pop()!.toLowerCase()}`, type: 'aws_cloudcontrolapi_resource',
  change: { actions: ['update'], before: { type_name: typeName, desired_state: before }, after: { type_name: typeName, desired_state: unknown ? null : after }, after_unknown: unknown ? { desired_state: true } : {} },
});

describe('in-place updates Cloud Control cannot apply', () => {
  it('refuses a bot patched in place (write-only BotLocales) and a version (no update handler)', () => {
    expect(refusedInPlaceUpdates([update('AWS::Lex::Bot', '{"IdleSessionTTLInSeconds":300}', '{"IdleSessionTTLInSeconds":360}')]))
      .toEqual([{ address: 'aws_cloudcontrolapi_resource.bot', why: expect.stringContaining('AWS::Lex::Bot has write-only properties (/properties/BotLocales') }]);
    expect(refusedInPlaceUpdates([update('AWS::Lex::BotVersion', '{"Description":"a"}', '{"Description":"b"}')]))
      .toEqual([{ address: 'aws_cloudcontrolapi_resource.botversion', why: 'AWS::Lex::BotVersion has no update handler' }]);
  });

  it('judges a desired state known only after apply too', () => {
    expect(refusedInPlaceUpdates([update('AWS::Lex::Bot', '{}', '', true)])).toHaveLength(1);
  });

  it('lets an alias or an association be patched (no write-only properties, an update handler)', () => {
    expect(refusedInPlaceUpdates([
      update('AWS::Lex::BotAlias', '{"BotVersion":"1"}', '{"BotVersion":"2"}'),
      update('AWS::Connect::IntegrationAssociation', '{"Tags":[]}', '{"Tags":[{"Key":"a","Value":"b"}]}'),
    ])).toEqual([]);
  });

  it('lets through an update that sends Cloud Control nothing (the same desired state, e.g. a new schema text)', () => {
    expect(refusedInPlaceUpdates([update('AWS::Lex::Bot', '{"Name":"n"}', '{"Name":"n"}')])).toEqual([]);
  });

  it('refuses a type it has no schema for, rather than guess', () => {
    expect(refusedInPlaceUpdates([update('AWS::Some::Thing', '{"A":1}', '{"A":2}')])[0]!.why).toMatch(/no vendored schema for AWS::Some::Thing/);
  });

  it('makes the guard refuse the plan, whatever the destroy override says, and name the resource', () => {
    const plan = { format_version: '1.2', resource_changes: [update('AWS::Lex::Bot', '{"Description":"a"}', '{"Description":"b"}')] };
    for (const override of [false, true]) expect(guardPlan(plan, override).ok).toBe(false);
    const summary = summaryMarkdown(guardPlan(plan), 'dev');
    expect(summary).not.toMatch(/passed/);
    expect(summary).toMatch(/`aws_cloudcontrolapi_resource\.bot`: \*\*in-place update\*\*/);
  });
});
