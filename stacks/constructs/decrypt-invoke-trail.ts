import {
  CloudtrailEventDataStore, type CloudtrailEventDataStoreAdvancedEventSelector, type CloudtrailEventDataStoreAdvancedEventSelectorFieldSelector,
} from '@cdktf/provider-aws/lib/cloudtrail-event-data-store';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { invokeTrailAuditorArns, keyAdministratorArns } from '../../environments/principals';
import { invokeTrailName, resourceName } from '../naming';
import { invokeTrailKeyPolicy } from '../policies/invoke-trail-policies';

/**
 * Who invoked Decrypt, as AWS records it: a CloudTrail Lake event data store of the Lambda `Invoke` data
 * events of the Decrypt function only (docs/operators-decrypt.md, "Who decrypted"). Each event names the IAM
 * caller (`userIdentity`) and carries the Lambda request id (`requestID`) that Decrypt's audit record keeps.
 *
 * - Selection: advanced event selectors (CloudTrail user guide, "Filtering data events by using advanced event
 *   selectors"): eventCategory Data, resources.type AWS::Lambda::Function, and resources.ARN the function's ARN.
 *   Invokes through an alias or version are recorded under the unqualified ARN in the events published
 *   (resources[].ARN, with the version in additionalEventData.functionVersion); a second selector takes ARNs
 *   starting with `<function ARN>:` too, in case a qualified ARN appears there.
 * - Only this region: Lambda records an invoke in the function's region.
 * - Kept as long as the audit log (decryptAuditRetentionInDays), encrypted with a key of its own
 *   (stacks/policies/invoke-trail-policies.ts) that only CloudTrail, the deploy role and the auditors may use,
 *   termination protection and prevent_destroy where the environment protects its resources.
 */
export class DecryptInvokeTrail extends Construct {
  readonly key: KmsKey;
  readonly store: CloudtrailEventDataStore;

  constructor(scope: Construct, id: string, props: { env: EnvironmentConfig; decryptFunction: LambdaFunction }) {
    super(scope, id);
    const { env, decryptFunction } = props;
    this.key = new KmsKey(this, 'key', {
      description: `${env.prefix} ${env.name}: encrypts the record of who invoked the Decrypt function (CloudTrail Lake)`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      rotationPeriodInDays: env.kms.rotationPeriodInDays,
      deletionWindowInDays: env.kms.deletionWindowInDays,
      policy: JSON.stringify(invokeTrailKeyPolicy({
        account: env.account, administrators: keyAdministratorArns(env), deployRoleArn: env.deployRoleArn, auditors: invokeTrailAuditorArns(env),
      })),
      lifecycle: { preventDestroy: env.protectFromDestroy },
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${resourceName(env, 'decrypt-invokes')}`, targetKeyId: this.key.keyId });
    // The binding spells the provider's `equals` as `equalTo`.
    const invokes = (arn: Pick<CloudtrailEventDataStoreAdvancedEventSelectorFieldSelector, 'equalTo' | 'startsWith'>, name: string): CloudtrailEventDataStoreAdvancedEventSelector => ({
      name,
      fieldSelector: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
        { field: 'resources.ARN', ...arn },
      ],
    });
    this.store = new CloudtrailEventDataStore(this, 'store', {
      name: invokeTrailName(env),
      advancedEventSelector: [
        invokes({ equalTo: [decryptFunction.arn] }, 'Invokes of the Decrypt function'),
        invokes({ startsWith: [`${decryptFunction.arn}:`] }, 'Invokes of its versions and aliases'),
      ],
      multiRegionEnabled: false,
      organizationEnabled: false,
      retentionPeriod: env.decryptAuditRetentionInDays,
      billingMode: 'EXTENDABLE_RETENTION_PRICING',
      kmsKeyId: this.key.arn,
      terminationProtectionEnabled: env.protectFromDestroy,
      lifecycle: { preventDestroy: env.protectFromDestroy },
    });
  }
}
