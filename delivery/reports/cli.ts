// node report.cjs comment --env E --artifact NAME [--guard guard.md] [--plan plan.txt] [--error error.txt]
// node report.cjs drift   --env E --artifact NAME --run-url URL [--guard guard.md] [--plan plan.txt] [--error error.txt]
// Prints the Markdown body (delivery/reports/reports.ts). A file that does not exist counts as absent.
import { existsSync, readFileSync } from 'node:fs';
import { commentBody, driftIssueBody } from './reports';

const [kind, ...rest] = process.argv.slice(2);
const opts: Record<string, string> = {};
for (let i = 0; i + 1 < rest.length; i += 2) opts[rest[i]!.replace(/^--/, '')] = rest[i + 1]!;
const read = (name: string) => (opts[name] && existsSync(opts[name]!) ? readFileSync(opts[name]!, 'utf8') : undefined);
if (!['comment', 'drift'].includes(kind ?? '') || !opts.env || !opts.artifact || (kind === 'drift' && !opts['run-url'])) {
  console.error('usage: report (comment | drift) --env <env> --artifact <name> [--run-url <url>] [--guard <file>] [--plan <file>] [--error <file>]');
  process.exit(2);
}
const outcome = { env: opts.env, artifact: opts.artifact, guard: read('guard'), plan: read('plan'), error: read('error') };
console.log(kind === 'comment' ? commentBody(outcome) : driftIssueBody({ ...outcome, runUrl: opts['run-url']! }));
