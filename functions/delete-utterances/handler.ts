import { DeleteUtterancesCommand, LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { createLogger, errorName } from '../shared/logger';
import { BOT_ID_PATTERN, DELETER_ENV } from '../../contract/deleter-env';

const logger = createLogger('secure-input-delete-utterances');

let client: LexModelsV2Client | undefined;

/** Thrown so Lambda counts the run in its Errors metric (the alarm); carries no input, only a reason. */
export class UtterancesNotDeleted extends Error {
  override name = 'UtterancesNotDeleted';
}

/**
 * Run by EventBridge Scheduler: deletes what Lex V2 stores of this environment's bot's utterances
 * (DeleteUtterances with the bot id only, no session: every session of the bot). The scheduler's input is
 * ignored and never logged; the log says only the outcome and, on failure, the error's class name.
 */
export async function handler(_event: unknown): Promise<{ outcome: 'deleted' }> {
  const botId = process.env[DELETER_ENV.botId] ?? '';
  if (!BOT_ID_PATTERN.test(botId)) {
    logger.error('utterances not deleted', { outcome: 'delete-failed', error: 'BotIdNotConfigured' });
    throw new UtterancesNotDeleted(`${DELETER_ENV.botId} is not a Lex V2 bot id`);
  }
  try {
    client ??= new LexModelsV2Client({});
    await client.send(new DeleteUtterancesCommand({ botId }));
  } catch (err) {
    logger.error('utterances not deleted', { outcome: 'delete-failed', error: errorName(err) });
    throw new UtterancesNotDeleted(`DeleteUtterances failed: ${errorName(err)}`);
  }
  logger.info('utterances deleted', { outcome: 'deleted' });
  return { outcome: 'deleted' };
}
