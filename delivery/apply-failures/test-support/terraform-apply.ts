// A real `terraform apply` and `plan` of one aws_cloudcontrolapi_resource against the Cloud Control stand-in,
// with the offline AWS provider mirror (found as ../shared/tools/tf-offline-check.mjs finds it: its header).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { LESS_GC } from '../../plan-guard/real-plans';

const holdsAws = (dir: string) => existsSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws'));

export function findMirror(): string | undefined {
  if (process.env.TF_OFFLINE_MIRROR) return process.env.TF_OFFLINE_MIRROR;
  const implied = [path.join(homedir(), '.terraform.d', 'plugins'), path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share'), 'terraform', 'plugins'),
    ...(process.env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').map((d) => path.join(d, 'terraform', 'plugins'))];
  const found = implied.find(holdsAws);
  if (found) return found;
  for (const top of readdirSync('/', { withFileTypes: true })) {
    if (!top.isDirectory() || ['proc', 'sys', 'dev', 'tmp', 'run'].includes(top.name)) continue;
    let entries: string[] = [];
    try { entries = readdirSync(path.join('/', top.name)); } catch { continue; }
    const hit = entries.map((e) => path.join('/', top.name, e)).find(holdsAws);
    if (hit) return hit;
  }
  return undefined;
}

export interface TerraformRun { status: number; output: string }

/**
 * A folder with the config, initialised against the mirror; `run` runs terraform there. Asynchronously: the
 * stand-in it talks to serves from this same process, which a synchronous spawn would block.
 */
export function terraformFolder(mirror: string, config: object): { dir: string; run: (...args: string[]) => Promise<TerraformRun> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'apply-failure-'));
  writeFileSync(path.join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`);
  writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const env = { ...process.env, ...LESS_GC, TF_CLI_CONFIG_FILE: path.join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  delete env.TF_PLUGIN_CACHE_DIR;
  const terraform = process.env.TERRAFORM ?? 'terraform';
  const run = (...args: string[]) => new Promise<TerraformRun>((resolve) => {
    const child = spawn(terraform, args, { cwd: dir, env, timeout: 240_000 });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
  const init = spawnSync(terraform, ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}${init.stderr}`);
  return { dir, run };
}
