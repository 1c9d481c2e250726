// The README's "Add an environment", done literally with the name qa, in a temporary copy of this
// repository (the files git lists, node_modules linked): copy environments/stage.ts to qa.ts, change its
// name, account, roles (deploy, plan, key administrators, operators), the identities its bootstrap roles
// trust, bucket and Connect alias, and add qa to the list in environments/index.ts. Then, in the copy:
// `npm run synth` writes qa's stacks; `npm run ci-env -- --matrix` (what every workflow reads) lists qa;
// and the tests that read the environment list pass there: every test file that imports the list itself
// (environmentInputs, loadAllEnvironments, exampleInputs, synthesizedInputs, loadSynthesizedEnvironments),
// found in the copy with git grep: the CLIs that name the known environments, the config checks, the app's
// stacks, the CI facts, the workflows' matrix.
// Not the whole suite: the tests that only iterate the list (through test/synth-helpers.ts) run qa as they
// run stage, qa being stage's copy, and running them all again would double the suite's time (measured:
// 50 s of a 155 s suite). The offline Terraform plans skip there (no ../shared beside the copy).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stage from '../environments/stage';

const root = path.resolve(__dirname, '..');
const QA_ACCOUNT = '123456789012';
// What marks a test that reads the environment list itself.
const LIST_READER = 'environmentInputs\\|loadAllEnvironments\\|exampleInputs\\|synthesizedInputs\\|loadSynthesizedEnvironments';
// Not run in the copy: this file, and the plan guard's, whose list-reading part is its offline plans (skipped there).
const NOT_IN_COPY = ['test/add-qa-environment.test.ts', 'delivery/plan-guard/plan-guard.test.ts'];

/** Replaces `from` by `to` in `text`, failing when `from` is not there (the recipe must change something). */
function change(text: string, from: string | RegExp, to: string, what: string): string {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`the recipe found no ${what} to change in stage.ts`);
  return changed;
}

const stageAlias = (stage.connect.instance as { create: { alias: string } }).create.alias;

/** stage.ts made into qa.ts, one README step at a time. */
function qaFromStage(stageTs: string): string {
  let qa = change(stageTs, `name: '${stage.name}'`, "name: 'qa'", 'name');
  qa = change(qa, `account: '${stage.account}'`, `account: '${QA_ACCOUNT}'`, 'account');
  // roles: deploy, plan, key administrators, operators; and who may assume the bootstrap roles
  qa = change(qa, new RegExp(`arn:aws:iam::${stage.account}:`, 'g'), `arn:aws:iam::${QA_ACCOUNT}:`, 'role');
  qa = change(qa, stage.state.bucket, `secure-input-tfstate-${QA_ACCOUNT}`, 'bucket');
  qa = change(qa, stageAlias, `secure-input-qa-${QA_ACCOUNT}`, 'Connect alias');
  return qa;
}

/** index.ts with qa imported and added to the list. */
function indexWithQa(indexTs: string): string {
  const withImport = change(indexTs, "import stage from './stage';\n", "import qa from './qa';\nimport stage from './stage';\n", 'stage import');
  return change(withImport, /export const environmentInputs = \[([^\]]*)\];/, 'export const environmentInputs = [$1, qa];', 'environment list');
}

// Inside the copy this file skips itself (INSIDE_ADD_QA_COPY), so the shared project does not recurse.
describe.skipIf(process.env.INSIDE_ADD_QA_COPY === '1')('adding qa as the README says', () => {
  let scratch: string;
  let copy: string;
  const npm = (...args: string[]) => spawnSync('npm', args, { cwd: copy, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'add-qa-'));
    copy = path.join(scratch, 'repo');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n').filter((f) => f && existsSync(path.join(root, f)));
    for (const file of files) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      cpSync(path.join(root, file), path.join(copy, file));
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    // The tests that read `git ls-files` (no root provider import, boundaries, no cycles) read the copy's.
    execFileSync('git', ['init', '-q'], { cwd: copy });
    execFileSync('git', ['add', '-A'], { cwd: copy });

    const environments = path.join(copy, 'environments');
    writeFileSync(path.join(environments, 'qa.ts'), qaFromStage(readFileSync(path.join(environments, 'stage.ts'), 'utf8')));
    writeFileSync(path.join(environments, 'index.ts'), indexWithQa(readFileSync(path.join(environments, 'index.ts'), 'utf8')));
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('left nothing of stage\'s account, bucket or alias in qa.ts', () => {
    const qa = readFileSync(path.join(copy, 'environments', 'qa.ts'), 'utf8');
    expect(qa).toContain("name: 'qa'");
    for (const stageValue of [stage.account, stage.state.bucket, stageAlias]) expect(qa).not.toContain(stageValue);
  });

  it('synthesizes qa\'s stack and its bootstrap stack, in qa\'s account and state', () => {
    const synth = npm('run', 'synth');
    expect(synth.status, synth.stderr).toBe(0);
    const stackOf = (name: string) => JSON.parse(readFileSync(path.join(copy, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
    const qa = stackOf('qa');
    expect(qa.terraform.backend.s3).toMatchObject({ bucket: `secure-input-tfstate-${QA_ACCOUNT}`, key: 'secure-input/qa/terraform.tfstate' });
    expect(qa.provider.aws[0].allowed_account_ids).toEqual([QA_ACCOUNT]);
    expect(JSON.stringify(qa)).not.toContain(stage.account);
    expect(stackOf('bootstrap-qa').provider.aws[0].allowed_account_ids).toEqual([QA_ACCOUNT]);
  }, 120_000);

  it('is in the workflows\' matrix with no workflow edit', () => {
    const matrix = npm('run', '--silent', 'ci-env', '--', '--matrix');
    expect(matrix.status, matrix.stderr).toBe(0);
    const environments = JSON.parse(/^environments=(.*)$/m.exec(matrix.stdout)![1]!);
    expect(environments).toContain('qa');
    const facts = npm('run', '--silent', 'ci-env', '--', 'qa');
    expect(facts.status, facts.stderr).toBe(0);
    expect(facts.stdout).toContain(`deploy_role_arn=arn:aws:iam::${QA_ACCOUNT}:role/`);
  }, 60_000);

  it('passes the tests that read the environment list', () => {
    const readers = execFileSync('git', ['grep', '-l', LIST_READER, '--', '*.test.ts'], { cwd: copy, encoding: 'utf8' })
      .split('\n').filter((f) => f && !NOT_IN_COPY.includes(f));
    // The ones this repository's history showed breaking when qa was added (issue 20), among others.
    expect(readers).toEqual(expect.arrayContaining(['scripts/decrypt-cli.test.ts', 'simulator/cli.test.ts', 'smoke/smoke.test.ts', 'delivery/ci-facts.test.ts', 'environments/smoke-schema.test.ts']));
    const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawnSync(process.execPath, [vitest, 'run', ...readers], { cwd: copy, encoding: 'utf8', env: { ...process.env, INSIDE_ADD_QA_COPY: '1', NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Test Files +${readers.length} passed`));
  }, 180_000);
});
