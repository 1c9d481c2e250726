// The live alias and Decrypt function of a deployed environment, through the AWS SDK. The alias is named
// by `--alias-arn` (the deploy workflow reads it from the state it just applied) or found by name with
// ListBots / ListBotAliases (an operator's own, read-only, rights): the smoke role itself may call only
// RecognizeText and Decrypt's smoke alias.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LexModelsV2Client, ListBotAliasesCommand, ListBotsCommand } from '@aws-sdk/client-lex-models-v2';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import type { EnvironmentConfig } from '../environments';
import { BOT_ALIAS_NAME, botName } from '../stacks/lex/bot-names';
import { functionName } from '../stacks/naming';
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

/** The environment's alias by name: its bot (`<prefix>-<env>-secure-input`), then the alias `live`. */
/** What the live mode needs of an environment: from its config, or from ci/ci-facts.json in CI. */
export interface LiveEnvironment {
  name: string;
  region: string;
  account: string;
  botName: string;
  locale: string;
  decryptFunction: string;
}

export const liveEnvironment = (env: EnvironmentConfig): LiveEnvironment => ({
  name: env.name, region: env.region, account: env.account, botName: botName(env), locale: env.lex.locales[0]!, decryptFunction: functionName(env, 'decrypt'),
});

export async function findAlias(env: LiveEnvironment, client: LexModelsV2Client): Promise<AliasIds> {
  const bot = env.botName;
  const bots = await client.send(new ListBotsCommand({ filters: [{ name: 'BotName', values: [bot], operator: 'EQ' }] }));
  const botId = bots.botSummaries?.find((b) => b.botName === bot)?.botId;
  if (!botId) throw new SmokeFailure(`bot ${bot} not found in ${env.region}: is this environment deployed?`);
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListBotAliasesCommand({ botId, nextToken }));
    const alias = page.botAliasSummaries?.find((a) => a.botAliasName === BOT_ALIAS_NAME);
    if (alias?.botAliasId) return { botId, botAliasId: alias.botAliasId };
    nextToken = page.nextToken;
  } while (nextToken);
  throw new SmokeFailure(`bot ${bot} has no alias "${BOT_ALIAS_NAME}" in ${env.region}: is this environment deployed?`);
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
