/**
 * Whether two ARN patterns can name the same resource. A policy's Resource may hold `*` (any run of
 * characters) and `?` (one character); an ARN format from the service authorization reference holds
 * `${Variable}` parts (one or more characters). Two such patterns overlap when some string matches both.
 */
type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' };

function policyTokens(pattern: string): Token[] {
  return [...pattern].map((char) => (char === '*' ? { kind: 'star' } : char === '?' ? { kind: 'any' } : { kind: 'char', char }));
}

/** `arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}`: each variable is one or more characters. */
function formatTokens(format: string): Token[] {
  const tokens: Token[] = [];
  for (const part of format.split(/(\$\{[^}]+\})/)) {
    if (part.startsWith('${')) tokens.push({ kind: 'any' }, { kind: 'star' });
    else tokens.push(...policyTokens(part));
  }
  return tokens;
}

function overlap(a: Token[], b: Token[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const id = i * (b.length + 1) + j;
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    let result: boolean;
    const x = a[i];
    const y = b[j];
    if (!x && !y) result = true;
    else if (x?.kind === 'star') result = go(i + 1, j) || (!!y && go(i, j + 1));
    else if (y?.kind === 'star') result = go(i, j + 1) || (!!x && go(i + 1, j));
    else if (!x || !y) result = false;
    else if (x.kind === 'char' && y.kind === 'char') result = x.char === y.char && go(i + 1, j + 1);
    else result = go(i + 1, j + 1);
    memo.set(id, result);
    return result;
  };
  return go(0, 0);
}

export const resourceMatchesArnFormat = (resource: string, arnFormat: string): boolean =>
  overlap(policyTokens(resource), formatTokens(arnFormat));

/** A policy wildcard (`lex:Describe*`, `kms:*`) as a case-insensitive expression. */
export const wildcardPattern = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`, 'i');

/** `kms:EncryptionContext:${EncryptionContextKey}` as an expression that `kms:EncryptionContext:application` matches. */
export const templatedKeyPattern = (key: string): RegExp =>
  new RegExp(`^${key.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*?+^$()[\]{}|\\/]/g, '\\$&')).join('.+')}$`, 'i');
