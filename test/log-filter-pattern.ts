// Evaluates the CloudWatch Logs JSON filter patterns this project writes, against one log line, the way
// CloudWatch Logs does for the subset used here: `{ $.field = "text" }` terms joined by `||`
// (CloudWatch Logs user guide, "Filter pattern syntax for metric filters", JSON log events:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
// Anything outside that subset throws, so a pattern this cannot read is never silently "no match".
const TERM = /^\$\.([A-Za-z_][\w]*)\s*=\s*"([^"*]*)"$/;

export function matchesJsonFilter(pattern: string, line: string): boolean {
  const body = /^\{\s*(.*?)\s*\}$/.exec(pattern.trim())?.[1];
  if (body === undefined) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const terms = body.split('||').map((t) => {
    const m = TERM.exec(t.trim());
    if (!m) throw new Error(`unsupported term in ${pattern}: ${t.trim()}`);
    return { field: m[1]!, value: m[2]! };
  });
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return false; // a JSON pattern matches only JSON log events
  }
  if (typeof event !== 'object' || event === null) return false;
  return terms.some(({ field, value }) => (event as Record<string, unknown>)[field] === value);
}
