import { resourcesOf, type PolicyRule } from '../rule';

export const servicePermissionsScoped: PolicyRule = {
  name: 'service-permissions-scoped',
  why: 'a service may invoke a function only from one named source in this account (no confused deputy)',
  check: (stack) =>
    resourcesOf(stack, 'aws_lambda_permission')
      .filter(({ body }) => String(body.principal).endsWith('.amazonaws.com') && !(body.source_arn && body.source_account))
      .map(({ address }) => ({ rule: 'service-permissions-scoped', address, message: 'service principal without source_arn and source_account' })),
};
