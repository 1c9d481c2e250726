// The live alias and Decrypt function of a deployed environment, through the AWS SDK. The alias is named
// by `--alias-arn` (the deploy workflow reads it from the state it just applied) or found with ListBots /
// ListBotAliases (an operator's own, read-only, rights) by the bot's name pattern, which is read from the
// synthesized stack (smoke/bot-name.ts): the smoke role itself may call only RecognizeText and Decrypt's smoke alias.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LexModelsV2Client, ListBotAliasesCommand, ListBotsCommand } from '@aws-sdk/client-lex-models-v2';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import type { EnvironmentConfig } from '../environments';
import { BOT_ALIAS_NAME } from '../stacks/lex/bot-names';
import { functionName } from '../stacks/naming';
import { isDeployedBotName, type BotNamePattern } from './bot-name';
import { SmokeFailure, type DecryptRequest, type LexAnswer, type SmokeTarget } from './smoke-target';
import { SMOKE_ALIAS } from '../contract/decrypt-invocation';

const ALIAS_ARN = /^arn:aws[a-z-]*:lex:([a-z0-9-]+):(\d{12}):bot-alias\/([A-Za-z0-9]{1,32})\/([A-Za-z0-9]{1,32})$/;

export interface AliasIds {
  botId: string;
  botAliasId: string;
}

export function parseAliasArn(arn: string, env: Pick<LiveEnvironment, 'region' | 'account'>): AliasIds {
  const m = ALIAS_ARN.exec(arn);
  if (!m) throw new SmokeFailure('--alias-arn is not a Lex V2 bot alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>)');
  if (m[1] !== env.region || m[2] !== env.account) throw new SmokeFailure(`--alias-arn is not in this environment's region ${env.region} and account ${env.account}`);
  return { botId: m[3]!, botAliasId: m[4]! };
}

/** What the live mode needs of an environment: from its config, or from ci/ci-facts.json in CI. */
export interface LiveEnvironment {
  name: string;
  region: string;
  account: string;
  /** The bot's name pattern, from the synthesized stack; absent in the CI tool, which is always given --alias-arn. */
  botName?: BotNamePattern;
  locale: string;
  decryptFunction: string;
}

export const liveEnvironment = (env: EnvironmentConfig): LiveEnvironment => ({
  name: env.name, region: env.region, account: env.account, locale: env.lex.locales[0]!, decryptFunction: functionName(env, 'decrypt'),
});

export const OPERATIONS_RUNBOOK = 'docs/operations.md, "A bot create that failed"';

/**
 * The environment's alias: the one bot whose name is the stack's pattern, then its alias `live`. More than
 * one such bot means a replacement is under way or a failed create left one behind: refused, since only the
 * state knows which is live. ListBots filters by `CO` (contains) on the name (Lex V2 API reference, BotFilter).
 */
export async function findAlias(env: LiveEnvironment, client: LexModelsV2Client): Promise<AliasIds> {
  const pattern = env.botName;
  if (!pattern) throw new SmokeFailure('the bot\'s name comes from the synthesized stack, which this build does not have: pass --alias-arn');
  const found: { botId: string; botName: string }[] = [];
  let botsToken: string | undefined;
  do {
    const page = await client.send(new ListBotsCommand({ filters: [{ name: 'BotName', values: [pattern.prefix], operator: 'CO' }], nextToken: botsToken }));
    for (const b of page.botSummaries ?? []) if (b.botId && b.botName && isDeployedBotName(pattern, b.botName)) found.push({ botId: b.botId, botName: b.botName });
    botsToken = page.nextToken;
  } while (botsToken);
  const bot = `${pattern.prefix}<generation id>`;
  if (found.length === 0) throw new SmokeFailure(`no bot ${bot} in ${env.region}: is this environment deployed?`);
  if (found.length > 1) {
    throw new SmokeFailure(`${found.length} bots named ${bot} in ${env.region} (${found.map((b) => b.botName).join(', ')}): a replacement is under way or a failed create left one (${OPERATIONS_RUNBOOK}); name the live alias with --alias-arn "$(terraform output -raw bot_alias_arn)"`);
  }
  const { botId, botName } = found[0]!;
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListBotAliasesCommand({ botId, nextToken }));
    const alias = page.botAliasSummaries?.find((a) => a.botAliasName === BOT_ALIAS_NAME);
    if (alias?.botAliasId) return { botId, botAliasId: alias.botAliasId };
    nextToken = page.nextToken;
  } while (nextToken);
  throw new SmokeFailure(`bot ${botName} has no alias "${BOT_ALIAS_NAME}" in ${env.region}: is this environment deployed?`);
}

export async function liveTarget(env: LiveEnvironment, aliasArn?: string): Promise<SmokeTarget> {
  const options = { region: env.region, maxAttempts: 2 };
  const runtime = new LexRuntimeV2Client(options);
  const lambda = new LambdaClient(options);
  let ids: AliasIds;
  if (aliasArn) ids = parseAliasArn(aliasArn, env);
  else {
    const models = new LexModelsV2Client(options);
    try {
      ids = await findAlias(env, models);
    } finally {
      models.destroy();
    }
  }
  const localeId = env.locale;
  const decrypt = env.decryptFunction;
  return {
    description: `bot alias ${ids.botId}/${ids.botAliasId} and ${decrypt}:${SMOKE_ALIAS} in ${env.region}`,
    async recognizeText(sessionId, text, sessionAttributes): Promise<LexAnswer> {
      return runtime.send(new RecognizeTextCommand({
        ...ids, localeId, sessionId, text,
        ...(sessionAttributes ? { sessionState: { sessionAttributes } } : {}),
      })) as Promise<LexAnswer>;
    },
    async invokeDecrypt(request: DecryptRequest) {
      // Through the smoke alias only: the smoke role may invoke nothing else, and Decrypt never reveals there.
      const result = await lambda.send(new InvokeCommand({ FunctionName: decrypt, Qualifier: SMOKE_ALIAS, Payload: Buffer.from(JSON.stringify(request)) }));
      if (result.FunctionError) throw new SmokeFailure(`the Decrypt function failed (${result.FunctionError}): see its log group`);
      try {
        return JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8'));
      } catch {
        throw new SmokeFailure('the Decrypt function answered something other than JSON');
      }
    },
    async close() {
      runtime.destroy();
      lambda.destroy();
    },
  };
}
