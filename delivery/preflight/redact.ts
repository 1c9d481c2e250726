/**
 * Preflight prints nothing about other accounts: an ARN in another account becomes a placeholder, and so
 * does any other 12-digit account id. The environment's own account stays readable.
 */
export function redact(line: string, ownAccount: string): string {
  return line
    .replace(/arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):[^\s,;'"()]*/g, (arn, account: string) => (account === ownAccount ? arn : '<an ARN in another account>'))
    .replace(/\b\d{12}\b/g, (id) => (id === ownAccount ? id : '<another account>'));
}
