// What real Terraform plans when the bot or the Connect instance changes: the dev stack's bot and
// contact-center resources, planned offline (../shared/tools/tf-offline-check.mjs, AWS provider 5.100.0)
// against hand-written state written as after an apply of the stack before the change. All scenarios
// share one Terraform run (each is renamed with its own suffix), because each run costs 10-25 s of CPU.
//
// Why replacements: aws_cloudcontrolapi_resource updates by sending Cloud Control a JSON Patch of old vs
// new desired_state (terraform-provider-aws internal/service/cloudcontrol/resource.go, resourceResourceUpdate
// -> patchDocument) and forces replacement only for createOnlyProperties (resourceResourceCustomizeDiffSchemaDiff).
// Cloud Control applies the patch to the model it reads back, which never holds writeOnlyProperties
// (https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-operations-update.html), so any
// in-place update of the bot hands its handler a bot without BotLocales (./cloud-control-patch.ts). Every
// change of the bot therefore replaces it, under a name that ends in its generation's id.
// Ordering: create_before_destroy creates the new object, updates dependents, then destroys the old one
// (hashicorp/terraform docs/destroying.md, "Create Before Destroy").
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { canPlanOffline, plansOf, writeFixtureStacks } from '../../delivery/plan-guard/real-plans';
import { guardPlan } from '../../delivery/plan-guard/plan-guard';
import { loadEnvironment } from '../../environments';
import { environments, synthEnvironment, type SynthesizedStack } from '../synth-helpers';
import { LEX_BOT } from '../../stacks/lex/lex-cfn-types';
import { writeOnlyValues } from '../../stacks/constructs/write-only-properties';
import { addresses, appliedState, bodyOf, evaluate, fixtureConfig, fixtureNames, ROLES, suffixed, type FixtureConfig, type Role } from './bot-plan-fixture';
import { SecureInputStack } from '../../stacks/secure-input-stack';
import { ApplyGraph, TERRAFORM_WITH_APPLY_GRAPH } from './apply-graph';
import { inPlaceUpdateProblems, updatePatch, writeOnlyTouches } from './cloud-control-patch';

const dev = environments.find((e) => e.name === 'dev')!;
const synthOf = (lex: Partial<typeof dev.lex>) =>
  JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), loadEnvironment({ ...dev, lex: { ...dev.lex, ...lex } })))) as SynthesizedStack & { moved?: { from: string; to: string }[] };
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

const current = synthEnvironment(dev) as SynthesizedStack & { moved?: { from: string; to: string }[] };
const at = addresses(current);
const GENERATION_SUFFIX = /-\$\{terraform_data\.[\w-]+\.id\}$/;

/** The current stack as deployed before an edit of the bot's desired state: its definition and its generation's triggers. */
function beforeBotEdit(edit: (state: any) => void): SynthesizedStack {
  const json = clone(current);
  const bot = bodyOf(json, at.bot);
  const state = JSON.parse(bot.desired_state);
  edit(state);
  bot.desired_state = JSON.stringify(state);
  const stem = { ...state, Name: state.Name.replace(GENERATION_SUFFIX, '') };
  bodyOf(json, at.botGeneration).triggers_replace = Object.fromEntries(Object.entries(stem).map(([k, v]) => [k, JSON.stringify(v)]));
  return json;
}

function beforeAliasDescription(): SynthesizedStack {
  const json = clone(current);
  const alias = bodyOf(json, at.alias);
  alias.desired_state = JSON.stringify({ ...JSON.parse(alias.desired_state), Description: 'An older description' });
  return json;
}

