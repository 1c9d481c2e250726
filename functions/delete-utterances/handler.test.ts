import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../../stand-ins/capture-output';
import { startLexModelsStandIn, type LexModelsStandIn } from '../../stand-ins/lex-models-stand-in';
import { DELETER_ENV } from '../../contract/deleter-env';

// The deleter through the real @aws-sdk/client-lex-models-v2 over HTTP to a stand-in. DeleteUtterances:
// https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteUtterances.html (DELETE
// /bots/{botId}/utterances/, 204). A failure must throw, so Lambda's Errors metric (the alarm) counts it.
const BOT_ID = 'ABCDEF1234';
// Something a scheduler input could carry; it must never reach the log.
const EVENT = { marker: 'scheduler-input-9876543210' };

let lex: LexModelsStandIn;
beforeAll(async () => {
  lex = await startLexModelsStandIn([BOT_ID]);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_LEX_MODELS_V2: lex.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1',
  });
});
afterAll(() => lex.close());
beforeEach(() => {
  lex.mode = 'ok';
  lex.deleteCalls.length = 0;
  process.env[DELETER_ENV.botId] = BOT_ID;
});

async function run(): Promise<{ result?: unknown; error?: Error; log: Record<string, unknown>[]; text: string }> {
  vi.resetModules();
  const { handler } = await import('./handler');
  const output = captureOutput();
  try {
    return { result: await handler(EVENT), ...logOf(output) };
  } catch (error) {
    return { error: error as Error, ...logOf(output) };
  } finally {
    output.restore();
  }
}
const logOf = (output: ReturnType<typeof captureOutput>) => ({
  text: output.text(),
  log: output.text().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
});

describe('the utterance deleter', () => {
  it('deletes every stored utterance of the bot (bot id only, no session or locale) and logs the outcome', async () => {
    const { result, log } = await run();
    expect(result).toEqual({ outcome: 'deleted' });
    expect(lex.deleteCalls).toEqual([{ botId: BOT_ID, query: '' }]);
    expect(log).toEqual([expect.objectContaining({ level: 'INFO', message: 'utterances deleted', outcome: 'deleted' })]);
  });

  it('on a refused call logs delete-failed with the error class only, and throws', async () => {
    lex.mode = 'deny';
    const { error, log } = await run();
    expect(error?.name).toBe('UtterancesNotDeleted');
    expect(error?.message).toBe('DeleteUtterances failed: AccessDeniedException');
    expect(log).toEqual([expect.objectContaining({ level: 'ERROR', message: 'utterances not deleted', outcome: 'delete-failed', error: 'AccessDeniedException' })]);
  });

  it('without a valid bot id calls nothing, logs delete-failed and throws', async () => {
    process.env[DELETER_ENV.botId] = 'not a bot';
    const { error, log } = await run();
    expect(error?.name).toBe('UtterancesNotDeleted');
    expect(lex.deleteCalls).toEqual([]);
    expect(log).toEqual([expect.objectContaining({ outcome: 'delete-failed', error: 'BotIdNotConfigured' })]);
  });

  it('never logs its input', async () => {
    for (const mode of ['ok', 'deny'] as const) {
      lex.mode = mode;
      const { text } = await run();
      expect(text).not.toContain('9876543210');
      expect(text).not.toContain('scheduler-input');
    }
  });
});
