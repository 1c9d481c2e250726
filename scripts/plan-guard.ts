// npm run plan-guard -- <plan.json> [--title T]: the guard over `terraform show -json` output.
// Prints the Markdown summary; exits 1 when a protected resource would be deleted, replaced or forgotten,
// unless PLAN_GUARD_ALLOW_DESTROY=true (which CI sets only from the allow-destroy label), and when a Cloud
// Control resource would be updated in place where its type cannot be (no override); exits 2 with one
// line when the input is not a finished plan (never echoing the input).
import { readFileSync } from 'node:fs';
import { guardPlan, NotAPlanError, NOT_A_PLAN, OVERRIDE_VARIABLE, summaryMarkdown } from '../delivery/plan-guard/plan-guard';

const refuse = (why: string): never => {
  console.error(`plan-guard: ${why}`);
  process.exit(2);
};

const args = process.argv.slice(2);
const titleAt = args.indexOf('--title');
const title = titleAt >= 0 ? args.splice(titleAt, 2)[1]! : 'Terraform plan';
if (args.length !== 1) refuse('usage: npm run plan-guard -- <plan.json> [--title <title>]');
let text = '';
try {
  text = readFileSync(args[0]!, 'utf8');
} catch (err) {
  refuse(`cannot read ${args[0]}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
}
let plan: unknown;
try {
  plan = JSON.parse(text);
} catch {
  refuse(NOT_A_PLAN);
}
try {
  const result = guardPlan(plan, process.env[OVERRIDE_VARIABLE] === 'true');
  console.log(summaryMarkdown(result, title));
  const violations = result.violations.map((v) => `${v.kind} ${v.address}`);
  if (result.overridden) console.error(`plan-guard: WARNING: ${OVERRIDE_VARIABLE} is set; allowing: ${violations.join(', ')}`);
  if (!result.ok) {
    const refused = [...(result.overridden ? [] : violations), ...result.refusedUpdates.map((u) => `in-place update ${u.address}`)];
    console.error(`plan-guard: refused: ${refused.join(', ')}`);
    process.exit(1);
  }
} catch (err) {
  refuse(err instanceof NotAPlanError ? err.message : 'the plan could not be read');
}
