// The call, end to end: each scenario is a caller script (simulator/scenarios/*.json) played against dev's
// synthesized flow and bot and the bundled Encrypt zip, with the KMS stand-in. Plaintext is checked by
// decrypting what the flow stored; every call also passes the leak check. The behaviours these calls rely
// on (ConnectParticipantWithLexBot's branches, https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-connectparticipantwithlexbot.html;
// slot retries and FallbackIntent, https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intent-fallback.html;
// keypad end and max length, https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DTMFSpecification.html)
// and the assumptions (silence raises InputTimeLimitExceeded at once) are in docs/simulator.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../functions/shared/ciphertext';
import { createKeyring } from '../functions/shared/kms-keyring';
import { CARD_NUMBER, ZIP_CODE } from '../contract/secure-fields';
import { parseCallerScript, type CallerScript } from '../simulator/caller-script';
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

async function play(name: string, on: Simulator = sim): Promise<CallResult> {
  const s = script(name);
  const result = await on.play(s);
  expect(findLeaks(fedDigits(s), result), 'a fed digit string leaked').toEqual([]);
  return result;
}

const plaintextOf = async (ciphertext: string | undefined) => (await decryptField(createKeyring(sim.kms.keyArn), ciphertext)).plaintext;
/** What the system said, in order. */
const prompts = (r: CallResult) => r.transcript.split('\n').filter((l) => l.trim().startsWith('system:'));
/** How often the caller was asked for a field: its slot prompt or a re-ask naming it. */
const asked = (r: CallResult, field: RegExp) => prompts(r).filter((l) => field.test(l) && !/could not take/.test(l)).length;
const CARD = /card number/i;
const ZIP = /ZIP code/i;
const heard = (r: CallResult, text: string) => prompts(r).some((l) => l.includes(text));
const stored = (r: CallResult) => Object.keys(r.contactAttributes).filter((k) => [CARD_NUMBER.contactAttribute, ZIP_CODE.contactAttribute].includes(k));

// Where the flow goes from its first bot block on an error, and the message the caller hears there.
const firstBotBlock = () => deployment.flow.Actions.find((a) => a.Type === 'ConnectParticipantWithLexBot')!;
const branchOf = (error: string) => firstBotBlock().Transitions.Errors!.find((e) => e.ErrorType === error)!.NextAction;
function messageFrom(id: string): string {
  for (let a = deployment.flow.Actions.find((x) => x.Identifier === id); a; a = deployment.flow.Actions.find((x) => x.Identifier === a!.Transitions.NextAction)) {
    if (a.Type === 'MessageParticipant') return a.Parameters.Text as string;
  }
  throw new Error(`no message after ${id}`);
}
const apology = () => messageFrom(branchOf('NoMatchingCondition'));
const thanks = () => flowText('MessageParticipant', (p) => /thank/i.test(p.Text))[0]!;
const flowText = (type: string, pick: (p: any) => boolean = () => true) =>
  deployment.flow.Actions.filter((a) => a.Type === type && pick(a.Parameters)).map((a) => a.Parameters.Text as string);

describe('a caller who gives both values', () => {
  it('by voice: both stored as ciphertext that decrypts to the digits, thanked, two KMS calls', async () => {
    const r = await play('voice-happy-path');
    expect(r.outcome).toBe('captured');
    expect(await plaintextOf(r.contactAttributes[CARD_NUMBER.contactAttribute])).toBe('4111111111111111');
    expect(await plaintextOf(r.contactAttributes[ZIP_CODE.contactAttribute])).toBe('02134');
    expect(heard(r, thanks())).toBe(true);
    expect(r.kmsCalls).toBe(2);
    expect(r.end).toBe('disconnected');
  });

  it('on the keypad, ending each value with #', async () => {
    const r = await play('keypad-with-pound');
    expect(r.outcome).toBe('captured');
    expect(await plaintextOf(r.contactAttributes[CARD_NUMBER.contactAttribute])).toBe('5555555555554444');
    expect(await plaintextOf(r.contactAttributes[ZIP_CODE.contactAttribute])).toBe('90210');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 1]);
  });

  it('with a card number of the wrong length first: re-prompted, then captured', async () => {
    const r = await play('wrong-length-then-right');
    expect(r.outcome).toBe('captured');
    expect(await plaintextOf(r.contactAttributes[CARD_NUMBER.contactAttribute])).toBe('4111111111111111');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
    expect(r.kmsCalls).toBe(2);
  });
});

describe('a caller who cannot give a valid value', () => {
  it('a non-Luhn card three times: two re-prompts, then the failure branch; nothing stored, KMS never called', async () => {
    const r = await play('non-luhn-three-times');
    expect(r.outcome).toBe('failed');
    expect(stored(r)).toEqual([]);
    expect(prompts(r).filter((l) => /not valid/.test(l))).toHaveLength(2);
    expect(heard(r, apology())).toBe(true);
    expect(r.kmsCalls).toBe(0);
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([3, 0]);
  });

  it('5 digits at the card prompt: re-prompted for the card, stored neither as card nor as ZIP', async () => {
    const r = await play('zip-at-card-prompt');
    // The 5 digits are not encrypted anywhere: the two KMS calls are the card and the real ZIP.
    expect(r.kmsCalls).toBe(2);
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([2, 1]);
    expect(r.outcome).toBe('captured');
    expect(await plaintextOf(r.contactAttributes[CARD_NUMBER.contactAttribute])).toBe('4111111111111111');
    expect(await plaintextOf(r.contactAttributes[ZIP_CODE.contactAttribute])).toBe('90210');
  });

  it('ZIP retries exhausted after a captured card: the failure branch, no empty or stale ZIP stored', async () => {
    const r = await play('zip-retries-exhausted');
    expect(r.outcome).toBe('failed');
    expect(r.contactAttributes).not.toHaveProperty(ZIP_CODE.contactAttribute);
    expect(await plaintextOf(r.contactAttributes[CARD_NUMBER.contactAttribute])).toBe('4111111111111111');
    expect([asked(r, CARD), asked(r, ZIP)]).toEqual([1, 3]);
    expect(r.kmsCalls).toBe(1);
    expect(heard(r, apology())).toBe(true);
  });

  it('silence: the timeout branch, then its apology; Lex never reads caller input', async () => {
    const r = await play('silence');
    expect(r.transcript).toMatch(/-> InputTimeLimitExceeded\n/);
    expect(r.path).toContain(branchOf('InputTimeLimitExceeded'));
    expect(heard(r, messageFrom(branchOf('InputTimeLimitExceeded')))).toBe(true);
    expect(r.end).toBe('disconnected');
    expect(r.outcome).toBe('failed');
    expect(r.kmsCalls).toBe(0);
  });
});

describe('when KMS is unavailable', () => {
  it('the code hook fails closed: the failure branch and the apology, nothing stored', async () => {
    const down = await startSimulator(deployment);
    await down.kms.close(); // nothing listens on the stand-in's port any more
    try {
      const r = await play('kms-unavailable', down);
      expect(r.outcome).toBe('failed');
      expect(stored(r)).toEqual([]);
      expect(heard(r, apology())).toBe(true);
      expect(r.lambdaLogs.some((l) => l.includes('encrypt-failed'))).toBe(true);
    } finally {
      await down.close();
    }
  });
});
