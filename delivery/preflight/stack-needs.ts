import type { EnvironmentConfig } from '../../environments';
import { policyStatements, resourcesOf, type TerraformJson } from '../../stacks/policy-rules/rule';

/** What an environment stack asks of its account before it can apply, read from its synthesized JSON. */
export interface StackNeeds {
  /** Every IAM principal ARN the stack names literally (policies, invoke permissions), and the CI roles. */
  principals: string[];
  /** Functions that reserve concurrency, and how much. */
  reservations: { functionName: string; reserved: number }[];
  /** The Connect instances the stack creates, by alias. */
  connectInstanceAliases: string[];
  /** How many phone numbers the stack claims. */
  phoneNumbers: number;
  /** The existing instance the stack puts the capture in (a literal instance ARN where it names one), if any. */
  existingInstance?: { id: string; arn: string };
  /** Numbers the stack routes but did not claim: literal phone-number ids of its number -> flow associations. */
  existingPhoneNumberIds: string[];
  /** Names of the flows and flow modules it creates, and how many Lex bot associations. */
  flows: string[];
  flowModules: string[];
  botAssociations: number;
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : [v].flat() as T[]);
// A reference (`${aws_iam_role.x.arn}`) is something the stack creates itself; only literal ARNs can be missing.
const isLiteralArn = (v: unknown): v is string => typeof v === 'string' && v.startsWith('arn:') && !v.includes('${');

/**
 * Reads the synthesized stack rather than the config, so whatever decides a principal or a reservation
 * (config, defaults, a later setting) is what preflight checks.
 */
export function stackNeeds(stack: TerraformJson, env: Pick<EnvironmentConfig, 'deployRoleArn' | 'planRoleArn'>): StackNeeds {
  const fromPolicies = policyStatements(stack).flatMap(({ statement }) => asList(statement.Principal?.AWS));
  const fromPermissions = resourcesOf(stack, 'aws_lambda_permission').map(({ body }) => body.principal);
  const principals = [...new Set([env.deployRoleArn, env.planRoleArn, ...fromPolicies, ...fromPermissions].filter(isLiteralArn))];
  const reservations = resourcesOf(stack, 'aws_lambda_function')
    .map(({ body }) => ({ functionName: String(body.function_name), reserved: Number(body.reserved_concurrent_executions ?? -1) }))
    .filter((f) => f.reserved >= 0);
  const associations = resourcesOf(stack, 'aws_cloudcontrolapi_resource').filter(({ body }) => body.type_name === 'AWS::Connect::IntegrationAssociation')
    .map(({ body }) => JSON.parse(String(body.desired_state)) as { InstanceId: string; IntegrationType: string });
  // A created instance is a reference (`${aws_connect_instance.x.arn}`); an existing one is its ARN, from config.
  const existingArn = associations.map((a) => a.InstanceId).find(isLiteralArn);
  return {
    principals,
    reservations,
    connectInstanceAliases: resourcesOf(stack, 'aws_connect_instance').map(({ body }) => String(body.instance_alias)),
    phoneNumbers: resourcesOf(stack, 'aws_connect_phone_number').length,
    ...(existingArn ? { existingInstance: { id: existingArn.split('/').pop()!, arn: existingArn } } : {}),
    existingPhoneNumberIds: resourcesOf(stack, 'aws_connect_phone_number_contact_flow_association')
      .map(({ body }) => String(body.phone_number_id)).filter((id) => !id.includes('${')),
    flows: resourcesOf(stack, 'aws_connect_contact_flow').map(({ body }) => String(body.name)),
    flowModules: resourcesOf(stack, 'aws_connect_contact_flow_module').map(({ body }) => String(body.name)),
    botAssociations: associations.filter((a) => a.IntegrationType === 'LEX_BOT').length,
  };
}
