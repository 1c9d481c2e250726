// What real Terraform plans when the bot or the Connect instance changes: the dev stack's bot and
// contact-center resources, planned offline (../shared/tools/tf-offline-check.mjs, AWS provider 5.100.0)
// against hand-written state written as after an apply of the stack before the change. All scenarios
// share one Terraform run (each is renamed with its own suffix), because each run costs 10-25 s of CPU.
//
// Why replacements: aws_cloudcontrolapi_resource updates by sending Cloud Control a JSON Patch of old vs
// new desired_state (terraform-provider-aws internal/service/cloudcontrol/resource.go, patchDocument) and
// forces replacement only for createOnlyProperties (resourceResourceCustomizeDiffSchemaDiff). Cloud
// Control applies the patch to the model it reads back, which never holds writeOnlyProperties
// (https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-operations-update.html), so a
// patch under /BotLocales fails (pulumi/pulumi-aws-native#783, hashicorp/terraform-provider-awscc#1737).
// Ordering: create_before_destroy creates the new object, updates dependents, then destroys the old one
// (hashicorp/terraform docs/destroying.md, "Create Before Destroy").
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { guardPlan } from '../../delivery/plan-guard/plan-guard';
import { canPlanOffline, plansOf, writeFixtureStacks } from '../../delivery/plan-guard/real-plans';
import { loadEnvironment } from '../../environments';
import { environments, synthEnvironment, type SynthesizedStack } from '../synth-helpers';
import { writeOnlyFingerprint, writeOnlyInput } from '../../stacks/constructs/cloud-control';
import { LEX_BOT } from '../../stacks/lex/lex-cfn-types';
import { addresses, appliedState, bodyOf, evaluate, fixtureConfig, fixtureNames, ROLES, suffixed, type Role } from './bot-plan-fixture';
import { SecureInputStack } from '../../stacks/secure-input-stack';
import { ApplyGraph, TERRAFORM_WITH_APPLY_GRAPH } from './apply-graph';
import { updatePatch, writeOnlyTouches } from './cloud-control-patch';

const dev = environments.find((e) => e.name === 'dev')!;
const synthOf = (lex: Partial<typeof dev.lex>) =>
  JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), loadEnvironment({ ...dev, lex: { ...dev.lex, ...lex } })))) as SynthesizedStack;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
type Body = Record<string, any>;

const current = synthEnvironment(dev);
const at = addresses(current);

/** The current stack as deployed before one prompt's text changed: another bot definition, name and write-only input. */
function beforePromptChange(): SynthesizedStack {
  const json = clone(current);
  const bot = bodyOf(json, at.bot);
  const state = JSON.parse(bot.desired_state);
  state.BotLocales[0].Intents[0].Slots[0].ValueElicitationSetting.PromptSpecification.MessageGroupsList[0].Message.PlainTextMessage.Value = 'Your card number, please.';
  state.Name = state.Name.replace(/-[0-9a-f]{8}$/, `-${writeOnlyFingerprint(LEX_BOT, state)}`);
  bot.desired_state = JSON.stringify(state);
  bodyOf(json, at.botWriteOnly).input = writeOnlyInput(LEX_BOT, state);
  return json;
}

/**
 * The stack as deployed before the capture became a module: no module, and a flow that held the capture
 * itself (its content here: the capture's actions without the module's Settings and Return; any other
 * content plans the same update).
 */
function beforeModule(): SynthesizedStack {
  const json = clone(current);
  const { Settings: _settings, ...capture } = JSON.parse(bodyOf(json, at.module).content);
  bodyOf(json, at.flow).content = JSON.stringify(capture);
  return json;
}
const withoutModule = (state: any[]) => state.filter((r) => `${r.type}.${r.name}` !== at.module)
  .map((r) => ({ ...r, instances: r.instances.map((i: any) => ({ ...i, dependencies: (i.dependencies ?? []).filter((d: string) => d !== at.module) })) }));

function beforeInstanceAlias(): SynthesizedStack {
  const json = clone(current);
  bodyOf(json, at.instance).instance_alias = `${bodyOf(json, at.instance).instance_alias}-old`;
  return json;
}

