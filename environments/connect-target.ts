import { PHONE_NUMBER_ARN } from './connect-schema';
import type { EnvironmentConfig } from './schema';

// What an environment's `connect.instance` and `phoneNumber` mean for the stacks, the CI roles and the
// tools. An existing instance or number is named by ARNs built from the config alone: a data source
// (aws_connect_instance) would call DescribeInstance at plan, which an offline plan cannot do, and it
// needs the instance to exist before the first plan.

type Place = Pick<EnvironmentConfig, 'account' | 'region'>;

export type InstanceTarget =
  | { kind: 'create'; alias: string }
  | { kind: 'existing'; id: string; arn: string };

export type PhoneNumberTarget =
  | { kind: 'claim'; countryCode: string; type: 'DID' | 'TOLL_FREE'; prefix?: string }
  | { kind: 'existing'; id: string; arn: string }
  | { kind: 'none' };

/** `arn:aws:connect:<region>:<account>:instance/<id>` (Service Authorization Reference, resource type instance). */
export const connectInstanceArn = (env: Place, instanceId: string): string => `arn:aws:connect:${env.region}:${env.account}:instance/${instanceId}`;

/** `arn:aws:connect:<region>:<account>:phone-number/<id>`: a number's ARN has no instance in it. */
export const connectPhoneNumberArn = (env: Place, phoneNumberId: string): string => `arn:aws:connect:${env.region}:${env.account}:phone-number/${phoneNumberId}`;

/** A phone number id from the id itself or its ARN (the config accepts either). */
const phoneNumberIdOf = (idOrArn: string): string => PHONE_NUMBER_ARN.exec(idOrArn)?.[3] ?? idOrArn;

export function instanceTarget(env: Place & Pick<EnvironmentConfig, 'connect'>): InstanceTarget {
  const instance = env.connect.instance;
  if ('create' in instance) return { kind: 'create', alias: instance.create.alias };
  return { kind: 'existing', id: instance.existing.instanceId, arn: connectInstanceArn(env, instance.existing.instanceId) };
}

export function phoneNumberTarget(env: Place & Pick<EnvironmentConfig, 'phoneNumber'>): PhoneNumberTarget {
  const number = env.phoneNumber;
  if (number === 'none') return { kind: 'none' };
  if ('claim' in number) return { kind: 'claim', ...number.claim };
  const id = phoneNumberIdOf(number.existing.phoneNumberId);
  return { kind: 'existing', id, arn: connectPhoneNumberArn(env, id) };
}
