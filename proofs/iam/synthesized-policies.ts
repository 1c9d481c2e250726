import type { EnvironmentConfig } from '../../environments';
import type { PolicyDocument, PolicyStatement } from '../../stacks/policies/policy-document';

/** A synthesized stack as Terraform reads it, resources and data sources. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
}

/**
 * One policy the stacks write, with Terraform references replaced by the ARNs they become in the
 * environment's account and region.
 * - identity: a role's inline policy, or a managed policy of the stacks attached to it (`principal` = the role).
 * - managed: a customer managed policy (the permissions boundary); `arn` = its ARN.
 * - trust: a role's trust policy (`resource` = the role).
 * - key: a key policy (`resource` = the key).
 * - function: a Lambda function's resource policy, one document from all its aws_lambda_permission.
 * - bucket: an S3 bucket policy (`resource` = the bucket).
 * - document: a data.aws_iam_policy_document, wherever it is used.
 */
export interface SynthesizedPolicy {
  address: string;
  kind: 'identity' | 'managed' | 'trust' | 'key' | 'function' | 'bucket' | 'document';
  document: PolicyDocument;
  principal?: string;
  resource?: string;
  arn?: string;
}

/** A stable fake key id for a key resource, so every policy naming the key names the same ARN. */
const fakeKeyId = (name: string) => {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
};

/** Replaces `${type.name.attribute}` references with what they become in the account. */
export class ReferenceResolver {
  constructor(private readonly env: Pick<EnvironmentConfig, 'account' | 'region'>, private readonly stacks: StackJson[]) {}

  private find(block: 'resource' | 'data', type: string, name: string): Record<string, any> | undefined {
    for (const stack of this.stacks) {
      const hit = stack[block]?.[type]?.[name];
      if (hit) return hit;
    }
    return undefined;
  }

  /** The value of one reference, or a stable stand-in id when the value is known only after apply. */
  value(reference: string): string {
    const { account: acct, region } = this.env;
    const [head, ...rest] = reference.split('.');
    const data = head === 'data';
    const [type, name, attribute] = data ? rest : [head!, ...rest];
    const body = type && name ? this.find(data ? 'data' : 'resource', type, name) : undefined;
    if (body) {
      switch (`${type}.${attribute}`) {
        case 'aws_iam_role.arn': return `arn:aws:iam::${acct}:role${body.path ?? '/'}${body.name}`;
        case 'aws_iam_role.id': case 'aws_iam_role.name': return body.name;
        case 'aws_iam_policy.arn': return `arn:aws:iam::${acct}:policy${body.path ?? '/'}${body.name}`;
        case 'aws_kms_key.arn': return `arn:aws:kms:${region}:${acct}:key/${fakeKeyId(name!)}`;
        case 'aws_kms_key.key_id': case 'aws_kms_key.id': return fakeKeyId(name!);
        case 'aws_s3_bucket.id': case 'aws_s3_bucket.bucket': return body.bucket;
        case 'aws_s3_bucket.arn': return `arn:aws:s3:::${body.bucket}`;
        case 'aws_cloudwatch_log_group.arn': return `arn:aws:logs:${region}:${acct}:log-group:${body.name}`;
        case 'aws_cloudwatch_log_group.name': return body.name;
        case 'aws_lambda_function.arn': return `arn:aws:lambda:${region}:${acct}:function:${body.function_name}`;
        case 'aws_lambda_function.function_name': return body.function_name;
        case 'aws_lambda_alias.name': return body.name;
        case 'aws_connect_instance.arn': return `arn:aws:connect:${region}:${acct}:instance/${fakeKeyId(name!)}`;
        case 'aws_connect_instance.id': return fakeKeyId(name!);
        case 'aws_iam_openid_connect_provider.arn': return `arn:aws:iam::${acct}:oidc-provider/${String(body.url).replace(/^https:\/\//, '')}`;
        case 'aws_iam_policy_document.json': return JSON.stringify(documentFromDataSource(body, this));
      }
    }
    // Ids that AWS generates (a bot id, an alias id): a stable stand-in of letters and digits.
    return `ID${reference.replace(/[^A-Za-z0-9]/g, '').slice(-10).toUpperCase()}`;
  }

  resolve(text: string): string {
    return text.replace(/\$\{([^}]+)\}/g, (_m, reference: string) => this.value(reference.trim()));
  }
}

/** The JSON policy a data.aws_iam_policy_document renders (provider docs, data source aws_iam_policy_document). */
export function documentFromDataSource(body: Record<string, any>, resolver: ReferenceResolver): PolicyDocument {
  const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map((x) => resolver.resolve(String(x))));
  const Statement = [body.statement ?? []].flat().map((s: Record<string, any>, i: number): PolicyStatement => {
    const principal: Record<string, string[]> = {};
    for (const p of [s.principals ?? []].flat()) principal[p.type] = [...(principal[p.type] ?? []), ...list(p.identifiers)];
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of [s.condition ?? []].flat()) condition[c.test] = { ...condition[c.test], [c.variable]: list(c.values) };
    return {
      Sid: s.sid ?? `Statement${i}`,
      Effect: s.effect ?? 'Allow',
      Action: list(s.actions),
      ...(s.resources ? { Resource: list(s.resources) } : {}),
      ...(Object.keys(principal).length ? { Principal: principal } : {}),
      ...(Object.keys(condition).length ? { Condition: condition } : {}),
    };
  });
  return { Version: '2012-10-17', Statement };
}

