// What a CloudFormation registry schema says about updating a resource, without cdktf: the stacks build
// their Cloud Control resources from it, and the plan guard (a CI tool) refuses a plan that breaks it.
import integrationAssociation from '../cloud-control-schemas/AWS_Connect_IntegrationAssociation.json';
import bot from '../cloud-control-schemas/AWS_Lex_Bot.json';
import botAlias from '../cloud-control-schemas/AWS_Lex_BotAlias.json';
import botVersion from '../cloud-control-schemas/AWS_Lex_BotVersion.json';

/** The parts of a CloudFormation registry schema this project relies on. */
export interface RegistrySchema {
  typeName: string;
  primaryIdentifier: string[];
  createOnlyProperties?: string[];
  /** Never read back by Cloud Control: an update patching them fails, so a change replaces the resource. */
  writeOnlyProperties?: string[];
  /** The handlers the type has, each with the permissions it needs; a type without `update` cannot be updated. */
  handlers?: Partial<Record<'create' | 'read' | 'update' | 'delete' | 'list', { permissions: string[] }>>;
}

/** The vendored schemas (stacks/cloud-control-schemas/) of the types the stacks create through Cloud Control, by type name. */
export const CLOUD_CONTROL_SCHEMAS: Record<string, RegistrySchema> = Object.fromEntries(
  ([bot, botVersion, botAlias, integrationAssociation] as RegistrySchema[]).map((s) => [s.typeName, s]),
);

/**
 * Why Cloud Control cannot update a resource of this type in place, or undefined when it can.
 * - No `update` handler: Cloud Control has nothing to call (UpdateResource needs one).
 * - Write-only properties: the provider sends the raw old/new diff (terraform-provider-aws
 *   internal/service/cloudcontrol/resource.go, resourceResourceUpdate -> patchDocument), and Cloud Control
 *   applies it to the model it reads back, which never holds write-only properties (Cloud Control user
 *   guide, "Updating a resource"). Whatever the patch touches, the handler then receives a model without
 *   them: for AWS::Lex::Bot a bot without BotLocales (hashicorp/terraform-provider-awscc#190, #619, #1737).
 */
export function inPlaceUpdateRefusal(schema: RegistrySchema): string | undefined {
  if (!schema.handlers?.update) return `${schema.typeName} has no update handler`;
  if (schema.writeOnlyProperties?.length) return `${schema.typeName} has write-only properties (${schema.writeOnlyProperties.join(', ')}) that Cloud Control never reads back`;
  return undefined;
}
