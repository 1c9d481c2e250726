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

/** "caller keys 16 digits then #", "caller says 4 words (16 digits)", "caller is silent". */
export function describeTurn(turn: CallerTurn, heard: LexInput): string {
  if ('silence' in turn) return 'caller is silent';
  if ('keys' in turn) {
    const digits = turn.keys.replace(/[^0-9]/g, '').length;
    const others = turn.keys.replace(/[0-9A-D]/g, '').split('').join(' ');
    const ended = heard.mode === 'DTMF' ? `; input ended by ${heard.ended}, ${count(heard.transcript.length, 'key')} kept` : '; keypad input ignored';
    return `caller keys ${count(digits, 'digit')}${others ? ` and ${others}` : ''}${ended}`;
  }
  const words = turn.say.trim().split(/\s+/).length;
  const digits = turn.say.replace(/[^0-9]/g, '').length;
  return `caller says ${count(words, 'word')}${digits ? ` (${count(digits, 'digit')})` : ''}${heard.mode === 'none' ? '; speech ignored' : ''}`;
}
