// 1,000 simulated calls through the number's flow (which invokes the capture module), a quarter planned to
// fail: no digit string a caller fed appears in any transcript, flow log, Lambda log, contact attribute or
// recording; then 250 entering at the module, half of them with the caller's logging Disabled. Then the same
// check catches a module that stores $.Lex.Slots.digits, one that leaves flow logging on around its bot
// blocks and one that leaves IVR recording on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE, CARD_NUMBER } from '../contract/secure-fields';
import type { ContactFlow } from '../flows/flow-language';
import { loadDeployment, type Deployment } from './deployment';
import { fedDigits, findLeaks, type Leak } from './leak-check';
import { CALLER_LOGGING_ATTRIBUTE, RESULT } from '../contract/capture-module';
import { randomCalls } from './random-callers';
import { startSimulator, type Simulator } from './simulator';

const CALLS = 1000;
let deployment: Deployment;
let sim: Simulator;
beforeAll(async () => {
  deployment = loadDeployment('dev');
  sim = await startSimulator(deployment);
}, 60_000);
afterAll(() => sim?.close());

it(`${CALLS} calls with random cards and ZIPs, a quarter failing: nothing fed leaks`, async () => {
  const calls = randomCalls(CALLS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const leaks: { call: number; leak: Leak }[] = [];
  const outcomes = { captured: 0, failed: 0 };
  const unexpected: number[] = [];
  let kmsCalls = 0;
  for (const [i, call] of calls.entries()) {
    sim.kms.mode = call.kmsMode;
    const r = await sim.play(call.script, { silence: call.silence });
    outcomes[r.outcome]++;
    kmsCalls += r.kmsCalls;
    if (r.outcome !== call.expect || (r.secureInputResult === RESULT.captured) !== (call.expect === 'captured')) unexpected.push(i);
    for (const leak of findLeaks(fedDigits(call.script), r)) leaks.push({ call: i, leak });
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  sim.kms.mode = 'ok';
  console.log(`leak test: ${CALLS} calls in ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, ${(kmsCalls / CALLS).toFixed(2)} KMS calls per call`);
  expect(leaks).toEqual([]);
  expect(unexpected).toEqual([]);
  expect(outcomes).toEqual({ captured: CALLS * 0.75, failed: CALLS * 0.25 });
  // CPU time, not wall time: the machine is shared, and others' load must not fail this test. 60 s of
  // CPU would be 60 s of wall on an idle core; the bench reports the wall figure.
  expect(cpuSeconds).toBeLessThan(60);
}, 300_000);

it('250 calls entering at the module, half with the caller\'s logging Disabled: nothing fed leaks, each answers as planned', async () => {
  const leaks: { call: number; leak: Leak }[] = [];
  const unexpected: number[] = [];
  for (const [i, call] of randomCalls(250, 19).entries()) {
    sim.kms.mode = call.kmsMode;
    const contactAttributes: Record<string, string> = i % 2 ? { [CALLER_LOGGING_ATTRIBUTE]: 'Disabled' } : {};
    const r = await sim.play(call.script, { silence: call.silence, entry: 'module', contactAttributes });
    const answered = r.secureInputResult === RESULT.captured ? 'captured' : 'failed';
    if (r.outcome !== call.expect || answered !== call.expect) unexpected.push(i);
    for (const leak of findLeaks(fedDigits(call.script), r)) leaks.push({ call: i, leak });
  }
  sim.kms.mode = 'ok';
  expect(leaks).toEqual([]);
  expect(unexpected).toEqual([]);
}, 120_000);

describe('the leak check fails a module that', () => {
  const mutated = async (change: (module: ContactFlow) => void) => {
    const content = structuredClone(deployment.module.content);
    change(content);
    const other = await startSimulator({ ...deployment, module: { ...deployment.module, content } });
    const found: Leak[] = [];
    try {
      for (const call of randomCalls(8, 7).filter((c) => c.expect === 'captured')) found.push(...findLeaks(fedDigits(call.script), await other.play(call.script, { silence: call.silence })));
    } finally {
      await other.close();
    }
    return found;
  };

  it('stores $.Lex.Slots.digits as the card', async () => {
    const leaks = await mutated((flow) => {
      const store = flow.Actions.find((a) => a.Type === 'UpdateContactAttributes' && Object.values(a.Parameters.Attributes as object).includes(`$.Lex.SessionAttributes.${CARD_NUMBER.sessionAttribute}`))!;
      store.Parameters.Attributes = { ...(store.Parameters.Attributes as object), [CARD_NUMBER.contactAttribute]: `$.Lex.Slots.${CAPTURE.slot}` };
    });
    expect(leaks.map((l) => l.where)).toContain('contactAttributes');
  });

  it('leaves flow logging on around its bot blocks', async () => {
    const leaks = await mutated((flow) => {
      for (const a of flow.Actions) if (a.Type === 'UpdateFlowLoggingBehavior') a.Parameters.FlowLoggingBehavior = 'Enabled';
    });
    expect(leaks.map((l) => l.where)).toContain('flowLogs');
  });

  it('leaves IVR recording on around its bot blocks', async () => {
    const leaks = await mutated((flow) => {
      for (const a of flow.Actions) {
        if (a.Type === 'UpdateContactRecordingAndAnalyticsBehavior') a.Parameters = { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Enabled' } } };
      }
    });
    expect(leaks.map((l) => l.where)).toContain('recorded');
  });

  it('is the unchanged module: no leak (the control)', async () => {
    expect(await mutated(() => {})).toEqual([]);
  });
});
