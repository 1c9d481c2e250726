import { CloudcontrolapiResource, type CloudcontrolapiResourceConfig } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { createHash } from 'node:crypto';
import { Fn, TerraformLocal, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { writeOnlyValues } from './write-only-properties';

/** The parts of a CloudFormation registry schema this project relies on. */
export interface RegistrySchema {
  typeName: string;
  primaryIdentifier: string[];
  createOnlyProperties?: string[];
  /** Never read back by Cloud Control: an update patching them fails, so a change replaces the resource. */
  writeOnlyProperties?: string[];
}

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

/** The write-only parts of a desired state, each path's value as JSON text (references stay `${...}` inside). */
export const writeOnlyInput = <State, IdPart extends string>(type: CloudControlType<State, IdPart>, desiredState: State): Record<string, string> =>
  Object.fromEntries(Object.entries(writeOnlyValues(desiredState, type.schema.writeOnlyProperties ?? [])).map(([path, value]) => [path, JSON.stringify(value)]));

/**
 * Eight hex characters that change whenever the write-only part of a desired state changes, that is
 * whenever the resource is replaced: a name suffix that keeps the replacement's name apart from the one
 * it replaces while both exist (create before destroy). Computed at synth from the literal data;
 * a reference inside counts as its `${...}` text, not its value.
 */
export const writeOnlyFingerprint = <State, IdPart extends string>(type: CloudControlType<State, IdPart>, desiredState: State): string =>
  createHash('sha256').update(JSON.stringify(writeOnlyInput(type, desiredState))).digest('hex').slice(0, 8);

// Literal text in a desired state must not look like a Terraform template; only cdktf tokens may.
const TEMPLATE_OUTSIDE_TOKEN = /\$\{(?!TfToken\[)|%\{/;

/**
 * Terraform's built-in `terraform_data` (no provider), holding `input`. Not cdktf's DataResource: that
 * class adds a validation that runs `terraform version` on every synth, once per instance (seconds of
 * CPU, and a failed synth wherever Terraform is not installed).
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';

  constructor(scope: Construct, id: string, readonly input: Record<string, string>) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: this.input };
  }
}

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
  /** Holds the write-only part of the desired state; its change replaces `resource`. Absent when there is none. */
  readonly writeOnlyState?: TerraformData;
  private readonly type: CloudControlType<State, IdPart>;
  private readonly parts = new Map<IdPart, string>();

  constructor(scope: Construct, id: string, props: CloudControlProps<State, IdPart>) {
    super(scope, id);
    this.type = props.type;
    const desiredState = JSON.stringify(props.desiredState);
    if (TEMPLATE_OUTSIDE_TOKEN.test(desiredState)) throw new Error(`${props.type.typeName}: desired state holds literal \${ or %{, which Terraform would read as a template`);
    // The provider replaces a Cloud Control resource only for create-only changes and patches everything
    // else in place, which fails under a write-only path. So the write-only part is also the input of a
    // terraform_data resource: a change there plans an update of it, and replace_triggered_by turns that
    // into a replacement of this resource. Other changes still update in place.
    const writeOnly = writeOnlyInput(props.type, props.desiredState);
    if (Object.keys(writeOnly).length) this.writeOnlyState = new TerraformData(this, 'write-only', writeOnly);
    const triggers = [...(this.writeOnlyState ? [resourceAddress(this.writeOnlyState)] : []), ...(props.replaceWhenChanged ?? [])];
    const lifecycle = {
      ...(props.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
      ...(triggers.length ? { replaceTriggeredBy: triggers } : {}),
    };
    this.resource = new CloudcontrolapiResource(this, 'resource', {
      typeName: props.type.typeName,
      schema: props.type.schemaText,
      desiredState,
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