function beforeInstanceAlias(): SynthesizedStack {
  const json = clone(current);
  bodyOf(json, at.instance).instance_alias = `${bodyOf(json, at.instance).instance_alias}-old`;
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

const legacyAddress = (generation: string) => current.moved!.find((m) => m.to === generation)!.from;

/**
 * State as the previous code deployed it: the bot's and the version's write-only parts in terraform_data
 * `input`s under their old addresses, and the bot named with an 8-hex fingerprint instead of a generation id.
 */
function deployedByPreviousCode(state: any[]): object[] {
  return state.map((r) => {
    const address = `${r.type}.${r.name}`;
    const attributes = clone(r.instances[0].attributes);
    const dependencies = (r.instances[0].dependencies ?? []).map((d: string) => (d === at.botGeneration || d === at.versionGeneration ? legacyAddress(d) : d));
    if (address === at.bot) {
      const desired = JSON.parse(attributes.desired_state);
      desired.Name = desired.Name.replace(/-[0-9a-f-]{36}$/, '-7a3c91e0');
      attributes.desired_state = attributes.properties = JSON.stringify(desired);
    }
    if (address === at.botGeneration || address === at.versionGeneration) {
      const owner = state.find((o) => `${o.type}.${o.name}` === (address === at.botGeneration ? at.bot : at.version))!;
      const desired = JSON.parse(owner.instances[0].attributes.desired_state);
      const input = Object.fromEntries(Object.entries(writeOnlyValues(desired, address === at.botGeneration ? LEX_BOT.schema.writeOnlyProperties! : ['/properties/BotVersionLocaleSpecification'])).map(([k, v]) => [k, JSON.stringify(v)]));
      const value = { value: input, type: ['object', Object.fromEntries(Object.keys(input).map((k) => [k, 'string']))] };
      return { ...r, name: legacyAddress(address).split('.')[1], instances: [{ ...r.instances[0], attributes: { id: `${address}-legacy`, input: value, output: value, triggers_replace: null }, dependencies }] };
    }
    return { ...r, instances: [{ ...r.instances[0], attributes, dependencies }] };
  });
}

/** State as deployed by the code before any terraform_data: no generation, no name suffix, a fixed statement id. */
function deployedBeforeGenerations(state: any[]): object[] {
  return state.filter((r) => r.type !== 'terraform_data').map((r) => {
    const attributes = clone(r.instances[0].attributes);
    if (`${r.type}.${r.name}` === at.bot) {
      const desired = JSON.parse(attributes.desired_state);
      desired.Name = desired.Name.replace(/-[0-9a-f-]{36}$/, '');
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
const DESCRIPTION = 'description';
const REPLACE = 'replace';
const BARE_REPLACE = 'bare';
const INSTANCE = 'instance';
const ALIAS = 'alias';
const UPGRADE = 'upgrade';
const LEGACY = 'legacy';
const MODULE = 'module';
type Scenario = { before: SynthesizedStack; after: SynthesizedStack; state?: (s: any[]) => object[]; replace?: Role };
const scenarios: Record<string, Scenario> = {
  [PROMPT]: { before: beforeBotEdit((s) => { s.BotLocales[0].Intents[0].Slots[0].ValueElicitationSetting.PromptSpecification.MessageGroupsList[0].Message.PlainTextMessage.Value = 'Your card number, please.'; }), after: current },
  // dev has one locale; the change adds a second.
  [LOCALE]: { before: current, after: synthOf({ locales: [...dev.lex.locales, 'es_US'] }) },
  [TTL]: { before: synthOf({ idleSessionTtlInSeconds: dev.lex.idleSessionTtlInSeconds + 60 }), after: current },
  [DESCRIPTION]: { before: beforeBotEdit((s) => { s.Description = 'An older description'; }), after: current },
  // `terraform plan -replace=<the bot's generation>`: the documented way to a fresh name (docs/operations.md).
  [REPLACE]: { before: current, after: current, replace: 'botGeneration' },
  // `terraform plan -replace=<the bot>`: the same name, which Lex refuses while the old bot exists.
  [BARE_REPLACE]: { before: current, after: current, replace: 'bot' },
  [INSTANCE]: { before: beforeInstanceAlias(), after: current },
  [ALIAS]: { before: beforeAliasDescription(), after: current },
  // The first apply of this code over a stack deployed by the previous code.
  [UPGRADE]: { before: current, after: current, state: deployedByPreviousCode },
  // ... and over one deployed before any terraform_data: the plan guard must catch it.
  [LEGACY]: { before: current, after: current, state: deployedBeforeGenerations },
  // The first apply of the capture module over a stack whose flow held the capture itself.
  [MODULE]: { before: beforeModule(), after: current, state: withoutModule },
};
const BOT_CHANGES = [PROMPT, LOCALE, TTL, DESCRIPTION, REPLACE, UPGRADE];

const STACK = 'bot-changes';
type Change = { actions: string[]; reason?: string };

describe.skipIf(!canPlanOffline())('real plans of the bot and the contact center', () => {
  let plan: any;
  let graph: ApplyGraph;
  const config: FixtureConfig = { resource: {}, locals: {}, moved: [] };
  const addressIn = (scenario: string, role: Role) => `${(scenario === LOCALE ? addresses(scenarios[LOCALE]!.after) : at)[role]}_${scenario}`;
  const changeOf = (scenario: string, role: Role) => {
    const rc = plan.resource_changes.find((r: any) => r.address === addressIn(scenario, role));
    if (!rc) throw new Error(`no change for ${role} in ${scenario}`);
    return rc;
  };
  const changesOf = (scenario: string): Record<Role, Change> => Object.fromEntries(ROLES.map((role) => {
    const rc = changeOf(scenario, role);
    return [role, { actions: rc.change.actions, ...(rc.action_reason ? { reason: rc.action_reason } : {}) }];
  })) as Record<Role, Change>;

  beforeAll(() => {
    const state: object[] = [];
    const replace: string[] = [];
    for (const [name, { before, after, state: edit = (x: any[]) => x, replace: role }] of Object.entries(scenarios)) {
      const names = fixtureNames(after);
      const part = suffixed(fixtureConfig(after, dev), names, name);
      for (const [type, bodies] of Object.entries(part.resource)) Object.assign((config.resource[type] ??= {}), bodies);
      Object.assign(config.locals, part.locals);
      config.moved.push(...part.moved);
      state.push(...suffixed(edit(appliedState(before, dev)), names, name));
      if (role) replace.push(`-replace=${addressIn(name, role)}`);
    }
    const out = mkdtempSync(path.join(tmpdir(), 'bot-plans-'));
    writeFixtureStacks(out, { [STACK]: { config, state } });
    // The same Terraform run also writes the apply graph of the plan and adds the -replace options
    // (TERRAFORM is the offline check's documented way to name the binary).
    const graphs = mkdtempSync(path.join(tmpdir(), 'bot-graphs-'));
    plan = plansOf(out, [STACK], {
      env: { REAL_TERRAFORM: process.env.TERRAFORM ?? 'terraform', TERRAFORM: TERRAFORM_WITH_APPLY_GRAPH, APPLY_GRAPH_DIR: graphs, PLAN_EXTRA_ARGS: JSON.stringify(replace) },
    })[STACK];
    graph = new ApplyGraph(readFileSync(path.join(graphs, `${STACK}.dot`), 'utf8'));
  }, 300_000);

  const REPLACED_BOT = {
    bot: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    // The bot's generation holds its whole desired state; terraform_data replaces itself when that changes.
    botGeneration: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
    version: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    // The version's generation holds the bot's id, unknown while the bot is replaced.
    versionGeneration: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
    alias: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    association: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
    // Every argument of a Lambda permission forces a new one; the new alias ARN is unknown at plan.
    permission: { actions: ['create', 'delete'], reason: 'replace_because_cannot_update' },
    // The capture module switches to the new alias ARN in place, after the new association and before the
    // old goes; the flow names only the module, which stays.
    module: { actions: ['update'] }, flow: { actions: ['no-op'] }, instance: { actions: ['no-op'] },
  };

  it.each([PROMPT, LOCALE, TTL, DESCRIPTION])('a changed %s replaces the bot and everything wired to it, each new one first, and updates the module', (scenario) => {
    expect(changesOf(scenario)).toEqual(REPLACED_BOT);
  });

  it('`-replace` of the bot\'s generation replaces the same chain (the command for a fresh name)', () => {
    expect(changesOf(REPLACE)).toEqual({ ...REPLACED_BOT, botGeneration: { actions: ['create', 'delete'], reason: 'replace_by_request' } });
  });

  it('a bare `-replace` of the bot replaces the chain but keeps the generation, and so the name', () => {
    expect(changesOf(BARE_REPLACE)).toEqual({ ...REPLACED_BOT, bot: { actions: ['create', 'delete'], reason: 'replace_by_request' }, botGeneration: { actions: ['no-op'] } });
  });

  it('names every replacement bot apart from the one it replaces; a bare `-replace` reuses the name', () => {
    const template = JSON.parse(config.resource.aws_cloudcontrolapi_resource![addressIn(PROMPT, 'bot').split('.')[1]!]!.desired_state).Name;
    expect(template).toMatch(GENERATION_SUFFIX);
    for (const scenario of BOT_CHANGES) {
      const bot = changeOf(scenario, 'bot').change;
      const generation = changeOf(scenario, 'botGeneration').change;
      // The new name holds the new generation's id, which Terraform makes at apply: unknown in the plan.
      expect([bot.after_unknown.desired_state, generation.after_unknown.id], scenario).toEqual([true, true]);
      expect(JSON.parse(bot.before.desired_state).Name, scenario).toMatch(new RegExp(`^${template.replace(GENERATION_SUFFIX, '')}-[0-9a-f-]+$`));
    }
    const bare = changeOf(BARE_REPLACE, 'bot').change;
    expect(bare.after_unknown.desired_state).toBeFalsy();
    expect(JSON.parse(bare.after.desired_state).Name).toBe(JSON.parse(bare.before.desired_state).Name);
  });

  it('applies a bot replacement so that calls keep working: the new chain, then the module, then the old objects', () => {
    // Terraform deletes a create_before_destroy object's old (deposed) copy only after updating what
    // depends on it, from the dependencies recorded in state (hashicorp/terraform docs/destroying.md).
    for (const scenario of [...BOT_CHANGES, BARE_REPLACE]) {
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
      bot: { actions: ['no-op'] }, botGeneration: { actions: ['no-op'] }, version: { actions: ['no-op'] }, versionGeneration: { actions: ['no-op'] },
      alias: { actions: ['no-op'] }, permission: { actions: ['no-op'] },
    });
  });

  it('the first apply over the previous code\'s stack moves its write-only holders onto the generations and replaces the bot', () => {
    // The moved blocks keep the old objects; their triggers_replace goes from null to the desired state.
    expect(changesOf(UPGRADE)).toEqual(REPLACED_BOT);
    expect(changeOf(UPGRADE, 'botGeneration').previous_address).toBe(`${legacyAddress(at.botGeneration)}_${UPGRADE}`);
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
    // Updated wherever the alias is replaced, created once, replaced with the instance.
    expect(result.byType.aws_connect_contact_flow_module).toMatchObject({ create: 1, update: [...BOT_CHANGES, BARE_REPLACE].length, replace: 1 });
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

  const inPlaceUpdates = () => plan.resource_changes.filter((rc: any) => rc.type === 'aws_cloudcontrolapi_resource' && rc.change.actions.join() === 'update');

  it('updates in place only what Cloud Control can update: the alias (no write-only properties), never the bot, except over a stack from before any generation', () => {
    const problems = Object.fromEntries(inPlaceUpdates().map((rc: any) =>
      [rc.address, inPlaceUpdateProblems(rc.change.after.type_name, JSON.parse(rc.change.before.desired_state), plannedDesiredState(rc))]));
    // The alias's description: the handler receives exactly the new desired state.
    expect(problems[addressIn(ALIAS, 'alias')]).toEqual([]);
    expect(updatePatch(JSON.parse(changeOf(ALIAS, 'alias').change.before.desired_state), plannedDesiredState(changeOf(ALIAS, 'alias'))).map((op) => `${op.op} ${op.path}`)).toEqual(['replace /Description']);
    // The bot over a stack from before any generation: a rename in place, whose handler gets no locales.
    expect(problems[addressIn(LEGACY, 'bot')]).toContain('the handler would receive no /BotLocales');
    expect(Object.keys(problems).sort()).toEqual([addressIn(ALIAS, 'alias'), addressIn(LEGACY, 'bot')].sort());
  });

  it('the plan guard refuses that in-place update of the bot, and nothing else of these plans for that reason', () => {
    expect(guardPlan(plan).refusedUpdates.map((u) => u.address)).toEqual([addressIn(LEGACY, 'bot')]);
  });

  it('would have handed the bot\'s handler a bot without locales for every change, had it been patched in place', () => {
    // The same changes as in-place updates under the old name: a TTL or description patch applies but
    // drops BotLocales; a prompt or locale patch does not even apply (it touches /BotLocales).
    for (const scenario of [PROMPT, LOCALE, TTL, DESCRIPTION]) {
      const rc = changeOf(scenario, 'bot');
      const before = JSON.parse(rc.change.before.desired_state);
      const after = { ...plannedDesiredState(rc), Name: before.Name };
      const problems = inPlaceUpdateProblems('AWS::Lex::Bot', before, after);
      expect(problems.length, scenario).toBeGreaterThan(0);
      const touchesLocales = writeOnlyTouches('AWS::Lex::Bot', updatePatch(before, after)).length > 0;
      expect(touchesLocales ? problems[0] : problems, scenario).toEqual(touchesLocales ? expect.stringMatching(/does not apply/) : expect.arrayContaining(['the handler would receive no /BotLocales']));
    }
  });
});
