// The caller script: `{"turns": [{"say": "..."}, {"keys": "...#"}, {"silence": true}]}`. Each turn answers,
// in order, whatever the call asks next; once the turns run out the caller stays silent. A say or keys
// turn may add `"duringPrompt": true`: the caller does not wait for the prompt to end (barge-in).
import { z } from 'zod';

const duringPrompt = { duringPrompt: z.literal(true).optional() };
const Say = z.strictObject({ say: z.string().min(1).max(500), ...duringPrompt });
// The keypad's characters (Lex V2 DTMFSpecification pattern ^[A-D0-9#*]{1}$).
const Keys = z.strictObject({ keys: z.string().regex(/^[0-9A-D#*]{1,1024}$/, 'keys may hold only 0-9, A-D, # and *'), ...duringPrompt });
const Silence = z.strictObject({ silence: z.literal(true) });

export const CallerScriptSchema = z.strictObject({ turns: z.array(z.union([Say, Keys, Silence])).max(100) });

export type CallerTurn = { say: string; duringPrompt?: true } | { keys: string; duringPrompt?: true } | { silence: true };
export type CallerScript = { turns: CallerTurn[] };

export class ScriptError extends Error {}

/** The script, or a ScriptError whose one-line message names the first problem (never the turn's content). */
export function parseCallerScript(text: string): CallerScript {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ScriptError('the script is not JSON');
  }
  const result = CallerScriptSchema.safeParse(json);
  if (result.success) return result.data as CallerScript;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the script';
  const what = issue.code === 'invalid_union'
    ? 'a turn is exactly one of {"say": text}, {"keys": keypad characters} (either with "duringPrompt": true), {"silence": true}'
    : issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
  throw new ScriptError(`bad caller script at ${where}: ${what}`);
}

/** Hands out the turns in order; silence once they run out. */
export class Caller {
  private next = 0;
  constructor(private readonly script: CallerScript) {}
  answer(): CallerTurn {
    return this.script.turns[this.next++] ?? { silence: true };
  }
}
