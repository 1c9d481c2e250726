// node report.cjs comment --env E --artifact NAME [--guard guard.md] [--plan plan.txt] [--plan-json plan.json] [--error error.txt]
// node report.cjs summary --env E --artifact NAME [--artifact-url URL] [--guard ...] [--plan ...] [--plan-json ...] [--error ...]
// node report.cjs drift   --env E --artifact NAME --run-url URL [--guard guard.md] [--plan plan.txt] [--plan-json ...] [--error error.txt]
// Prints the Markdown body (delivery/reports/reports.ts). A file that does not exist counts as absent, and
// so does a plan JSON that cannot be read (the rendered plan is then cut without the list of changes).
import { existsSync, readFileSync } from 'node:fs';
import { commentBody, driftIssueBody, plannedChanges, summaryBody } from './reports';

const [kind, ...rest] = process.argv.slice(2);
const opts: Record<string, string> = {};
for (let i = 0; i + 1 < rest.length; i += 2) opts[rest[i]!.replace(/^--/, '')] = rest[i + 1]!;
const read = (name: string) => (opts[name] && existsSync(opts[name]!) ? readFileSync(opts[name]!, 'utf8') : undefined);
if (!['comment', 'summary', 'drift'].includes(kind ?? '') || !opts.env || !opts.artifact || (kind === 'drift' && !opts['run-url'])) {
  console.error('usage: report (comment | summary | drift) --env <env> --artifact <name> [--artifact-url <url>] [--run-url <url>] [--guard <file>] [--plan <file>] [--plan-json <file>] [--error <file>]');
  process.exit(2);
}
const changesOf = (text: string | undefined) => {
  try {
    return text === undefined ? undefined : plannedChanges(JSON.parse(text));
  } catch {
    return undefined;
  }
};
const outcome = {
  env: opts.env, artifact: opts.artifact, artifactUrl: opts['artifact-url'] || undefined,
  guard: read('guard'), plan: read('plan'), changes: changesOf(read('plan-json')), error: read('error'),
};
const body = { comment: commentBody, summary: summaryBody, drift: (o: typeof outcome) => driftIssueBody({ ...o, runUrl: opts['run-url']! }) }[kind as 'comment' | 'summary' | 'drift'];
console.log(body(outcome));
