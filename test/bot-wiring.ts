// How the synthesized stack refers to the bot's resources, for the bot and contact-center tests.
import type { EnvironmentConfig } from '../environments';
import type { SynthesizedStack } from './synth-helpers';

type WithLocals = SynthesizedStack & { locals?: Record<string, string> };

/** `aws_cloudcontrolapi_resource.<name>` of the only resource of a registry type. */
export function cloudControlAddress(json: SynthesizedStack, typeName: string): string {
  const names = Object.keys(json.resource.aws_cloudcontrolapi_resource ?? {}).filter((n) => json.resource.aws_cloudcontrolapi_resource![n]!.type_name === typeName);
  if (names.length !== 1) throw new Error(`expected one ${typeName}, found ${names.length}`);
  return `aws_cloudcontrolapi_resource.${names[0]}`;
}

/** `${local.<name>}` of the local that splits part `index` off a compound Cloud Control id. */
export function identifierPart(json: WithLocals, address: string, index: number): string {
  const expression = `\${element(split("|", ${address}.id), ${index})}`;
  const names = Object.keys(json.locals ?? {}).filter((n) => json.locals![n] === expression);
  if (names.length !== 1) throw new Error(`expected one local ${expression}, found ${names.length}`);
  return `\${local.${names[0]}}`;
}

/** The alias ARN as the stack writes it: built around the bot's id and the alias's own id. */
export function expectedAliasArn(json: SynthesizedStack, env: Pick<EnvironmentConfig, 'region' | 'account'>): string {
  const aliasId = identifierPart(json, cloudControlAddress(json, 'AWS::Lex::BotAlias'), 0);
  return `arn:aws:lex:${env.region}:${env.account}:bot-alias/\${${cloudControlAddress(json, 'AWS::Lex::Bot')}.id}/${aliasId}`;
}

/** The `terraform_data.<name>` in a Cloud Control resource's replace_triggered_by: its generation, which holds its whole desired state. */
export function generationTrigger(json: SynthesizedStack, body: Record<string, any>): string {
  const triggers = (body.lifecycle?.replace_triggered_by ?? []).filter((t: string) => t.startsWith('terraform_data.'));
  if (triggers.length !== 1) throw new Error(`expected one terraform_data trigger, found ${triggers.length}`);
  const name = triggers[0].split('.')[1];
  if (!json.resource.terraform_data?.[name]) throw new Error(`no ${triggers[0]}`);
  return triggers[0];
}
