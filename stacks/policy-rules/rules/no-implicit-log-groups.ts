import { asList, policyStatements, resourcesOf, type PolicyRule } from '../rule';

// Lambda creates /aws/lambda/<name> with no retention if it may and none exists.
export const noImplicitLogGroups: PolicyRule = {
  name: 'no-implicit-log-groups',
  why: 'each function logs into a Terraform-made log group, and no role may create one of its own',
  check: (stack) => {
    // A function logs into logging_config.log_group (a name, or a reference to a group's name), else /aws/lambda/<name>.
    const groups = new Set(resourcesOf(stack, 'aws_cloudwatch_log_group').flatMap(({ address, body }) => [body.name, `\${${address}.name}`]));
    const missing = resourcesOf(stack, 'aws_lambda_function')
      .filter(({ body }) => !groups.has([body.logging_config].flat()[0]?.log_group ?? `/aws/lambda/${body.function_name}`))
      .map(({ address }) => ({ rule: 'no-implicit-log-groups', address, message: 'function has no log group made by Terraform' }));
    const creating = policyStatements(stack)
      .filter(({ attribute, statement }) => attribute === 'policy' && statement.Effect === 'Allow'
        && asList(statement.Action).includes('logs:CreateLogGroup'))
      .map(({ address }) => ({ rule: 'no-implicit-log-groups', address, message: 'role may create log groups (logs:CreateLogGroup)' }));
    return [...missing, ...creating];
  },
};
