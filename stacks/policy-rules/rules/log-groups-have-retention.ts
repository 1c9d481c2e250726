import { resourcesOf, type PolicyRule } from '../rule';

export const logGroupsHaveRetention: PolicyRule = {
  name: 'log-groups-have-retention',
  why: 'logs expire: no log group keeps data forever',
  check: (stack) =>
    resourcesOf(stack, 'aws_cloudwatch_log_group')
      .filter(({ body }) => !(Number(body.retention_in_days) > 0))
      .map(({ address }) => ({ rule: 'log-groups-have-retention', address, message: 'log group has no retention_in_days' })),
};
