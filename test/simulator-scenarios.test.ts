// The call, end to end: each scenario is a caller script (simulator/scenarios/*.json) played against dev's
// synthesized flow and bot and the bundled Encrypt zip, with the KMS stand-in. Plaintext is checked by
// decrypting what the flow stored (bound to the call's contact), KMS calls are counted, and every call
// passes the leak check. The behaviours these calls rely on, each with its source, and what is assumed
// (the silence outcomes, keys carried over, the block's prompt interruptible per allow-interrupt) are in
// docs/simulator.md; a scenario that depends on an assumption names it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../functions/shared/ciphertext';
import { createKeyring } from '../functions/shared/kms-keyring';
import { CARD_NUMBER, ZIP_CODE, type SecureFieldSpec } from '../contract/secure-fields';
import type { ContactFlow } from '../flows/flow-language';
import { parseCallerScript, type CallerScript } from '../simulator/caller-script';
import { DEFAULT_SILENCE, SILENCE_OUTCOMES, type SilenceOutcome } from '../simulator/connect-runtime';
import { loadDeployment, type Deployment } from '../simulator/deployment';
import { fedDigits, findLeaks } from '../simulator/leak-check';
import { startSimulator, type CallResult, type Simulator } from '../simulator/simulator';

const script = (name: string): CallerScript => parseCallerScript(readFileSync(path.join(__dirname, '..', 'simulator', 'scenarios', `${name}.json`), 'utf8'));

let deployment: Deployment;
let sim: Simulator;
beforeAll(async () => {
  deployment = loadDeployment('dev');
  sim = await startSimulator(deployment);
}, 60_000);
afterAll(() => sim?.close());

async function play(name: string, options: { on?: Simulator; silence?: SilenceOutcome } = {}): Promise<CallResult> {
  const s = script(name);
  const result = await (options.on ?? sim).play(s, { silence: options.silence });
  expect(findLeaks(fedDigits(s), result), 'a fed digit string leaked').toEqual([]);
  return result;
}

/** A variant of dev's deployment with its flow changed, for the duration of `run`. */
async function withFlow<T>(change: (flow: ContactFlow) => void, run: (on: Simulator) => Promise<T>): Promise<T> {
  const flow = structuredClone(deployment.flow);
  change(flow);
  const other = await startSimulator({ ...deployment, flow });
  try {
    return await run(other);
  } finally {
    await other.close();
  }
}
const setOnBotBlocks = (name: string, value: (spec: SecureFieldSpec) => string) => (flow: ContactFlow) => {
  const blocks = flow.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot');
  blocks.forEach((b, i) => Object.assign(b.Parameters.LexSessionAttributes as object, { [name]: value([CARD_NUMBER, ZIP_CODE][i]!) }));
};

/** Both fields stored, each decrypting to what the caller gave and bound to this call's contact; one KMS call each. */
async function expectCaptured(r: CallResult, card: string, zip: string, on: Simulator = sim) {
  expect(r.outcome).toBe('captured');
  for (const [spec, digits] of [[CARD_NUMBER, card], [ZIP_CODE, zip]] as const) {
    const { plaintext, context } = await decryptField(createKeyring(on.kms.keyArn), r.contactAttributes[spec.contactAttribute]);
    expect(plaintext).toBe(digits);
    expect(context).toMatchObject({ field: spec.field, 'contact-id': r.contactId });
  }
  expect(r.kmsCalls).toBe(2);
  expect(r.end).toBe('disconnected');
}

