// npm run plan-guard -- <plan.json> [--title T]: the guard over `terraform show -json` output.
// Prints the Markdown summary; exits 1 when a protected resource would be deleted or replaced,
// unless PLAN_GUARD_ALLOW_DESTROY=true (which CI sets only from a pull-request label).
import { readFileSync } from 'node:fs';
import { guardPlan, OVERRIDE_VARIABLE, summaryMarkdown } from '../delivery/plan-guard/plan-guard';

const args = process.argv.slice(2);
const titleAt = args.indexOf('--title');
const title = titleAt >= 0 ? args.splice(titleAt, 2)[1]! : 'Terraform plan';
if (args.length !== 1) {
  console.error('usage: npm run plan-guard -- <plan.json> [--title <title>]');
  process.exit(2);
}
let plan: unknown;
try {
  plan = JSON.parse(readFileSync(args[0]!, 'utf8'));
} catch (err) {
  console.error(`plan-guard: cannot read ${args[0]}: ${(err as Error).message.split('\n')[0]}`);
  process.exit(2);
}
try {
  const result = guardPlan(plan as never, process.env[OVERRIDE_VARIABLE] === 'true');
  console.log(summaryMarkdown(result, title));
  if (result.overridden) console.error(`plan-guard: WARNING: ${OVERRIDE_VARIABLE} is set; allowing: ${result.violations.map((v) => `${v.kind} ${v.address}`).join(', ')}`);
  if (!result.ok) {
    console.error(`plan-guard: refused: ${result.violations.map((v) => `${v.kind} ${v.address}`).join(', ')}`);
    process.exit(1);
  }
} catch (err) {
  console.error(`plan-guard: ${(err as Error).message}`);
  process.exit(2);
}
