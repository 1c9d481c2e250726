// The bot's name, read from the synthesized stack, never re-spelled: the AWS::Lex::Bot desired state
// names it `<stem>-${terraform_data.<generation>.id}` (stacks/constructs/cloud-control.ts, generatedName),
// and a deployed bot carries its generation's id, a UUID Terraform made when it created that generation.

/** What a deployed bot's name looks like: the literal stem the stack writes, then `-` and a UUID. */
export interface BotNamePattern {
  /** Everything before the generation id, its `-` included: what ListBots can filter on. */
  prefix: string;
}

const GENERATED = /^(.+-)\$\{terraform_data\.[\w-]+\.id\}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The name pattern of the one AWS::Lex::Bot in a synthesized stack; throws if the stack names it otherwise. */
export function botNamePattern(stack: { resource?: Record<string, Record<string, Record<string, any>>> }): BotNamePattern {
  const bots = Object.values(stack.resource?.aws_cloudcontrolapi_resource ?? {}).filter((r) => r.type_name === 'AWS::Lex::Bot');
  if (bots.length !== 1) throw new Error(`expected one AWS::Lex::Bot in the stack, found ${bots.length}`);
  const name = String(JSON.parse(bots[0]!.desired_state).Name);
  const m = GENERATED.exec(name);
  if (!m || m[1]!.includes('${')) throw new Error(`the bot's name ${name} does not end in its generation's id`);
  return { prefix: m[1]! };
}

/** True when `name` is a bot this stack could have deployed: the prefix, then a generation id. */
export const isDeployedBotName = (pattern: BotNamePattern, name: string): boolean =>
  name.startsWith(pattern.prefix) && UUID.test(name.slice(pattern.prefix.length));