/** State as deployed by the code before write-only replacement: no terraform_data, no name suffix, a fixed statement id. */
function deployedBeforeThisMechanism(state: any[]): object[] {
  return state.filter((r) => r.type !== 'terraform_data').map((r) => {
    const attributes = clone(r.instances[0].attributes);
    if (`${r.type}.${r.name}` === at.bot) {
      const desired = JSON.parse(attributes.desired_state);
      desired.Name = desired.Name.replace(/-[0-9a-f]{8}$/, '');
      attributes.desired_state = attributes.properties = JSON.stringify(desired);
    }
    if (`${r.type}.${r.name}` === at.permission) Object.assign(attributes, { id: 'LexAliasInvokesEncrypt', statement_id: 'LexAliasInvokesEncrypt', statement_id_prefix: '' });
    const dependencies = (r.instances[0].dependencies ?? []).filter((d: string) => !d.startsWith('terraform_data.'));
    return { ...r, instances: [{ ...r.instances[0], attributes, dependencies }] };
  });
}

const PROMPT = 'prompt';
const LOCALE = 'locale';
const TTL = 'ttl';
const INSTANCE = 'instance';
const UPGRADE = 'upgrade';
const MODULE = 'module';
const scenarios: Record<string, { before: SynthesizedStack; after: SynthesizedStack; state?: (s: any[]) => object[] }> = {
  [PROMPT]: { before: beforePromptChange(), after: current },
  // dev has one locale; the change adds a second.
  [LOCALE]: { before: current, after: synthOf({ locales: [...dev.lex.locales, 'es_US'] }) },
  [TTL]: { before: synthOf({ idleSessionTtlInSeconds: dev.lex.idleSessionTtlInSeconds + 60 }), after: current },
  [INSTANCE]: { before: beforeInstanceAlias(), after: current },
  // The first apply of this code over a stack deployed by the code before it.
  [UPGRADE]: { before: current, after: current, state: deployedBeforeThisMechanism },
  // The first apply of the capture module over a stack whose flow held the capture itself.
  [MODULE]: { before: beforeModule(), after: current, state: withoutModule },
};

const STACK = 'bot-changes';
type Change = { actions: string[]; reason?: string };

