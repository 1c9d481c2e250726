// The leak check: no digit string a caller fed may appear in anything a call leaves behind (transcript,
// flow logs, Lambda logs, contact attributes, what a recording would keep). Reusable by any test.
import { secretsIn } from '../stand-ins/capture-output';
import type { CallerScript } from './caller-script';
import type { CallResult } from './simulator';

export interface Leak {
  where: 'transcript' | 'flowLogs' | 'lambdaLogs' | 'contactAttributes' | 'recorded';
  /** How long the leaked digit string is; the string itself is never repeated. */
  digits: number;
}

/** Every digit run of 4 or more the script feeds (spaces and dashes between groups removed). */
export const fedDigits = (script: CallerScript): string[] =>
  secretsIn(script.turns.map((t) => ('say' in t ? t.say : 'keys' in t ? t.keys.replace(/[^0-9]/g, ' ') : '')));

// The contact id and timestamps are made by the simulator, not fed by the caller: a random hex id can
// hold any short digit run, so they are left out of the scan.
const withoutGeneratedFields = (logs: CallResult['flowLogs']) => logs.map(({ ContactId: _id, Timestamp: _t, ...rest }) => rest);

export function findLeaks(fed: readonly string[], call: Pick<CallResult, 'transcript' | 'flowLogs' | 'lambdaLogs' | 'contactAttributes' | 'recorded'>): Leak[] {
  const places: [Leak['where'], string][] = [
    ['transcript', call.transcript],
    ['flowLogs', JSON.stringify(withoutGeneratedFields(call.flowLogs))],
    ['lambdaLogs', call.lambdaLogs.join('\n')],
    ['contactAttributes', JSON.stringify(call.contactAttributes)],
    ['recorded', call.recorded.join('\n')],
  ];
  const leaks: Leak[] = [];
  for (const secret of fed) {
    for (const [where, text] of places) if (text.includes(secret)) leaks.push({ where, digits: secret.length });
  }
  return leaks;
}
