import { CloudcontrolapiResource, type CloudcontrolapiResourceConfig } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { Fn, TerraformLocal, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/** The parts of a CloudFormation registry schema this project relies on. */
export interface RegistrySchema {
  typeName: string;
  primaryIdentifier: string[];
  createOnlyProperties?: string[];
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
  createBeforeDestroy?: boolean;
  dependsOn?: CloudcontrolapiResourceConfig['dependsOn'];
}

/** `type.name.attribute`: how lifecycle.replace_triggered_by names another resource's attribute. */
export const attributeAddress = (resource: TerraformResource, attribute: string): string =>
  `${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}`;

// Literal text in a desired state must not look like a Terraform template; only cdktf tokens may.
const TEMPLATE_OUTSIDE_TOKEN = /\$\{(?!TfToken\[)|%\{/;

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
  private readonly type: CloudControlType<State, IdPart>;
  private readonly parts = new Map<IdPart, string>();

  constructor(scope: Construct, id: string, props: CloudControlProps<State, IdPart>) {
    super(scope, id);
    this.type = props.type;
    const desiredState = JSON.stringify(props.desiredState);
    if (TEMPLATE_OUTSIDE_TOKEN.test(desiredState)) throw new Error(`${props.type.typeName}: desired state holds literal \${ or %{, which Terraform would read as a template`);
    const lifecycle = {
      ...(props.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
      ...(props.replaceWhenChanged?.length ? { replaceTriggeredBy: props.replaceWhenChanged } : {}),
    };
    this.resource = new CloudcontrolapiResource(this, 'resource', {
      typeName: props.type.typeName,
      schema: props.type.schemaText,
      desiredState,
      lifecycle: Object.keys(lifecycle).length ? lifecycle : undefined,
      dependsOn: props.dependsOn,
    });
  }

  /** This resource's `type.name.attr` address, for another resource's replaceWhenChanged. */
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
