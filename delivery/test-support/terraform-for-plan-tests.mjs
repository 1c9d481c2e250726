#!/usr/bin/env node
// A stand-in for the terraform binary, for tf-offline-check's TERRAFORM variable in tests that read plans
// (delivery/plan-guard/real-plans.ts). It runs every command as asked, on the Terraform named by
// $PLAN_TESTS_TERRAFORM (another stand-in, or terraform), except two that such a test does not read:
// - `validate`: `terraform plan`, which the check runs next, "includes an implied validation check"
//   (https://developer.hashicorp.com/terraform/cli/commands/validate), so an invalid configuration still
//   fails the plan; the real `terraform validate` of every synthesized stack runs in CI (.ci/run).
// - `show -no-color` when $PLAN_TESTS_TEXT is 0: the plan's rendering, for tests that read only its JSON.
// Each costs a start of the AWS provider (about 3 s measured here), per stack planned.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
if (args[0] === 'validate') {
  process.stdout.write('Success! The configuration is valid (checked by the plan that follows).\n');
  process.exit(0);
}
if (args[0] === 'show' && args.includes('-no-color') && !args.includes('-json') && process.env.PLAN_TESTS_TEXT === '0') process.exit(0);
const run = spawnSync(process.env.PLAN_TESTS_TERRAFORM || 'terraform', args, { stdio: 'inherit' });
process.exit(run.status ?? 1);
