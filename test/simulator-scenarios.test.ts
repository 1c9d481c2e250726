// The call, end to end: each scenario is a caller script (simulator/scenarios/*.json) played against dev's
// synthesized flow, capture module and bot and the bundled Encrypt zip, with the KMS stand-in. Plaintext is
// checked by decrypting what the module stored (bound to the call's contact), KMS calls are counted, and
// every call passes the leak check. The behaviours these calls rely on, each with its source, and what is
// assumed (the silence outcomes, keys carried over, the block's prompt interruptible per allow-interrupt,
// $.Lex.SessionAttributes readable inside a module) are in docs/simulator.md; a scenario that depends on an
// assumption names it. Every call through the flow runs the module too: the flow invokes it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../functions/shared/ciphertext';
import { createKeyring } from '../functions/shared/kms-keyring';
import { CALLER_LOGGING_ATTRIBUTE, RESULT, RESULT_ATTRIBUTE } from '../contract/capture-module';
import { CARD_NUMBER, ZIP_CODE, type SecureFieldSpec } from '../contract/secure-fields';
import type { ContactFlow } from '../flows/flow-language';
import { validateFlow } from '../flows/validator';
import { parseCallerScript, type CallerScript } from '../simulator/caller-script';
import { DEFAULT_SILENCE, SILENCE_OUTCOMES, type SilenceOutcome } from '../simulator/connect-runtime';
import { loadDeployment, type Deployment } from '../simulator/deployment';
import { fedDigits, findLeaks } from '../simulator/leak-check';
import { startSimulator, type CallOptions, type CallResult, type Simulator } from '../simulator/simulator';

const script = (name: string): CallerScript => parseCallerScript(readFileSync(path.join(__dirname, '..', 'simulator', 'scenarios', `${name}.json`), 'utf8'));

let deployment: Deployment;
let sim: Simulator;
beforeAll(async () => {
  deployment = loadDeployment('dev');
  sim = await startSimulator(deployment);
}, 60_000);
afterAll(() => sim?.close());

async function play(name: string, options: { on?: Simulator; silence?: SilenceOutcome } & Omit<CallOptions, 'silence'> = {}): Promise<CallResult> {
  const s = script(name);
  const { on, ...callOptions } = options;
  const result = await (on ?? sim).play(s, callOptions);
  expect(findLeaks(fedDigits(s), result), 'a fed digit string leaked').toEqual([]);
  return result;
}

