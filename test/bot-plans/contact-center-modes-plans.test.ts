// What real Terraform plans, and what the plan guard says, in each Connect instance mode: the
// existing-instance example's first plan; deleting the contact center of a stack that created its instance,
// of one that uses an existing instance, and of one that claimed a number in an existing instance; and
// moving a created instance to `existing` (docs/operations.md, "Use an existing contact center"), with and
// without `terraform state rm` first. Planned offline by ../shared/tools/tf-offline-check.mjs (AWS provider
// 5.100.0) from hand-written state, all scenarios in one Terraform run. The guard protects by resource
// type (delivery/plan-guard): an instance or number the stack does not own is no resource of it, so it can
// never be in the guard's list. Not planned: aws_connect_phone_number_contact_flow_association (not in 5.100.0).
import { beforeAll, describe, expect, it } from 'vitest';
import { guardPlan } from '../../delivery/plan-guard/plan-guard';
import { canPlanOffline, plansOf, synthesizeStacksOf, writeFixtureStacks } from '../../delivery/plan-guard/real-plans';
import { loadEnvironment, type EnvironmentConfig, type EnvironmentInput } from '../../environments';
import { instanceTarget, phoneNumberTarget } from '../../environments/connect-target';
import { connectVariants, environments, examples, synthEnvironment } from '../synth-helpers';
import { INSTANCE_ID, suffixed } from './bot-plan-fixture';
import { contactCenterAddresses, contactCenterConfig, contactCenterState, NUMBER_ID } from './contact-center-fixture';

const created = environments.find((e) => instanceTarget(e).kind === 'create' && phoneNumberTarget(e).kind === 'claim')!;
const existing = examples.find((e) => instanceTarget(e).kind === 'existing')!;
const claimInExisting = connectVariants.find((e) => instanceTarget(e).kind === 'existing' && phoneNumberTarget(e).kind === 'claim')!;
// The created environment after its config moved to `existing`: its own instance and number, by id. (Its own
// name, for synthEnvironment's cache; the contact center's addresses and bodies do not hold the stack name.)
const moved: EnvironmentConfig = loadEnvironment({
  ...(created as EnvironmentInput),
  name: 'moved',
  connect: { ...created.connect, instance: { existing: { instanceId: INSTANCE_ID } } },
  phoneNumber: { existing: { phoneNumberId: NUMBER_ID } },
});
const GONE = { resource: {} };
// `terraform state rm` of the instance, the number and the flow-log group (the fixture's only log group).
const stateRm = (state: any[]) => state.filter((r) => !['aws_connect_instance', 'aws_connect_phone_number', 'aws_cloudwatch_log_group'].includes(r.type));

type Scenario = { before: EnvironmentConfig; after?: EnvironmentConfig; edit?: (state: any[]) => any[] };
const scenarios: Record<string, Scenario> = {
  createdgone: { before: created },
  existinggone: { before: existing },
  claimgone: { before: claimInExisting },
  moved: { before: created, after: moved, edit: stateRm },
  movednorm: { before: created, after: moved },
};

const STACK = 'instance-modes';

describe.skipIf(!canPlanOffline())('real plans and the plan guard in each Connect instance mode', () => {
  let plans: Record<string, any>;
  const changesOf = (scenario: string) => Object.fromEntries(plans[STACK].resource_changes
    .filter((rc: any) => rc.address.endsWith(`_${scenario}`))
    .map((rc: any) => [rc.address.replace(`_${scenario}`, ''), rc.change.actions.join()]));
  const guardOf = (scenario: string) => guardPlan({ ...plans[STACK], resource_changes: plans[STACK].resource_changes.filter((rc: any) => rc.address.endsWith(`_${scenario}`)) });
  const addressesOf = (env: EnvironmentConfig) => contactCenterAddresses(synthEnvironment(env));
  const ofType = (env: EnvironmentConfig, type: string) => addressesOf(env).filter((a) => a.startsWith(`${type}.`));

  beforeAll(() => {
    const resource: Record<string, Record<string, object>> = {};
    const state: object[] = [];
    for (const [name, { before, after, edit = (s: any[]) => s }] of Object.entries(scenarios)) {
      const names = [...new Set([...addressesOf(before), ...(after ? addressesOf(after) : [])].map((a) => a.split('.')[1]!))];
      const config = after ? { resource: contactCenterConfig(synthEnvironment(after), after) } : GONE;
      for (const [type, bodies] of Object.entries(suffixed(config, names, name).resource)) Object.assign((resource[type] ??= {}), bodies);
      state.push(...suffixed(edit(contactCenterState(synthEnvironment(before), before) as any[]), names, name));
    }
    const out = synthesizeStacksOf([existing.name]);
    writeFixtureStacks(out, { [STACK]: { config: { resource }, state } });
    plans = plansOf(out, [existing.name, STACK]);
  }, 300_000);

  it('passes the existing-instance example\'s first plan, which creates no instance and no number', () => {
    const result = guardPlan(plans[existing.name]);
    expect(result).toMatchObject({ ok: true, violations: [] });
    expect(Object.keys(result.byType)).toEqual(expect.arrayContaining(['aws_kms_key', 'aws_cloudcontrolapi_resource', 'aws_connect_contact_flow']));
    expect(Object.keys(result.byType).filter((t) => ['aws_connect_instance', 'aws_connect_phone_number'].includes(t))).toEqual([]);
  });

  it('refuses deleting a created instance and its claimed number', () => {
    expect(guardOf('createdgone').violations.map((v) => [v.address.replace('_createdgone', ''), v.kind]).sort()).toEqual(
      [...ofType(created, 'aws_connect_instance'), ...ofType(created, 'aws_connect_phone_number')].map((a) => [a, 'delete']).sort());
  });

  it('passes deleting the contact center of an existing instance: only the stack\'s association, flow and id holder go', () => {
    const result = guardOf('existinggone');
    expect(result).toMatchObject({ ok: true, violations: [] });
    expect(changesOf('existinggone')).toEqual(Object.fromEntries(addressesOf(existing).map((a) => [a, 'delete'])));
    expect(Object.keys(changesOf('existinggone')).filter((a) => /^aws_connect_(instance|phone_number)\./.test(a))).toEqual([]);
  });

  it('refuses deleting a number claimed in an existing instance, and nothing else', () => {
    expect(guardOf('claimgone').violations.map((v) => [v.address.replace('_claimgone', ''), v.kind])).toEqual(
      ofType(claimInExisting, 'aws_connect_phone_number').map((a) => [a, 'delete']));
  });

  it('moves a created instance to existing after `terraform state rm` of instance, number and flow-log group: nothing is replaced or deleted', () => {
    const changes = changesOf('moved');
    const holder = ofType(moved, 'terraform_data');
    expect(changes).toEqual({
      ...Object.fromEntries(addressesOf(moved).map((a) => [a, 'no-op'])),
      // Creating the id holder replaces nothing: replace_triggered_by reacts to its update or replacement only.
      [holder[0]!]: 'create',
    });
    expect(guardOf('moved')).toMatchObject({ ok: true, violations: [] });
  });

  it('without `terraform state rm` the same change deletes the instance and the number, and the guard refuses it', () => {
    const changes = changesOf('movednorm');
    for (const address of [...ofType(created, 'aws_connect_instance'), ...ofType(created, 'aws_connect_phone_number'), ...ofType(created, 'aws_cloudwatch_log_group')]) {
      expect(changes[address], address).toBe('delete');
    }
    expect(guardOf('movednorm').violations.map((v) => v.kind)).toEqual(['delete', 'delete']);
    expect(guardOf('movednorm').ok).toBe(false);
  });
});
