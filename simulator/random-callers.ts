// Random callers for the leak test and the benchmark: Luhn-valid cards and ZIPs, said or keyed (with or
// without "#", over the prompt, after a "*" correction), and a planned share of calls that must fail (a
// non-Luhn card three times, silence, ZIP retries exhausted, KMS refusing), under each assumed outcome of
// silence in turn. A seeded generator, so a failure can be replayed.
import type { StandInMode } from '../stand-ins/kms-stand-in';
import type { CallerScript, CallerTurn } from './caller-script';
import { SILENCE_OUTCOMES, type SilenceOutcome } from './connect-runtime';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rand: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

/** The Luhn check digit that makes `body` valid. */
function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export const luhnCard = (rand: () => number): string => {
  const body = `4${digits(rand, 14)}`;
  return body + luhnDigit(body);
};
/** The same card with its check digit off by one to five: never Luhn-valid. */
export const nonLuhnCard = (rand: () => number): string => {
  const card = luhnCard(rand);
  return card.slice(0, 15) + ((Number(card[15]) + 1 + Math.floor(rand() * 5)) % 10);
};

function answer(rand: () => number, value: string): CallerTurn {
  const style = Math.floor(rand() * 5);
  if (style === 0) return { keys: `${value}#` };
  if (style === 1) return { keys: value }; // no #: the keypad input ends after the end timeout
  if (style === 2) return { keys: `${value}#`, duringPrompt: true };
  // Two digits, "*" (cleared: one failed attempt), then the value: the keys after "*" are the next input.
  if (style === 3) return { keys: `${value.slice(0, 2)}*${value}#` };
  return { say: value.length > 5 ? value.match(/.{1,4}/g)!.join(' ') : value.split('').join(' ') };
}

export type PlannedFailure = 'non-luhn' | 'silence' | 'zip-retries' | 'kms-refuses';

export interface RandomCall {
  script: CallerScript;
  expect: 'captured' | 'failed';
  failure?: PlannedFailure;
  kmsMode: StandInMode;
  silence: SilenceOutcome;
}

const FAILURES: PlannedFailure[] = ['non-luhn', 'silence', 'zip-retries', 'kms-refuses'];

/** `count` calls, every fourth one planned to fail (cycling through the failure kinds). */
export function randomCalls(count: number, seed = 20261123): RandomCall[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const card = luhnCard(rand);
    const zip = digits(rand, 5);
    const silence = SILENCE_OUTCOMES[i % SILENCE_OUTCOMES.length]!;
    if (i % 4 !== 3) return { script: { turns: [answer(rand, card), answer(rand, zip)] }, expect: 'captured', kmsMode: 'ok', silence };
    const failure = FAILURES[Math.floor(i / 4) % FAILURES.length]!;
    const turns: CallerTurn[] =
      failure === 'non-luhn' ? [answer(rand, nonLuhnCard(rand)), answer(rand, nonLuhnCard(rand)), answer(rand, nonLuhnCard(rand))]
      : failure === 'silence' ? [answer(rand, card), { silence: true }]
      : failure === 'zip-retries' ? [answer(rand, card), answer(rand, digits(rand, 3)), answer(rand, digits(rand, 4)), answer(rand, digits(rand, 2))]
      : [answer(rand, card), answer(rand, zip)];
    return { script: { turns }, expect: 'failed', failure, kmsMode: failure === 'kms-refuses' ? 'deny' : 'ok', silence };
  });
}
