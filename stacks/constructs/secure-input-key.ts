import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { keyAdministratorArns } from '../../environments/principals';
import { keyPolicy, type KeyDataGrant } from '../policies/key-policy';
import { rotatingKeySettings } from './rotating-key';

export interface SecureInputKeyProps {
  env: EnvironmentConfig;
  /** The only data use the key allows; the functions pass their roles here. */
  grants: KeyDataGrant[];
}

/** The customer-managed key that every card number and ZIP is encrypted under. */
export class SecureInputKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: SecureInputKeyProps) {
    super(scope, id);
    const { env } = props;
    this.key = new KmsKey(this, 'key', {
      description: `${env.prefix} ${env.name}: encrypts card numbers and ZIP codes captured by Lex`,
      ...rotatingKeySettings(env),
      policy: JSON.stringify(
        keyPolicy({ account: env.account, environment: env.name, administrators: keyAdministratorArns(env), grants: props.grants }),
      ),
      lifecycle: { preventDestroy: env.protectFromDestroy },
    });
    this.alias = new KmsAlias(this, 'alias', {
      name: `alias/${env.prefix}-${env.name}-secure-input`,
      targetKeyId: this.key.keyId,
    });
  }
}
