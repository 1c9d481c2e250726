import { resourcesOf, type PolicyRule } from '../rule';

const rule = 'log-groups-have-retention';

// With flow logs on, Connect writes to /aws/connect/<instance alias> and creates that group itself, with no
// retention, unless it exists already (Connect admin guide, "Enable flow logs",
// https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html).
export const logGroupsHaveRetention: PolicyRule = {
  name: rule,
  why: 'logs expire: no log group keeps data forever, including the one Connect would create for flow logs',
  check: (stack) => {
    const groups = resourcesOf(stack, 'aws_cloudwatch_log_group');
    const forever = groups
      .filter(({ body }) => !(Number(body.retention_in_days) > 0))
      .map(({ address }) => ({ rule, address, message: 'log group has no retention_in_days' }));
    const implicit = resourcesOf(stack, 'aws_connect_instance')
      .filter(({ body }) => body.contact_flow_logs_enabled === true)
      .flatMap(({ address, body }) => {
        const group = groups.find((g) => g.body.name === `/aws/connect/${body.instance_alias}`);
        if (!group) return [{ rule, address, message: `flow logs on, but no Terraform log group /aws/connect/${body.instance_alias}: Connect would create one with no retention` }];
        if (!([body.depends_on].flat() as unknown[]).includes(group.address)) {
          return [{ rule, address, message: `instance does not depend on ${group.address}: Connect could create the group first` }];
        }
        return [];
      });
    return [...forever, ...implicit];
  },
};