/** What the system said, in order. */
const prompts = (r: CallResult) => r.transcript.split('\n').filter((l) => l.trim().startsWith('system:'));
/** How often the caller was asked for a field: its block's prompt or a re-ask naming it. */
const asked = (r: CallResult, field: RegExp) => prompts(r).filter((l) => field.test(l) && !/could not take/.test(l)).length;
const CARD = /card number/i;
const ZIP = /ZIP code/i;
const heard = (r: CallResult, text: string) => prompts(r).some((l) => l.includes(text));
const stored = (r: CallResult) => Object.keys(r.contactAttributes).filter((k) => [CARD_NUMBER.contactAttribute, ZIP_CODE.contactAttribute].includes(k));
const flowText = (pick: (text: string) => boolean) => deployment.flow.Actions.filter((a) => a.Type === 'MessageParticipant').map((a) => a.Parameters.Text as string).find(pick)!;
const thanks = () => flowText((t) => /^Thank/.test(t));
const apology = () => flowText((t) => /^Sorry, we could not/.test(t));
const noInputApology = () => flowText((t) => /^Sorry, we did not receive/.test(t));

describe('a caller who gives both values', () => {
  it('by voice: both stored as ciphertext that decrypts to the digits, thanked, two KMS calls', async () => {
    const r = await play('voice-happy-path');
    await expectCaptured(r, '4111111111111111', '02134');
    expect(heard(r, thanks())).toBe(true);
  });

  it('on the keypad, ending each value with #: the first answer is the value, asked once each', async () => {
    const r = await play('keypad-with-pound');
    await expectCaptured(r, '5555555555554444', '90210');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 1]);
    expect(r.lexTurns).toBe(2);
  });

  it('with a card number of the wrong length first: re-asked, then captured', async () => {
    const r = await play('wrong-length-then-right');
    await expectCaptured(r, '4111111111111111', '02134');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
  });
});

describe('issue 15: what a real voice call does', () => {
  it('"#" after a full-length card ends that same input (max-length digits + 1): no empty answer follows', async () => {
    const r = await play('pound-after-full-card');
    await expectCaptured(r, '4111111111111111', '02134');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 1]);
    expect(r.lexTurns).toBe(2);
    expect(r.transcript).not.toMatch(/carried to the next input/);
  });

  it('"#" after a full-length value is left over when max-length is the digit count (the control), and costs the ZIP an answer', async () => {
    await withFlow(setOnBotBlocks('x-amz-lex:dtmf:max-length:*:*', (spec) => String(spec.digits)), async (on) => {
      const r = await play('pound-after-full-card', { on });
      expect(r.transcript).toMatch(/1 key pressed after it carried to the next input/);
      expect(asked(r, ZIP)).toBe(2);
      await expectCaptured(r, '4111111111111111', '02134', on);
    });
  });

  it('no "#" at all: the input ends after the end timeout, and is captured', async () => {
    const r = await play('no-pound');
    await expectCaptured(r, '4111111111111111', '02134');
    expect(r.transcript.match(/input ended by timeout/g)).toHaveLength(2);
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 1]);
  });

  it('a "*" correction, then the number: the digits are cleared, one failed attempt is re-asked, the number is captured', async () => {
    const r = await play('star-then-number');
    expect(r.transcript).toMatch(/input ended by deleted, 0 keys kept/);
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
    await expectCaptured(r, '4111111111111111', '02134');
  });

  it('the ZIP keyed at the card prompt is a failed card attempt, never a ZIP', async () => {
    const r = await play('zip-at-card-prompt');
    // The 5 digits are not encrypted anywhere: the two KMS calls are the card and the real ZIP.
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
    expect(heard(r, 'A card number has 16 digits')).toBe(true);
    await expectCaptured(r, '4111111111111111', '90210');
  });

  it('keys pressed during the prompt are the answer (allow-interrupt true)', async () => {
    const r = await play('keys-during-prompt');
    expect(r.transcript.match(/during the prompt, which stops/g)).toHaveLength(2);
    await expectCaptured(r, '4111111111111111', '02134');
  });

  it('keys pressed during a prompt that may not be interrupted are not heard (assumed; the control)', async () => {
    await withFlow(setOnBotBlocks('x-amz-lex:allow-interrupt:*:*', () => 'false'), async (on) => {
      const r = await play('keys-during-prompt', { on });
      expect(r.transcript).toMatch(/during a prompt that cannot be interrupted: not heard/);
      expect(r.outcome).toBe('failed');
      expect(r.kmsCalls).toBe(0);
    });
  });

  it('voice for one field, keypad for the other', async () => {
    const r = await play('voice-then-keypad');
    expect(r.transcript).toMatch(/caller says 4 words \(16 digits\)/);
    expect(r.transcript).toMatch(/caller keys 5 digits and #/);
    await expectCaptured(r, '4111111111111111', '02134');
  });

  it.each(SILENCE_OUTCOMES)('a silent first turn, assuming silence ends in "%s"', async (outcome) => {
    const r = await play('silent-first-turn', { silence: outcome });
    expect(r.transcript).toMatch(new RegExp(`no input within 8000 ms \\(Lex's start timeout; assumed outcome: ${outcome}\\)`));
    expect(r.transcript).not.toMatch(/InputTimeLimitExceeded/);
    if (outcome === 'error') {
      // The block's error branch with no status: the flow cannot tell silence from a failure, and says sorry.
      expect(r.path).toContain('logging-on-after-failure');
      expect(heard(r, apology())).toBe(true);
      expect(stored(r)).toEqual([]);
      expect(r.kmsCalls).toBe(0);
    } else {
      // An empty turn reaches the code hook: one failed attempt, re-asked, then the number is captured.
      expect(heard(r, 'Sorry, I did not hear anything')).toBe(true);
      expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
      await expectCaptured(r, '4111111111111111', '02134');
    }
  });

  it('the default silence outcome is the one real artifact\'s (the block\'s error branch)', () => {
    expect(DEFAULT_SILENCE).toBe('error');
  });
});

