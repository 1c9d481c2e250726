#!/usr/bin/env node
// A stand-in for the terraform binary, for tf-offline-check's TERRAFORM variable: runs Terraform as asked
// and, after a successful `plan -out=FILE`, writes that plan's apply graph (`terraform graph -type=apply`)
// to $APPLY_GRAPH_DIR/<stack folder>.dot. The graph is what orders creates, updates and deletions.
// $PLAN_EXTRA_ARGS (a JSON list) is added to every `plan`: how a test plans `-replace=ADDRESS` as an
// operator would type it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const terraform = process.env.REAL_TERRAFORM || 'terraform';
const args = process.argv.slice(2);
if (args[0] === 'plan' && process.env.PLAN_EXTRA_ARGS) args.push(...JSON.parse(process.env.PLAN_EXTRA_ARGS));
const run = spawnSync(terraform, args, { stdio: 'inherit' });
const out = args[0] === 'plan' ? args.find((a) => a.startsWith('-out=')) : undefined;
if (run.status === 0 && out && process.env.APPLY_GRAPH_DIR) {
  const graph = spawnSync(terraform, ['graph', '-type=apply', `-plan=${out.slice('-out='.length)}`], { encoding: 'utf8' });
  if (graph.status !== 0) {
    process.stderr.write(graph.stderr);
    process.exit(1);
  }
  writeFileSync(path.join(process.env.APPLY_GRAPH_DIR, `${path.basename(process.cwd())}.dot`), graph.stdout);
}
process.exit(run.status ?? 1);
