// The readable record of a call. What the caller did is described, never quoted: digits are counted.
import type { CallerTurn } from './caller-script';
import type { LexInput } from './input';

export class Transcript {
  readonly lines: string[] = [];
  add(line: string): void {
    this.lines.push(line);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "16 digits then #; input ended by end-character, 16 keys kept", with keys left over counted. */
export function describeKeys(keys: string, heard: LexInput, rest = ''): string {
  const digits = keys.replace(/[^0-9]/g, '').length;
  const others = keys.replace(/[0-9A-D]/g, '').split('').join(' ');
  const ended = heard.mode === 'DTMF' ? `; input ended by ${heard.ended}, ${count(heard.transcript.length, 'key')} kept` : '; keypad input ignored';
  const left = rest ? `; ${count(rest.length, 'key')} pressed after it carried to the next input` : '';
  return `${count(digits, 'digit')}${others ? ` and ${others}` : ''}${ended}${left}`;
}

/** "caller keys 16 digits then #", "caller says 4 words (16 digits)", "caller is silent". */
export function describeTurn(turn: CallerTurn, heard: LexInput, rest = ''): string {
  if ('silence' in turn) return 'caller is silent';
  if ('keys' in turn) return `caller keys ${describeKeys(turn.keys, heard, rest)}`;
  const words = turn.say.trim().split(/\s+/).length;
  const digits = turn.say.replace(/[^0-9]/g, '').length;
  return `caller says ${count(words, 'word')}${digits ? ` (${count(digits, 'digit')})` : ''}${heard.mode === 'none' ? '; speech ignored' : ''}`;
}
