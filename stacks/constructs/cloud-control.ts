import { CloudcontrolapiResource, type CloudcontrolapiResourceConfig } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { Fn, TerraformLocal, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, type Node } from 'constructs';
import { inPlaceUpdateRefusal, type RegistrySchema } from './registry-schema';
import { writeOnlyValues } from './write-only-properties';

/** A registry resource type: its schema, and the names of its primary identifier's parts in schema order. */
export interface CloudControlType<State, IdPart extends string> {
  typeName: string;
  schema: RegistrySchema;
  /** The schema as the provider's `schema` argument, serialized once for every stack. */
  schemaText: string;
  primaryIdentifier: readonly IdPart[];
  /** Only for typing: the desired state this type accepts. */
  readonly state?: State;
}

/** Declares a type from its vendored schema; fails at synth if the identifier parts are not the schema's. */
export function cloudControlType<State, IdPart extends string>(schema: RegistrySchema, primaryIdentifier: readonly IdPart[]): CloudControlType<State, IdPart> {
  const expected = primaryIdentifier.map((p) => `/properties/${p}`);
  if (JSON.stringify(expected) !== JSON.stringify(schema.primaryIdentifier)) {
    throw new Error(`${schema.typeName}: primary identifier is ${schema.primaryIdentifier.join(', ')}, not ${expected.join(', ')}`);
  }
  return { typeName: schema.typeName, schema, schemaText: JSON.stringify(schema), primaryIdentifier };
}

export interface CloudControlProps<State, IdPart extends string> {
  type: CloudControlType<State, IdPart>;
  /** The typed CloudFormation properties; references inside are Terraform tokens in string values. */
  desiredState: State;
  /**
   * A top-level string property (a name that must be unique) that gets `-<generation id>` appended: the
   * generation is a terraform_data replaced whenever anything else in the desired state changes, so every
   * replacement, and a `-replace` of the generation, runs under a name the replaced object does not hold.
   * Implies that every change replaces the resource.
   */
  generatedName?: keyof State & string;
  /**
   * Attributes (`type.name.attr`) whose change must replace this resource. Needed wherever a create-only
   * property holds a reference: while it is unknown at plan the provider cannot see the create-only
   * change, plans an update, and Cloud Control refuses that update at apply.
   */
  replaceWhenChanged?: string[];
  /** Create the replacement before destroying this one (Terraform also forces it on what this depends on). */
  createBeforeDestroy?: boolean;
  dependsOn?: CloudcontrolapiResourceConfig['dependsOn'];
}

/** `type.name`: how lifecycle.replace_triggered_by names a resource (any update or replacement of it triggers). */
export const resourceAddress = (resource: TerraformResource): string => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

/** `type.name.attribute`: how lifecycle.replace_triggered_by names another resource's attribute. */
export const attributeAddress = (resource: TerraformResource, attribute: string): string => `${resourceAddress(resource)}.${attribute}`;

// Literal text in a desired state must not look like a Terraform template; only cdktf tokens may.
const TEMPLATE_OUTSIDE_TOKEN = /\$\{(?!TfToken\[)|%\{/;

/**
 * Terraform's built-in `terraform_data` (no provider), holding `input` or `triggers_replace`. Not cdktf's
 * DataResource: that class adds a validation that runs `terraform version` on every synth, once per
 * instance (seconds of CPU, and a failed synth wherever Terraform is not installed).
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';

  constructor(scope: Construct, id: string, readonly values: { input?: Record<string, string>; triggersReplace?: Record<string, string> }) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  /** A UUID Terraform generates when it creates (or replaces) this resource. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: this.values.input, triggers_replace: this.values.triggersReplace };
  }
}

/** Each top-level property of a desired state as JSON text: what a generation watches, one entry per property so plans say which changed. */
const propertiesAsText = (state: object): Record<string, string> =>
  Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON.stringify(v)]));

// The construct id under which the previous code kept a resource's write-only part in a terraform_data.
const LEGACY_WRITE_ONLY_ID = 'write-only';

/**
 * A CloudFormation-registry resource through Cloud Control, for what the AWS provider lacks.
 *
 * The desired state is JSON.stringify'd with the tokens inside its strings, so references render as
 * `${...}` interpolations inside a JSON string: Terraform evaluates them, and ids, ARNs and names never
 * hold a quote or backslash that would need escaping. Unlike `Fn.jsonencode`, the synthesized state stays
 * plain JSON that tests can parse, and a state without references is known at plan time, where the
 * provider validates it against the schema. The schema is the vendored one, passed explicitly: plans
 * never call cloudformation:DescribeType and validate against exactly what the tests validate against.
 */
