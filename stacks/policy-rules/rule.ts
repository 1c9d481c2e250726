import type { PolicyStatement } from '../policies/policy-document';

/** A synthesized stack as Terraform reads it (cdk.tf.json). */
export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
}

export interface PolicyProblem {
  rule: string;
  /** `type.name` of the resource at fault. */
  address: string;
  message: string;
}

export interface PolicyRule {
  name: string;
  /** One line: what the rule guards against. */
  why: string;
  check(stack: TerraformJson): PolicyProblem[];
}

/** Every resource of the given types, with its Terraform address. */
export function resourcesOf(stack: TerraformJson, ...types: string[]): { address: string; body: Record<string, any> }[] {
  return types.flatMap((type) =>
    Object.entries(stack.resource?.[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, body })));
}

/** The IAM policy documents a stack writes (role inline policies, role policies, key policies, trust policies). */
export function policyStatements(stack: TerraformJson): { address: string; attribute: string; statement: PolicyStatement }[] {
  const found: { address: string; attribute: string; statement: PolicyStatement }[] = [];
  const attributes: Record<string, string[]> = {
    aws_iam_role_policy: ['policy'],
    aws_iam_policy: ['policy'],
    aws_kms_key: ['policy'],
    aws_kms_key_policy: ['policy'],
    aws_iam_role: ['assume_role_policy'],
  };
  for (const [type, attrs] of Object.entries(attributes)) {
    for (const { address, body } of resourcesOf(stack, type)) {
      for (const attribute of attrs) {
        if (typeof body[attribute] !== 'string') continue;
        const doc = JSON.parse(body[attribute]) as { Statement: PolicyStatement | PolicyStatement[] };
        for (const statement of [doc.Statement].flat()) found.push({ address, attribute, statement });
      }
    }
  }
  return found;
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : [value].flat() as T[]);
