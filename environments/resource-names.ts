// What AWS accepts as the name of each kind of resource the stacks name after the environment's prefix, and
// the longest such name the stacks write (stacks/naming.ts and the constructs; test/resource-names.test.ts
// checks every synthesized name against these). The config refuses a prefix that any of them would refuse.



interface NameRule {
  what: string;
  /** The longest name of this kind for a prefix and an environment name. */
  longest: (prefix: string, env: string) => string;
  max: number;
  pattern: RegExp;
  /** What the pattern means, for the message. */
  allows: string;
  source: string;
}

export const NAME_RULES: readonly NameRule[] = [
  {
    what: 'Lex bot name', max: 100, pattern: /^([0-9a-zA-Z][_-]?){1,100}$/, allows: 'letters and digits, each followed by at most one - or _',
    // The stem, then the generation id (a UUID: stacks/constructs/cloud-control.ts).
    longest: (p, e) => `${p}-${e}-secure-input-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`,
    source: 'https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBot.html (botName)',
  },
  {
    what: 'IAM role name', max: 64, pattern: /^[\w+=,.@-]+$/, allows: 'letters, digits and _+=,.@-',
    longest: (p, e) => `${p}-${e}-delete-utterances-schedule`,
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (RoleName)',
  },
  {
    what: 'IAM policy name', max: 128, pattern: /^[\w+=,.@-]+$/, allows: 'letters, digits and _+=,.@-',
    longest: (p, e) => `${p}-${e}-delete-utterances-schedule-invoke`,
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html (PolicyName)',
  },
  {
    what: 'Lambda function name', max: 64, pattern: /^[a-zA-Z0-9_-]+$/, allows: 'letters, digits, - and _',
    longest: (p, e) => `${p}-${e}-delete-utterances`,
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (FunctionName: a name alone is limited to 64 characters)',
  },
  {
    what: 'EventBridge Scheduler schedule name', max: 64, pattern: /^[0-9a-zA-Z-_.]+$/, allows: 'letters, digits and -_.',
    longest: (p, e) => `${p}-${e}-delete-utterances`,
    source: 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (Name)',
  },
  {
    what: 'KMS alias name', max: 256, pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]+$/, allows: 'alias/ then letters, digits and /_-, not alias/aws/',
    // The Decrypt invoke trail's key (stacks/constructs/decrypt-invoke-trail.ts) has the longest.
    longest: (p, e) => `alias/${p}-${e}-decrypt-invokes`,
    source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (AliasName)',
  },
  {
    what: 'CloudWatch Logs log group name', max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allows: 'letters, digits and ._-/#',
    longest: (p, e) => `/aws/lambda/${p}-${e}-delete-utterances`,
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html (logGroupName)',
  },
  {
    what: 'CloudWatch Logs metric filter name', max: 512, pattern: /^[^:*]+$/, allows: 'anything but : and *',
    longest: (p, e) => `${p}-${e}-encrypt-EncryptKmsFailures`,
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html (filterName)',
  },
  {
    what: 'SNS topic name', max: 256, pattern: /^[A-Za-z0-9_-]+$/, allows: 'letters, digits, - and _',
    longest: (p, e) => `${p}-${e}-alarms`,
    source: 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html (Name)',
  },
  {
    what: 'CloudWatch alarm name', max: 255, pattern: /^[^\u0000-\u001f]+$/, allows: 'printable characters',
    longest: (p, e) => `${p}-${e}-delete-utterances-failed`,
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (AlarmName)',
  },
  {
    what: 'CloudWatch dashboard name', max: 255, pattern: /^[A-Za-z0-9_-]+$/, allows: 'letters, digits, - and _',
    longest: (p, e) => `${p}-${e}-secure-input`,
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html (DashboardName)',
  },
  {
    what: 'S3 bucket name', max: 63, pattern: /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allows: 'lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit',
    // The Decrypt invoke trail's bucket: its name ends in the 12-digit account id (stacks/naming.ts).
    longest: (p, e) => `${p}-${e}-decrypt-invokes-${'0'.repeat(12)}`,
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)',
  },
  {
    what: 'CloudTrail trail name', max: 128, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9]))+$/, allows: 'letters, digits and ._- (never two in a row), starting and ending with a letter or digit',
    longest: (p, e) => `${p}-${e}-decrypt-invokes`,
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html (Name)',
  },
  {
    what: 'STS role session name', max: 64, pattern: /^[\w+=,.@-]{2,}$/, allows: 'letters, digits and _+=,.@-',
    longest: (p, e) => `${p}-${e}-plan-state`,
    source: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (RoleSessionName)',
  },
];

/** Why AWS would refuse this rule's longest name for a prefix and environment name, or undefined. */
export function nameProblem(rule: NameRule, prefix: string, envName: string): string | undefined {
  const name = rule.longest(prefix, envName);
  if (name.length > rule.max) return `the ${rule.what} ${name} would be ${name.length} characters, over the ${rule.max} AWS allows: shorten the prefix`;
  if (!rule.pattern.test(name)) return `the ${rule.what} ${name} would not be valid (${rule.allows}: ${rule.source.split(' ')[0]})`;
  return undefined;
}

/** The first rule a prefix breaks with this environment name (one line per field), or undefined. */
export function prefixProblem(prefix: string, envName: string): string | undefined {
  for (const rule of NAME_RULES) {
    const problem = nameProblem(rule, prefix, envName);
    if (problem) return problem;
  }
  return undefined;
}