export class CloudControlResource<State, IdPart extends string> extends Construct {
  readonly resource: CloudcontrolapiResource;
  /**
   * Replaced whenever the desired state changes (it holds it, one property per entry, in
   * `triggers_replace`), and it replaces `resource`: present where the type cannot be updated in place
   * (inPlaceUpdateRefusal) or the name is generated. Its `id` (a UUID Terraform makes) is the name suffix.
   */
  readonly generation?: TerraformData;
  private readonly type: CloudControlType<State, IdPart>;
  private readonly parts = new Map<IdPart, string>();

  constructor(scope: Construct, id: string, props: CloudControlProps<State, IdPart>) {
    super(scope, id);
    this.type = props.type;
    const literal = JSON.stringify(props.desiredState);
    if (TEMPLATE_OUTSIDE_TOKEN.test(literal)) throw new Error(`${props.type.typeName}: desired state holds literal \${ or %{, which Terraform would read as a template`);
    // The provider replaces a Cloud Control resource only for create-only changes and patches everything
    // else in place. Where that patch cannot work, the whole desired state is the trigger input of a
    // terraform_data: any change replaces it, and replace_triggered_by turns that into a replacement of
    // this resource. A `-replace` of the generation replaces both, under a new name.
    const refusal = inPlaceUpdateRefusal(props.type.schema);
    let desiredState: object = props.desiredState as object;
    if (refusal !== undefined || props.generatedName) {
      this.generation = new TerraformData(this, 'generation', { triggersReplace: propertiesAsText(desiredState) });
      // The previous code kept only the write-only part, in a terraform_data of another name: moved here,
      // its triggers change, so the first apply of this code replaces the resource instead of patching it.
      if (Object.keys(writeOnlyValues(desiredState, props.type.schema.writeOnlyProperties ?? [])).length) {
        addMovedBlock(this, `${TerraformData.tfResourceType}.${legacyLogicalId(this, LEGACY_WRITE_ONLY_ID)}`, resourceAddress(this.generation));
      }
      if (props.generatedName) {
        const base = (desiredState as Record<string, unknown>)[props.generatedName];
        if (typeof base !== 'string') throw new Error(`${props.type.typeName}: ${props.generatedName} must be a string to be generated`);
        desiredState = { ...desiredState, [props.generatedName]: `${base}-${this.generation.id}` };
      }
    }
    const triggers = [...(this.generation ? [resourceAddress(this.generation)] : []), ...(props.replaceWhenChanged ?? [])];
    const lifecycle = {
      ...(props.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
      ...(triggers.length ? { replaceTriggeredBy: triggers } : {}),
    };
    this.resource = new CloudcontrolapiResource(this, 'resource', {
      typeName: props.type.typeName,
      schema: props.type.schemaText,
      desiredState: JSON.stringify(desiredState),
      lifecycle: Object.keys(lifecycle).length ? lifecycle : undefined,
      dependsOn: props.dependsOn,
    });
  }

  /** This resource's `type.name.attr` address, for another resource's replaceWhenChanged (replace_triggered_by). */
  attribute(name: 'desired_state' | 'id'): string {
    return attributeAddress(this.resource, name);
  }

  /**
   * One part of the primary identifier (Cloud Control joins compound ones with `|` in schema order).
   * Read ids from here, not from `properties`: the provider marks `properties` unknown on every update,
   * which would ripple into everything wired to it (a Lambda permission replaced on each bot change).
   * A part is split off in a Terraform local, so the separator's quotes never land inside a JSON
   * document (a desired state, a flow) where they would break it before Terraform evaluates it.
   */
  identifier(part: IdPart): string {
    if (this.type.primaryIdentifier.length === 1) return this.resource.id;
    let local = this.parts.get(part);
    if (!local) {
      local = new TerraformLocal(this, part, Fn.element(Fn.split('|', this.resource.id), this.type.primaryIdentifier.indexOf(part))).asString;
      this.parts.set(part, local);
    }
    return local;
  }
}

/**
 * A `moved` block, written into the stack's JSON by hand. cdktf's own moveFromId makes every synth of a stack
 * with a move run `terraform version` (cdktf lib/synthesize/synthesizer.js adds a ValidateTerraformVersion
 * ">=1.5" whenever a resource moves), which costs a process per stack and stops synthesis wherever Terraform
 * is not installed; this project pins Terraform 1.11.4 in every stack's required_version instead.
 */
const movedBlocks = new WeakMap<TerraformStack, { to: string; from: string }[]>();
function addMovedBlock(scope: Construct, from: string, to: string): void {
  const stack = TerraformStack.of(scope);
  const blocks = movedBlocks.get(stack) ?? [];
  blocks.push({ to, from });
  movedBlocks.set(stack, blocks);
  stack.addOverride('moved', blocks);
}

/** The logical id cdktf gives a child `id` of `scope` (TerraformStack.getLogicalId), without adding that child. */
function legacyLogicalId(scope: Construct, id: string): string {
  const node = { scopes: [...scope.node.scopes, { node: { id } }] } as unknown as Node;
  return TerraformStack.of(scope).getLogicalId(node);
}