/** A variant of dev's deployment with its capture module changed, for the duration of `run`. */
async function withModule<T>(change: (module: ContactFlow) => void, run: (on: Simulator) => Promise<T>): Promise<T> {
  const content = structuredClone(deployment.module.content);
  change(content);
  const other = await startSimulator({ ...deployment, module: { ...deployment.module, content } });
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
  expect(r.secureInputResult).toBe(RESULT.captured);
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
    await withModule(setOnBotBlocks('x-amz-lex:dtmf:max-length:*:*', (spec) => String(spec.digits)), async (on) => {
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
    await withModule(setOnBotBlocks('x-amz-lex:allow-interrupt:*:*', () => 'false'), async (on) => {
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
      // The block's error branch with no status: the module cannot tell silence from a failure, and the flow says sorry.
      expect(r.path).toContain(`${deployment.module.name}/result-failed`);
      expect(r.secureInputResult).toBe(RESULT.failed);
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
    expect(r.secureInputResult).toBe(RESULT.failed);
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
    if (outcome === 'error') expect([heard(r, apology()), r.secureInputResult]).toEqual([true, RESULT.failed]);
    else {
      // Three empty turns: the code hook closes with no-input, the module answers so, and the flow has its own words for it.
      expect(r.secureInputResult).toBe(RESULT.noInput);
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

// --entry module: the capture module on its own, invoked as a team's inbound flow would invoke it (a minimal
// caller flow: InvokeFlowModule, then disconnect). The module reads $.Lex.SessionAttributes after its own bot
// blocks, which no AWS page and no public module shows (docs/simulator.md, "Flow modules"): every scenario
// that depends on it says so in its name, and the last ones play the other answer.
describe('the capture module on its own (--entry module)', () => {
  const UNDOCUMENTED = 'relies on $.Lex.SessionAttributes inside a module, undocumented';
  const inModule = (id: string) => `${deployment.module.name}/${id}`;

  it(`voice happy path: both fields captured and secure_input_result captured, then back to the caller, nothing said beyond the bot blocks (${UNDOCUMENTED})`, async () => {
    const r = await play('voice-happy-path', { entry: 'module' });
    await expectCaptured(r, '4111111111111111', '02134');
    expect([r.path[0], r.path.at(-2), r.path.at(-1)]).toEqual(['invoke-module', inModule('return-to-caller'), 'end-call']);
    expect(prompts(r).filter((l) => !/card number|ZIP code/.test(l))).toEqual([]);
  });

  it(`keypad with "#": captured (${UNDOCUMENTED})`, async () => {
    await expectCaptured(await play('keypad-with-pound', { entry: 'module' }), '5555555555554444', '90210');
  });

  it(`a non-Luhn card three times: secure_input_result failed, nothing stored, KMS never called (${UNDOCUMENTED})`, async () => {
    const r = await play('non-luhn-three-times', { entry: 'module' });
    expect([r.outcome, r.secureInputResult, stored(r), r.kmsCalls]).toEqual(['failed', RESULT.failed, [], 0]);
    expect(r.path).toContain(inModule('result-failed'));
  });

  it.each(['fallback', 'empty-turn'] as const)(`silence throughout, assuming silence ends in "%s": secure_input_result no-input (${UNDOCUMENTED})`, async (outcome) => {
    const r = await play('silence', { entry: 'module', silence: outcome });
    expect([r.secureInputResult, stored(r), r.end]).toEqual([RESULT.noInput, [], 'disconnected']);
  });

  it('silence throughout, assuming silence ends in "error": failed (no status to read at all)', async () => {
    const r = await play('silence', { entry: 'module', silence: 'error' });
    expect([r.secureInputResult, stored(r)]).toEqual([RESULT.failed, []]);
  });

  it('Lex session attributes unreadable inside a module (the other answer): secure_input_result failed, nothing stored, though the code hook encrypted the card', async () => {
    const r = await play('voice-happy-path', { entry: 'module', lexInModule: 'unreadable' });
    expect([r.outcome, r.secureInputResult, stored(r)]).toEqual(['failed', RESULT.failed, []]);
    // The card's ciphertext came back to Connect but the module could not see it: one KMS call, and the ZIP never asked.
    expect([r.kmsCalls, asked(r, ZIP)]).toEqual([1, 0]);
    // Through the number's flow: the general apology.
    const f = await play('voice-happy-path', { lexInModule: 'unreadable' });
    expect([f.secureInputResult, stored(f), heard(f, apology()), heard(f, thanks())]).toEqual([RESULT.failed, [], true, false]);
  });

  it(`gives the caller its flow logging back: off after the Return when it said Disabled, on otherwise (${UNDOCUMENTED})`, async () => {
    const logged = (r: CallResult) => r.flowLogs.map((l) => l.Identifier);
    const on = await play('keypad-with-pound', { entry: 'module' });
    expect(logged(on)).toEqual(expect.arrayContaining(['return-to-caller', 'end-call']));
    const off = await play('keypad-with-pound', { entry: 'module', contactAttributes: { [CALLER_LOGGING_ATTRIBUTE]: 'Disabled' } });
    expect(logged(off)).not.toContain('end-call');
    expect(off.secureInputResult).toBe(RESULT.captured);
    // Nothing a bot block saw is logged either way: logging is off from before the first bot block.
    for (const r of [on, off]) expect(r.flowLogs.filter((l) => l.ContactFlowModuleType === 'ConnectParticipantWithLexBot')).toEqual([]);
  });

  it('answers anew on every invocation: a caller\'s earlier "captured" is replaced by this one\'s "failed"', async () => {
    const r = await play('non-luhn-three-times', { entry: 'module', contactAttributes: { [RESULT_ATTRIBUTE]: RESULT.captured, other: 'kept' } });
    expect(r.contactAttributes).toMatchObject({ [RESULT_ATTRIBUTE]: RESULT.failed, other: 'kept' });
  });
});

// The README's "Invoke the capture from your own flow" blocks, exactly as printed, in a flow of their own.
describe('the README\'s invoke excerpt, run as a team\'s flow', () => {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const excerpt = () => {
    const [, block] = /<!-- invoke-excerpt:start -->\s*```json\n([\s\S]*?)```\s*<!-- invoke-excerpt:end -->/.exec(readme) ?? [];
    if (!block) throw new Error('README.md has no invoke excerpt');
    return JSON.parse(block) as ContactFlow['Actions'];
  };
  const teamFlow = (moduleId: string): ContactFlow => {
    const actions = excerpt();
    for (const a of actions) if (a.Type === 'InvokeFlowModule') a.Parameters.FlowModuleId = moduleId;
    const ends = ['capture-ok', 'capture-no-input', 'capture-failed'].map((Identifier) => ({ Identifier, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }));
    return { Version: '2019-10-30', StartAction: actions[0]!.Identifier, Actions: [...actions, ...ends] };
  };

  it('names the module by a placeholder for the output, and passes every validator rule as an inbound flow', () => {
    expect(excerpt().find((a) => a.Type === 'InvokeFlowModule')!.Parameters.FlowModuleId).toBe('<capture_module_id>');
    expect(validateFlow(teamFlow('module-id'))).toEqual([]);
  });

  it('captures on the happy path and branches on secure_input_result as the README says, by the module\'s id or its ARN', async () => {
    for (const moduleId of deployment.module.ids) {
      const other = await startSimulator({ ...deployment, flow: teamFlow(moduleId), flowName: 'team-flow' });
      try {
        const ok = await play('voice-happy-path', { on: other });
        await expectCaptured(ok, '4111111111111111', '02134', other);
        expect(ok.path.slice(-3)).toEqual(['capture-result', 'recording-back-on', 'capture-ok']);
        expect((await play('non-luhn-three-times', { on: other })).path.at(-1)).toBe('capture-failed');
        expect((await play('silence', { on: other, silence: 'fallback' })).path.at(-1)).toBe('capture-no-input');
      } finally {
        await other.close();
      }
    }
  });
});
