// The bot's name is spelled in one place (stacks/lex/bot-names.ts: its stem); the deployed name ends in a
// generation id that only the state knows. Code, tests and docs read it from the synthesized stack
// (smoke/bot-name.ts) or the state (`terraform output bot_name`): a re-spelled `<prefix>-<env>-secure-input`
// sends operators to a bot that does not exist (issue 16: the smoke test's exact-name ListBots did).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentInputs } from '../environments';

const ROOT = path.join(__dirname, '..');
const envNames = environmentInputs.map((e) => e.name);
// `<env>-secure-input`, `${env.name}-secure-input` or a real environment's `dev-secure-input`; and the stem
// built with resourceName.
const SPELLINGS = [
  new RegExp(`(<env>|\\$\\{env\\.name\\}|\\b(${envNames.join('|')}))-secure-input`),
  /resourceName\([^)]*'secure-input'\)/,
];
/** Lines that spell the same words for something else: file, what the line must hold, why. */
const OTHER_NAMES: [string, RegExp, string][] = [
  ['stacks/lex/bot-names.ts', /botNameStem = /, 'the one place the stem is spelled'],
  ['*', /alias\/(<prefix>|\$\{env\.prefix\})-(<env>|\$\{env\.name\})-secure-input/, 'the KMS key alias, not the bot'],
  ['*', /dashboard/i, 'the CloudWatch dashboard, not the bot'],
];

function offenders(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!SPELLINGS.some((re) => re.test(line))) return;
      if (OTHER_NAMES.some(([where, holds]) => (where === '*' || where === file) && holds.test(line))) return;
      found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

describe('no re-spelled bot name', () => {
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n')
    .filter((f) => /\.(ts|mjs|cjs|js|md|ya?ml|json)$/.test(f) && !f.endsWith('package-lock.json') && f !== 'test/no-respelled-bot-name.test.ts');

  it('no file spells the bot\'s name outside stacks/lex/bot-names.ts', () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(offenders(tracked)).toEqual([]);
  });

  it('catches the spellings the issue found (docs, the smoke test\'s exact name) and lets the key alias and the dashboard be', () => {
    const lines = [
      'without it the bot `<prefix>-<env>-secure-input` and its alias `live` are found by name',
      "export const botName = (env) => resourceName(env, 'secure-input');",
      "standIn.bots = [{ botName: 'secure-input-dev-secure-input' }];",
      'Symmetric, rotating, alias `alias/<prefix>-<env>-secure-input`.',
      'One dashboard, `<prefix>-<env>-secure-input`, graphs every alarm.',
    ];
    expect(lines.map((l) => SPELLINGS.some((re) => re.test(l)) && !OTHER_NAMES.some(([w, h]) => w === '*' && h.test(l)))).toEqual([true, true, true, false, false]);
  });
});
