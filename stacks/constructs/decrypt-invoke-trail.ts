import { Cloudtrail, type CloudtrailAdvancedEventSelector, type CloudtrailAdvancedEventSelectorFieldSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA as S3BucketVersioning } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { invokeTrailAuditorArns, keyAdministratorArns } from '../../environments/principals';
import { invokeTrailArn, invokeTrailBucketName, invokeTrailName } from '../naming';
import { invokeTrailBucketPolicy, invokeTrailKeyPolicy } from '../policies/invoke-trail-policies';
import { rotatingKeySettings } from './rotating-key';

/**
 * Who invoked Decrypt, as AWS records it: a CloudTrail trail of the Lambda `Invoke` data events of the Decrypt
 * function only (docs/operators-decrypt.md, "Who decrypted"). Each event names the IAM caller (`userIdentity`)
 * and carries the Lambda request id (`requestID`) that Decrypt's audit record keeps.
 *
 * A trail, not a CloudTrail Lake event data store: CloudTrail Lake is closed to new customers from 31 May 2026
 * (CloudTrail user guide, "CloudTrail Lake availability change"; document history, 31 March 2026), and every
 * environment has an account of its own, so a store could not be created in a new one.
 *
 * - Selection: advanced event selectors (CloudTrail user guide, "Filtering data events by using advanced event
 *   selectors"): eventCategory Data, resources.type AWS::Lambda::Function, resources.ARN the function's ARN. Published
 *   Invoke events through an alias name the unqualified ARN in resources[].ARN (the version is in
 *   additionalEventData.functionVersion); a second selector takes ARNs that start with `<function ARN>:` as well.
 *   With advanced selectors only, the trail records nothing else (no management events) once they are set. On
 *   create the provider calls StartLogging before PutEventSelectors (terraform-provider-aws
 *   internal/service/cloudtrail/trail.go, resourceTrailCreate), and a trail without selectors logs "all read and
 *   write management events" (CloudTrail API reference, EventSelector): for those seconds the bucket receives the
 *   account's management events too, and if PutEventSelectors failed the trail would keep doing so until the next
 *   apply (docs/operators-decrypt.md).
 * - This region only: Lambda records an invoke in the function's region.
 * - Log file validation on (digest files show a changed or deleted log file), encrypted with a key of its own
 *   that only CloudTrail (for this trail) may encrypt with and only the auditors may decrypt with.
 * - The bucket: private, TLS only, versioned, bucket-owner objects, log files and their overwritten or deleted
 *   versions kept as long as the audit log (decryptAuditRetentionInDays), prevent_destroy where the environment
 *   protects its resources.
 */
export class DecryptInvokeTrail extends Construct {
  readonly key: KmsKey;
  readonly bucket: S3Bucket;
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: { env: EnvironmentConfig; decryptFunction: LambdaFunction }) {
    super(scope, id);
    const { env, decryptFunction } = props;
    const trailArn = invokeTrailArn(env);
    this.key = new KmsKey(this, 'key', {
      description: `${env.prefix} ${env.name}: encrypts the trail of who invoked the Decrypt function`,
      ...rotatingKeySettings(env),
      policy: JSON.stringify(invokeTrailKeyPolicy({ account: env.account, administrators: keyAdministratorArns(env), trailArn, auditors: invokeTrailAuditorArns(env) })),
      lifecycle: { preventDestroy: env.protectFromDestroy },
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${invokeTrailName(env)}`, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, 'bucket', { bucket: invokeTrailBucketName(env), lifecycle: { preventDestroy: env.protectFromDestroy } });
    const bucket = this.bucket.id;
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketVersioning(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    // Log files carry the trail's key (CloudTrail's SSE-KMS); anything else written here gets S3's own encryption.
    new S3BucketServerSideEncryptionConfiguration(this, 'encryption', { bucket, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3BucketPublicAccessBlock(this, 'public-access', { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketLifecycleConfiguration(this, 'retention', {
      bucket,
      rule: [{
        id: 'keep-as-long-as-the-audit-log',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: env.decryptAuditRetentionInDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: env.decryptAuditRetentionInDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
    const bucketPolicy = new S3BucketPolicy(this, 'bucket-policy', {
      bucket,
      policy: JSON.stringify(invokeTrailBucketPolicy({ bucketArn: this.bucket.arn, account: env.account, trailArn })),
    });

    // The binding spells the provider's `equals` as `equalTo`.
    const invokes = (arn: Pick<CloudtrailAdvancedEventSelectorFieldSelector, 'equalTo' | 'startsWith'>, name: string): CloudtrailAdvancedEventSelector => ({
      name,
      fieldSelector: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
        { field: 'resources.ARN', ...arn },
      ],
    });
    this.trail = new Cloudtrail(this, 'trail', {
      name: invokeTrailName(env),
      s3BucketName: bucket,
      kmsKeyId: this.key.arn,
      enableLogging: true,
      enableLogFileValidation: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      advancedEventSelector: [
        invokes({ equalTo: [decryptFunction.arn] }, 'Invokes of the Decrypt function'),
        invokes({ startsWith: [`${decryptFunction.arn}:`] }, 'Invokes of its versions and aliases'),
      ],
      // CloudTrail checks at creation that it may write to the bucket and use the key.
      dependsOn: [bucketPolicy, this.key],
    });
  }
}