describe('a caller who cannot give a valid value', () => {
  it('a non-Luhn card three times: two re-asks, then the failure branch; nothing stored, KMS never called', async () => {
    const r = await play('non-luhn-three-times');
    expect(r.outcome).toBe('failed');
    expect(stored(r)).toEqual([]);
    expect(prompts(r).filter((l) => /not valid/.test(l))).toHaveLength(2);
    expect(heard(r, apology())).toBe(true);
    expect(r.kmsCalls).toBe(0);
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([3, 0]);
    // An intent that is not fulfilled takes the block's error branch, where the status says why.
    expect(r.transcript).toMatch(/-> NoMatchingError\n.*\n {4}-> Equals failed/);
  });

  it('ZIP retries exhausted after a captured card: the failure branch, no ZIP stored (the reset value never is)', async () => {
    const r = await play('zip-retries-exhausted');
    expect(r.outcome).toBe('failed');
    expect(r.contactAttributes).not.toHaveProperty(ZIP_CODE.contactAttribute);
    expect((await decryptField(createKeyring(sim.kms.keyArn), r.contactAttributes[CARD_NUMBER.contactAttribute])).plaintext).toBe('4111111111111111');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 3]);
    expect(r.kmsCalls).toBe(1);
    expect(heard(r, apology())).toBe(true);
  });

  it.each(SILENCE_OUTCOMES)('silence throughout, assuming silence ends in "%s": never captured, and the caller is told', async (outcome) => {
    const r = await play('silence', { silence: outcome });
    expect(r.outcome).toBe('failed');
    expect(r.kmsCalls).toBe(0);
    expect(r.end).toBe('disconnected');
    if (outcome === 'error') expect(heard(r, apology())).toBe(true);
    else {
      // Three empty turns: the code hook closes with no-input, and the flow has its own words for it.
      expect(prompts(r).filter((l) => /did not hear anything/.test(l))).toHaveLength(2);
      expect(heard(r, noInputApology())).toBe(true);
    }
  });
});

describe('when KMS is unavailable', () => {
  it('the code hook fails closed: the failure branch and the apology, nothing stored', async () => {
    const down = await startSimulator(deployment);
    await down.kms.close(); // nothing listens on the stand-in's port any more
    try {
      const r = await play('kms-unavailable', { on: down });
      expect(r.outcome).toBe('failed');
      expect(stored(r)).toEqual([]);
      expect(heard(r, apology())).toBe(true);
      expect(r.lambdaLogs.some((l) => l.includes('encrypt-failed'))).toBe(true);
    } finally {
      await down.close();
    }
  });
});
