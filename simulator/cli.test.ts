// npm run simulate: exit 0 when the call ran whatever its outcome, --json prints exactly one object of
// the documented shape, and a bad script or environment exits 2 with one line naming the problem.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentInputs, exampleInputs } from '../environments';
import { runSimulateCli } from './cli';
import { loadDeployment, type Deployment } from './deployment';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'simulate-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(scratch, name);
  writeFileSync(p, text);
  return p;
};
const scenario = (name: string) => path.join(__dirname, 'scenarios', `${name}.json`);

const deployments = new Map<string, Deployment>();
// 'odd' is dev with an action type nobody models: an environment the simulator must refuse in one line.
const load = (env: string): Deployment => {
  if (env === 'odd') {
    const dev = load('dev');
    return { ...dev, flow: { ...dev.flow, Actions: [...dev.flow.Actions, { Identifier: 'jingle', Type: 'PlayJingle', Parameters: {}, Transitions: {} }] } };
  }
  return deployments.get(env) ?? deployments.set(env, loadDeployment(env)).get(env)!;
};

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSimulateCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, load);
  return { code, out, err };
}

describe('npm run simulate', () => {
  it('--json: one object with exactly the documented keys; exit 0 for a captured and for a failed call', async () => {
    for (const [name, outcome] of [['keypad-with-pound', 'captured'], ['non-luhn-three-times', 'failed']] as const) {
      const { code, out, err } = await run('--env', 'dev', '--script', scenario(name), '--json');
      expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
      const report = JSON.parse(out[0]!);
      expect(Object.keys(report)).toEqual(['path', 'contactAttributes', 'outcome', 'secure_input_result', 'lexTurns', 'kmsCalls', 'flowLogs', 'lambdaLogs']);
      expect(report).toMatchObject({ outcome, secure_input_result: outcome, path: expect.arrayContaining([expect.any(String)]), lexTurns: expect.any(Number), kmsCalls: expect.any(Number) });
      expect(report.path[0]).toBe(load('dev').flow.StartAction);
    }
  }, 60_000);

  // The check: the module on its own, the happy path, captures both fields and says so; nothing leaks.
  // Every environment and example: `example` uses an existing instance with no number (issue 19's done-when).
  it.each([...environmentInputs, ...exampleInputs].map((e) => e.name))('--env %s --entry module --json on the voice happy path: captured, secure_input_result captured beside outcome, no digit anywhere', async (env) => {
    const { code, out, err } = await run('--env', env, '--entry', 'module', '--script', scenario('voice-happy-path'), '--json');
    expect({ code, err, lines: out.length }).toEqual({ code: 0, err: [], lines: 1 });
    const report = JSON.parse(out[0]!);
    expect(report).toMatchObject({ outcome: 'captured', secure_input_result: 'captured', kmsCalls: 2 });
    expect(report.contactAttributes).toMatchObject({ encrypted_cc: expect.stringMatching(/^AgR4/), encrypted_zip: expect.stringMatching(/^AgR4/) });
    expect(report.path[0]).toBe('invoke-module');
    expect(out[0]).not.toMatch(/4111111111111111|4111 1111 1111 1111|02134/);
  }, 60_000);

  it('--entry module --lex-in-module unreadable: failed, nothing stored; the transcript names both the entry and the assumption', async () => {
    const json = JSON.parse((await run('--env', 'dev', '--entry', 'module', '--lex-in-module', 'unreadable', '--script', scenario('voice-happy-path'), '--json')).out[0]!);
    expect([json.outcome, json.secure_input_result, Object.keys(json.contactAttributes)]).toEqual(['failed', 'failed', ['secure_input_result']]);
    const { out } = await run('--env', 'dev', '--entry', 'module', '--lex-in-module', 'unreadable', '--script', scenario('voice-happy-path'));
    expect(out[0]).toMatch(/: module Secure_Lex_Input_Capture, invoked by a minimal caller flow, .*Lex session attributes in a module \(undocumented\): unreadable$/);
    expect(out.join('\n')).toMatch(/^outcome: failed \(call disconnected\); secure_input_result: failed;/m);
  }, 60_000);

  // Issue 15's scenarios through the CLI: each captures both fields with one KMS call per field, except a
  // silent first turn under the default assumption (the block's error branch), which a real call would not capture either.
  it.each([
    ['pound-after-full-card', []], ['no-pound', []], ['star-then-number', []], ['zip-at-card-prompt', []], ['keys-during-prompt', []],
    ['voice-then-keypad', []], ['silent-first-turn', ['--silence', 'empty-turn']], ['silent-first-turn', ['--silence', 'fallback']],
  ] as const)('%s %j: captured, two KMS calls', async (name, extra) => {
    const { code, out } = await run('--env', 'dev', '--script', scenario(name), '--json', ...extra);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ outcome: 'captured', kmsCalls: 2 });
  }, 30_000);

  it('silent-first-turn under the default silence assumption: the error branch, nothing captured; the transcript names the assumption', async () => {
    const { code, out } = await run('--env', 'dev', '--script', scenario('silent-first-turn'));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/silence assumed to end in: error; Lex session attributes in a module \(undocumented\): readable$/);
    expect(out.join('\n')).toMatch(/^outcome: failed/m);
  }, 30_000);

  it('prints a transcript with the caller\'s digits counted, never quoted, and the contact attributes', async () => {
    const { code, out } = await run('--env', 'dev', '--script', scenario('voice-happy-path'));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('caller says 4 words (16 digits)');
    expect(text).toMatch(/^outcome: captured/m);
    expect(text).toMatch(/^ {2}encrypted_cc = [A-Za-z0-9+/=]{100,}$/m);
    expect(text).not.toContain('4111111111111111');
    expect(text).not.toContain('02134');
  }, 60_000);

  it.each([
    [['--env', 'dev'], /^missing --script/],
    [['--script', 'x.json'], /^missing --env/],
    [['--env', 'dev', '--script', 'x.json', '--verbose'], /^Unknown option '--verbose'/],
    [['--env', 'dev', '--script', '/nonexistent/script.json'], /^cannot read the script file/],
    [['--env', 'dev', '--script', file('not-json.json', '{turns')], /^the script is not JSON$/],
    [['--env', 'dev', '--script', file('extra.json', '{"turns": [], "caller": "x"}')], /^bad caller script at the script: unknown key\(s\) caller$/],
    [['--env', 'dev', '--script', file('bad-turn.json', '{"turns": [{"say": "hi", "keys": "1#"}]}')], /^bad caller script at turns\.0: a turn is exactly one of/],
    [['--env', 'dev', '--script', file('bad-keys.json', '{"turns": [{"keys": "12x#"}]}')], /^bad caller script at turns\.0\.keys: keys may hold only/],
    [['--env', 'no-such-env', '--script', scenario('silence')], new RegExp(`^unknown environment "no-such-env": one of ${[...environmentInputs, ...exampleInputs].map((e) => e.name).join(', ')}$`)],
    [['--env', 'dev', '--script', scenario('silence'), '--kms', 'down'], /^--kms must be one of/],
    [['--env', 'dev', '--script', scenario('silence'), '--silence', 'timeout'], /^--silence must be one of error, fallback, empty-turn$/],
    [['--env', 'dev', '--script', scenario('silence'), '--entry', 'queue'], /^--entry must be one of flow, module$/],
    [['--env', 'dev', '--script', scenario('silence'), '--lex-in-module', 'maybe'], /^--lex-in-module must be one of readable, unreadable$/],
    [['--env', 'dev', '--script', file('during.json', '{"turns": [{"silence": true, "duringPrompt": true}]}')], /^bad caller script at turns\.0: unknown key\(s\) duringPrompt$/],
    [['--env', 'dev', '--script', file('during-false.json', '{"turns": [{"keys": "1#", "duringPrompt": false}]}')], /^bad caller script at turns\.0/],
    [['--env', 'odd', '--script', scenario('silence')], /^the flow uses action type\(s\) the simulator does not model: PlayJingle$/],
  ])('%j: exit 2 and one line', async (argv, line) => {
    const { code, out, err } = await run(...argv);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err).toEqual([expect.stringMatching(line)]);
  });

  it('as a process: a bad script exits 2 with one line on stderr', () => {
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/simulate.ts', '--', '--env', 'dev', '--script', file('bad.json', '{"turns": [{"silence": false}]}')], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^bad caller script at turns\.0/)]);
  }, 30_000);
});