describe.skipIf(!canPlanOffline())('real plans of the bot and the contact center', () => {
  let plan: any;
  let graph: ApplyGraph;
  const config: { resource: Record<string, Record<string, Body>>; locals: Record<string, string> } = { resource: {}, locals: {} };
  const addressIn = (scenario: string, role: Role) => `${(scenario === LOCALE ? addresses(scenarios[LOCALE]!.after) : at)[role]}_${scenario}`;
  const changesOf = (scenario: string): Record<Role, Change> => Object.fromEntries(ROLES.map((role) => {
    const rc = plan.resource_changes.find((r: any) => r.address === addressIn(scenario, role));
    if (!rc) throw new Error(`no change for ${role} in ${scenario}`);
    return [role, { actions: rc.change.actions, ...(rc.action_reason ? { reason: rc.action_reason } : {}) }];
  })) as Record<Role, Change>;

  beforeAll(() => {
    const state: object[] = [];
    for (const [name, { before, after, state: edit = (x: any[]) => x }] of Object.entries(scenarios)) {
      const names = fixtureNames(after);
      const part = suffixed(fixtureConfig(after, dev), names, name);
      for (const [type, bodies] of Object.entries(part.resource)) Object.assign((config.resource[type] ??= {}), bodies);
      Object.assign(config.locals, part.locals);
      state.push(...suffixed(edit(appliedState(before, dev)), names, name));
    }
    const out = mkdtempSync(path.join(tmpdir(), 'bot-plans-'));
    writeFixtureStacks(out, { [STACK]: { config, state } });
    // The same Terraform run also writes the apply graph of the plan (TERRAFORM is the offline check's
    // documented way to name the binary).
    const graphs = mkdtempSync(path.join(tmpdir(), 'bot-graphs-'));
    const saved = { TERRAFORM: process.env.TERRAFORM, REAL_TERRAFORM: process.env.REAL_TERRAFORM, APPLY_GRAPH_DIR: process.env.APPLY_GRAPH_DIR };
    Object.assign(process.env, { REAL_TERRAFORM: saved.TERRAFORM ?? 'terraform', TERRAFORM: TERRAFORM_WITH_APPLY_GRAPH, APPLY_GRAPH_DIR: graphs });
    try {
      plan = plansOf(out, [STACK])[STACK];
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    graph = new ApplyGraph(readFileSync(path.join(graphs, `${STACK}.dot`), 'utf8'));
  }, 240_000);

  const REPLACED_BOT = {
    bot: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    version: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    alias: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    association: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    // Every argument of a Lambda permission forces a new one; the new alias ARN is unknown at plan.
    permission: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
    // The capture module switches to the new alias ARN in place, after the new association and before the
    // old goes; the flow names only the module, which stays.
    module: { actions: ['update'] }, flow: { actions: ['no-op'] }, instance: { actions: ['no-op'] },
  };

  it('a changed prompt replaces the bot and everything wired to it, each new one first, and updates the module', () => {
    expect(changesOf(PROMPT)).toEqual({ ...REPLACED_BOT, botWriteOnly: { actions: ['update'] }, versionWriteOnly: { actions: ['no-op'] } });
  });

  it('an added locale does the same; the version\'s own write-only locale list changes too', () => {
    expect(changesOf(LOCALE)).toEqual({ ...REPLACED_BOT, botWriteOnly: { actions: ['update'] }, versionWriteOnly: { actions: ['update'] } });
  });

  it('applies a bot replacement so that calls keep working: the new chain, then the module, then the old objects', () => {
    // Terraform deletes a create_before_destroy object's old (deposed) copy only after updating what
    // depends on it, from the dependencies recorded in state (hashicorp/terraform docs/destroying.md).
    for (const scenario of [PROMPT, LOCALE]) {
      const now = (role: Role) => graph.operation(addressIn(scenario, role));
      const old = (role: Role) => graph.deposedDeletion(addressIn(scenario, role));
      const order: [string, string][] = [
        [now('version'), now('bot')], [now('alias'), now('version')], [now('association'), now('alias')], [now('permission'), now('alias')],
        [now('module'), now('association')], [now('module'), now('permission')],
        [old('association'), now('module')], [old('permission'), now('module')],
        [old('alias'), old('association')], [old('alias'), old('permission')], [old('version'), old('alias')], [old('bot'), old('version')],
      ];
      expect(order.filter(([later, earlier]) => !graph.runsAfter(later, earlier)).map(([l, e]) => `${l} does not wait for ${e}`), scenario).toEqual([]);
      // And not the other way round: the module does not wait for any old object to go.
      expect((['association', 'permission', 'alias', 'version', 'bot'] as const).filter((r) => graph.runsAfter(now('module'), old(r))), scenario).toEqual([]);
    }
  });

  it('a changed idle-session TTL (not write-only) updates the bot in place, makes a new version and moves the alias to it', () => {
    // IdleSessionTTLInSeconds is an ordinary property of AWS::Lex::Bot: Cloud Control reads it back, so
    // the patch applies. The version is immutable and is rebuilt from the DRAFT whenever the bot changes.
    expect(changesOf(TTL)).toEqual({
      bot: { actions: ['update'] }, botWriteOnly: { actions: ['no-op'] },
      version: { actions: ['create', 'delete'], reason: 'replace_by_triggers' }, versionWriteOnly: { actions: ['no-op'] },
      alias: { actions: ['update'] },
      association: { actions: ['no-op'] }, permission: { actions: ['no-op'] }, module: { actions: ['no-op'] }, flow: { actions: ['no-op'] }, instance: { actions: ['no-op'] },
    });
  });

  it('a replaced instance replaces the association, the module and the flow, and leaves the bot alone', () => {
    // The association's create_before_destroy is forced onto the instance it depends on (Terraform docs,
    // lifecycle create_before_destroy): the new instance is created first. Its alias is the one thing that
    // replaces an instance here, and the new alias differs from the old, so both can exist at once.
    expect(changesOf(INSTANCE)).toEqual({
      instance: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
      association: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
      // The module's instance_id would update in place while the provider still addresses the old instance.
      module: { actions: ['delete', 'create'], reason: 'replace_by_triggers' },
      flow: { actions: ['delete', 'create'], reason: 'replace_by_triggers' },
      bot: { actions: ['no-op'] }, botWriteOnly: { actions: ['no-op'] }, version: { actions: ['no-op'] }, versionWriteOnly: { actions: ['no-op'] },
      alias: { actions: ['no-op'] }, permission: { actions: ['no-op'] },
    });
  });

  it('the first apply over a stack deployed before this mechanism renames the bot in place and replaces only version and permission', () => {
    // Creating a terraform_data does not trigger a replacement (only its update or replacement does); the
    // bot's new name suffix is an ordinary property; the permission moves to a statement id prefix.
    expect(changesOf(UPGRADE)).toEqual({
      bot: { actions: ['update'] }, botWriteOnly: { actions: ['create'] },
      version: { actions: ['create', 'delete'], reason: 'replace_by_triggers' }, versionWriteOnly: { actions: ['create'] },
      alias: { actions: ['update'] },
      permission: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
      association: { actions: ['no-op'] }, module: { actions: ['no-op'] }, flow: { actions: ['no-op'] }, instance: { actions: ['no-op'] },
    });
  });

  it('the first apply of the capture module over a stack whose flow held the capture creates the module, then updates the flow in place', () => {
    const untouched = Object.fromEntries(ROLES.filter((r) => !['module', 'flow'].includes(r)).map((r) => [r, { actions: ['no-op'] }]));
    expect(changesOf(MODULE)).toEqual({ ...untouched, module: { actions: ['create'] }, flow: { actions: ['update'] } });
    // The flow's new content names the module's id: the module exists first, and the number keeps its flow.
    expect(graph.runsAfter(graph.operation(addressIn(MODULE, 'flow')), graph.operation(addressIn(MODULE, 'module')))).toBe(true);
  });

  it('the plan guard refuses only the replaced instance: the module is not protected, whether created, updated or replaced', () => {
    const result = guardPlan(plan);
    expect(result.violations).toEqual([{ address: addressIn(INSTANCE, 'instance'), kind: 'replace', what: 'the Connect instance' }]);
    expect(result.byType.aws_connect_contact_flow_module).toMatchObject({ create: 1, update: 2, replace: 1 });
  });

  /** The new desired state of a planned update: the plan's, or the config's with what the plan knows filled in. */
  function plannedDesiredState(rc: any): object {
    if (!rc.change.after_unknown?.desired_state) return JSON.parse(rc.change.after.desired_state);
    const [type, name] = rc.address.split('.');
    const known = (ref: string) => {
      const [t, n, attr] = ref.split('.');
      const other = plan.resource_changes.find((r: any) => r.address === `${t}.${n}`);
      return other && !other.change.after_unknown?.[attr!] ? String(other.change.after[attr!]) : undefined;
    };
    const text = evaluate(config.resource[type]![name]!.desired_state, config.locals, known);
    return JSON.parse(text.replace(/\$\{[^}]*\}/g, '(known after apply)'));
  }

  it('no in-place update of a Cloud Control resource patches a write-only path (the patch the provider would send)', () => {
    const updates = plan.resource_changes.filter((rc: any) => rc.type === 'aws_cloudcontrolapi_resource' && rc.change.actions.join() === 'update');
    const patches = Object.fromEntries(updates.map((rc: any) => [rc.address, updatePatch(JSON.parse(rc.change.before.desired_state), plannedDesiredState(rc))]));
    for (const rc of updates) expect(writeOnlyTouches(rc.change.after.type_name, patches[rc.address]), rc.address).toEqual([]);
    // The bot and the alias of the TTL change and of the upgrade, and nothing else; each patch as expected.
    expect(Object.fromEntries(Object.entries(patches).map(([address, patch]: [string, any]) => [address, patch.map((op: any) => `${op.op} ${op.path}`)]))).toEqual({
      [`${at.bot}_${TTL}`]: ['replace /IdleSessionTTLInSeconds'], [`${at.alias}_${TTL}`]: ['replace /BotVersion'],
      [`${at.bot}_${UPGRADE}`]: ['replace /Name'], [`${at.alias}_${UPGRADE}`]: ['replace /BotVersion'],
    });
  });

  it('would have patched /BotLocales in place for the prompt and the locale change, which is why they replace', () => {
    for (const scenario of [PROMPT, LOCALE]) {
      const rc = plan.resource_changes.find((r: any) => r.address === addressIn(scenario, 'bot'));
      const patch = updatePatch(JSON.parse(rc.change.before.desired_state), JSON.parse(rc.change.after.desired_state));
      expect(new Set(writeOnlyTouches('AWS::Lex::Bot', patch).map((t) => t.writeOnly)), scenario).toEqual(new Set(['/properties/BotLocales']));
    }
  });

  it('names the replacement bot apart from the one it replaces, and keeps the name when only the TTL changes', () => {
    const nameIn = (scenario: string, side: 'before' | 'after') => {
      const rc = plan.resource_changes.find((r: any) => r.address === addressIn(scenario, 'bot'));
      return JSON.parse(rc.change[side].desired_state).Name;
    };
    for (const scenario of [PROMPT, LOCALE]) expect(nameIn(scenario, 'after'), scenario).not.toBe(nameIn(scenario, 'before'));
    expect(nameIn(TTL, 'after')).toBe(nameIn(TTL, 'before'));
  });
});
