// How Decrypt is invoked. Operators invoke the function itself. The post-deploy smoke test may invoke it
// only through the alias SMOKE_ALIAS (its role's policy and the function's resource policy name that
// alias only), and the function never reveals a value to a request that came through it: IAM cannot look
// into an event, so the function reads the ARN Lambda says it was invoked by (context.invokedFunctionArn).
// Lambda resource ARNs (Lambda developer guide, "Resources and conditions for Lambda actions"):
// function `arn:aws:lambda:<region>:<account>:function:<name>`, version or alias `...:function:<name>:<qualifier>`.

export const SMOKE_ALIAS = 'smoke';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

/** The qualifier (alias or version; null for the function itself) of an invoked ARN; null when it is not one. */
export function parseInvokedArn(arn: unknown): { qualifier: string | null } | null {
  const match = typeof arn === 'string' ? FUNCTION_ARN.exec(arn) : null;
  return match ? { qualifier: match[1] ?? null } : null;
}
