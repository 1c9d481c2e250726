import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { permissionsBoundaryArn, resourceName } from '../naming';
import { lambdaTrustPolicy } from '../policies/function-policies';
import type { KeyDataGrant } from '../policies/key-policy';

/**
 * The two function roles, made before the key so its policy can name them; their permissions are
 * attached after the key exists (no cycle between key policy and role policy).
 */
export class FunctionRoles extends Construct {
  readonly encrypt: IamRole;
  readonly decrypt: IamRole;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    const role = (fn: string, description: string) => new IamRole(this, fn, {
      name: resourceName(env, `${fn}-fn`),
      description,
      assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()),
      permissionsBoundary: permissionsBoundaryArn(env),
    });
    this.encrypt = role('encrypt', 'Encrypt code hook: kms:GenerateDataKey on the secure-input key only');
    this.decrypt = role('decrypt', 'Decrypt function: kms:Decrypt on the secure-input key only');
  }

  /** Exactly one data action each, for the key policy. */
  keyGrants(): KeyDataGrant[] {
    return [
      { sid: 'EncryptFunctionGeneratesDataKeys', principals: [this.encrypt.arn], actions: ['kms:GenerateDataKey'] },
      { sid: 'DecryptFunctionDecrypts', principals: [this.decrypt.arn], actions: ['kms:Decrypt'] },
    ];
  }
}