const parse = (resolver: ReferenceResolver, text: string): PolicyDocument => {
  const doc = JSON.parse(resolver.resolve(text)) as { Version: '2012-10-17'; Statement: PolicyStatement | PolicyStatement[] };
  return { Version: doc.Version, Statement: [doc.Statement].flat() };
};

/**
 * A Lambda permission as the statement Lambda adds to the function's policy (Lambda developer guide,
 * "Viewing resource-based IAM policies in Lambda": `source_arn` becomes `ArnLike AWS:SourceArn`,
 * `source_account` becomes `StringEquals AWS:SourceAccount`; an account id or ARN is an AWS principal).
 */
function permissionStatement(body: Record<string, any>, functionArn: string, resolver: ReferenceResolver): PolicyStatement {
  const principal = resolver.resolve(String(body.principal));
  const condition: Record<string, Record<string, string>> = {};
  if (body.source_arn) condition.ArnLike = { 'AWS:SourceArn': resolver.resolve(String(body.source_arn)) };
  if (body.source_account) condition.StringEquals = { 'AWS:SourceAccount': resolver.resolve(String(body.source_account)) };
  return {
    Sid: String(body.statement_id ?? 'Permission'),
    Effect: 'Allow',
    Principal: /^(\d{12}|arn:)/.test(principal) ? { AWS: principal } : { Service: principal },
    Action: resolver.resolve(String(body.action)),
    Resource: functionArn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

/** Every IAM policy in the given stacks (an environment stack and its account's bootstrap stack). */
export function synthesizedPolicies(env: Pick<EnvironmentConfig, 'account' | 'region'>, stacks: StackJson[]): SynthesizedPolicy[] {
  const resolver = new ReferenceResolver(env, stacks);
  const found: SynthesizedPolicy[] = [];
  const each = (stack: StackJson, type: string) => Object.entries(stack.resource?.[type] ?? {});
  const functionStatements = new Map<string, PolicyStatement[]>();
  for (const stack of stacks) {
    for (const [name, body] of each(stack, 'aws_iam_role')) {
      const role = resolver.value(`aws_iam_role.${name}.arn`);
      found.push({ address: `aws_iam_role.${name}.assume_role_policy`, kind: 'trust', resource: role, document: parse(resolver, body.assume_role_policy) });
    }
    for (const [name, body] of each(stack, 'aws_iam_role_policy')) {
      const roleName = resolver.resolve(String(body.role));
      const role = resolver.value(`aws_iam_role.${roleReference(stacks, roleName)}.arn`);
      found.push({ address: `aws_iam_role_policy.${name}.policy`, kind: 'identity', principal: role, document: parse(resolver, body.policy) });
    }
    for (const [name, body] of each(stack, 'aws_iam_policy')) {
      found.push({ address: `aws_iam_policy.${name}.policy`, kind: 'managed', arn: resolver.value(`aws_iam_policy.${name}.arn`), document: parse(resolver, body.policy) });
    }
    for (const [name, body] of each(stack, 'aws_kms_key')) {
      if (body.policy) found.push({ address: `aws_kms_key.${name}.policy`, kind: 'key', resource: resolver.value(`aws_kms_key.${name}.arn`), document: parse(resolver, body.policy) });
    }
    for (const [name, body] of each(stack, 'aws_s3_bucket_policy')) {
      found.push({ address: `aws_s3_bucket_policy.${name}.policy`, kind: 'bucket', resource: `arn:aws:s3:::${resolver.resolve(String(body.bucket))}`, document: parse(resolver, body.policy) });
    }
    for (const [, body] of each(stack, 'aws_lambda_permission')) {
      const fnName = resolver.resolve(String(body.function_name));
      // A permission with a qualifier is the policy of that alias or version, apart from the function's
      // (Lambda API reference, AddPermission and GetPolicy: Qualifier).
      const qualifier = body.qualifier === undefined ? '' : `:${resolver.resolve(String(body.qualifier))}`;
      const fnArn = `${fnName.startsWith('arn:') ? fnName : `arn:aws:lambda:${env.region}:${env.account}:function:${fnName}`}${qualifier}`;
      functionStatements.set(fnArn, [...(functionStatements.get(fnArn) ?? []), permissionStatement(body, fnArn, resolver)]);
    }
    for (const [name, body] of Object.entries(stack.data?.aws_iam_policy_document ?? {})) {
      found.push({ address: `data.aws_iam_policy_document.${name}`, kind: 'document', document: documentFromDataSource(body, resolver) });
    }
  }
  // A managed policy attached to a role is one of that role's identity policies.
  for (const stack of stacks) {
    for (const [name, body] of each(stack, 'aws_iam_role_policy_attachment')) {
      const policyArn = resolver.resolve(String(body.policy_arn));
      const managed = found.find((p) => p.kind === 'managed' && p.arn === policyArn);
      const role = resolver.value(`aws_iam_role.${roleReference(stacks, resolver.resolve(String(body.role)))}.arn`);
      if (managed) found.push({ address: `aws_iam_role_policy_attachment.${name}`, kind: 'identity', principal: role, document: managed.document });
    }
  }
  for (const [fnArn, Statement] of functionStatements) {
    found.push({ address: `aws_lambda_permission -> ${fnArn.split(':function:')[1]}`, kind: 'function', resource: fnArn, document: { Version: '2012-10-17', Statement } });
  }
  return found;
}

/** The Terraform name of the role with this name (a role policy names its role by `role.id`, the name). */
function roleReference(stacks: StackJson[], roleName: string): string {
  for (const stack of stacks) {
    for (const [name, body] of Object.entries(stack.resource?.aws_iam_role ?? {})) if (body.name === roleName) return name;
  }
  throw new Error(`no aws_iam_role named ${roleName}`);
}
