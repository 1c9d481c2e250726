// Real Terraform plans that need no provider at all: `terraform_data` is built into Terraform, so init
// downloads nothing and a plan takes about a second. Used where the AWS provider adds nothing (the
// digest compare, an errored plan); the guard's AWS cases come from the batched offline check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const terraformHere = (): boolean => spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

/** One config: `terraform_data.item` whose input and replacement trigger are variables, and a check that can fail. */
const CONFIG = `
variable "input" { type = string }
variable "trigger" {
  type    = string
  default = "t1"
}
variable "healthy" {
  type    = bool
  default = true
}
resource "terraform_data" "item" {
  input            = var.input
  triggers_replace = [var.trigger]
  lifecycle {
    precondition {
      condition     = var.healthy
      error_message = "the precondition failed"
    }
  }
}
`;

export interface TerraformDataWorkspace {
  /** `terraform plan -out` with these variables, then `terraform show -json` of it (also of an errored plan). */
  plan(vars: Record<string, string>): { status: number; json: any; output: string };
  /** The state file as written, and `terraform show -json` of it: neither is a plan. */
  state(): { file: any; shown: any };
}

/** A folder whose state already holds terraform_data.item (input "first", trigger "t1"). */
export function terraformDataWorkspace(): TerraformDataWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'tf-data-'));
  writeFileSync(path.join(dir, 'main.tf'), CONFIG);
  const env = { PATH: process.env.PATH, HOME: dir, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'none.tfrc') };
  writeFileSync(path.join(dir, 'none.tfrc'), '');
  const tf = (...args: string[]) => spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  const must = (r: ReturnType<typeof tf>) => {
    if (r.status !== 0) throw new Error(`terraform failed: ${r.stderr || r.stdout}`);
    return r;
  };
  must(tf('init', '-input=false', '-no-color'));
  must(tf('apply', '-input=false', '-no-color', '-auto-approve', '-var', 'input=first'));
  let n = 0;
  return {
    plan(vars) {
      const file = `p${++n}.tfplan`;
      const r = tf('plan', '-input=false', '-no-color', `-out=${file}`, ...Object.entries(vars).flatMap(([k, v]) => ['-var', `${k}=${v}`]));
      const show = must(tf('show', '-json', file));
      return { status: r.status ?? 1, json: JSON.parse(show.stdout), output: `${r.stdout}${r.stderr}` };
    },
    state() {
      return { file: JSON.parse(readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8')), shown: JSON.parse(must(tf('show', '-json')).stdout) };
    },
  };
}
