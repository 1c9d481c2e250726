// Each naming rule refuses what AWS refuses, with a passing and a failing name; the rules together bound the prefix.
import { describe, expect, it } from 'vitest';
import { NAME_RULES, nameProblem, prefixProblem } from './resource-names';

// For each rule: a prefix whose longest name just fits, one a character longer, and a character AWS refuses
// there (only the Lex rule can be broken by a prefix the schema admits: a-z, 0-9 and single hyphens).
const BAD_PREFIX: Record<string, string> = {
  'Lex bot name': 'cc--pay',
  'IAM role name': 'cc/pay',
  'IAM policy name': 'cc/pay',
  'Lambda function name': 'cc.pay',
  'EventBridge Scheduler schedule name': 'cc/pay',
  'KMS alias name': 'cc.pay',
  'CloudWatch Logs log group name': 'cc:pay',
  'CloudWatch Logs metric filter name': 'cc*pay',
  'SNS topic name': 'cc.pay',
  'CloudWatch alarm name': 'cc\u0007pay',
  'CloudWatch dashboard name': 'cc.pay',
  'S3 bucket name': 'cc_pay',
  'CloudTrail trail name': 'cc/pay',
  'STS role session name': 'cc/pay',
};

describe('names the stacks derive from the prefix', () => {
  it('has a case for every rule', () => {
    expect(NAME_RULES.map((r) => r.what).sort()).toEqual(Object.keys(BAD_PREFIX).sort());
  });

  it.each(NAME_RULES.map((r) => [r.what, r] as const))('%s: the longest name fits, one character more does not, nor a character AWS refuses', (what, rule) => {
    // The prefix length at which the longest name is one character over the limit.
    const tooLong = rule.max - rule.longest('', 'dev').length + 1;
    const badPrefix = BAD_PREFIX[what]!;
    expect(nameProblem(rule, 'a'.repeat(tooLong - 1), 'dev')).toBeUndefined();
    expect(nameProblem(rule, 'a'.repeat(tooLong), 'dev')).toMatch(new RegExp(`^the ${what} \\S*a{${tooLong}}\\S* would be ${rule.max + 1} characters, over the ${rule.max} AWS allows`));
    expect(nameProblem(rule, 'cc-pay', 'dev')).toBeUndefined();
    expect(nameProblem(rule, badPrefix, 'dev')).toMatch(new RegExp(`^the ${what} .* would not be valid`));
  });

  it('bounds the prefix by the tightest: no two hyphens in a row (Lex), and S3\'s 63 for the invoke trail\'s bucket', () => {
    expect(prefixProblem('secure-input', 'dev')).toBeUndefined();
    expect(prefixProblem('secure--input', 'dev')).toMatch(/^the Lex bot name/);
    // The environment's name counts too: 12 characters leave 21 for the prefix.
    expect(prefixProblem('a'.repeat(21), 'abcdefghijkl')).toBeUndefined();
    expect(prefixProblem('a'.repeat(22), 'abcdefghijkl')).toMatch(/^the S3 bucket name .* would be 64 characters/);
  });
});
