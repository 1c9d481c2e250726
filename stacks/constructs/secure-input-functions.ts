import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { bundleFunctions, type BundledFunction, type FunctionName } from '../../functions/build/bundle-function';
import { RUNTIME_ENV } from '../../functions/shared/runtime-env';
import { functionName } from '../naming';
import { functionPolicy } from '../policies/function-policies';
import type { FunctionRoles } from './function-roles';

export interface SecureInputFunctionsProps {
  env: EnvironmentConfig;
  roles: FunctionRoles;
  key: KmsKey;
}

// Timeouts, memory and concurrency, chosen on purpose:
// - Encrypt answers Lex mid-call: a KMS call is abandoned after 3 s (functions/shared/kms-keyring.ts) and
//   10 s caps the rest, well inside the 30 s Lex gives a turn, so a caller hears the failure prompt
//   instead of silence (locally the bundle loads in ~40 ms and one encrypt takes a few ms).
//   256 MB buys the CPU that keeps a cold start's bundle load and crypto short. No reserved concurrency:
//   every live call must be served, and reserving would eat into the account's unreserved pool.
// - Decrypt serves operators one value at a time: 10 s, and a reserved concurrency of 2 caps how fast
//   anyone holding invoke rights could drain ciphertexts.
type CaptureFunction = Exclude<FunctionName, 'delete-utterances'>;
export const SETTINGS: Record<CaptureFunction, { kmsAction: 'kms:GenerateDataKey' | 'kms:Decrypt'; timeout: number; memorySize: number; reservedConcurrentExecutions: number }> = {
  encrypt: { kmsAction: 'kms:GenerateDataKey', timeout: 10, memorySize: 256, reservedConcurrentExecutions: -1 },
  decrypt: { kmsAction: 'kms:Decrypt', timeout: 10, memorySize: 256, reservedConcurrentExecutions: 2 },
};

/** The Encrypt code hook and the operator-only Decrypt function, each with its own log group and policy. */
export class SecureInputFunctions extends Construct {
  readonly encryptFunction: LambdaFunction;
  readonly decryptFunction: LambdaFunction;
  readonly roles: FunctionRoles;

  constructor(scope: Construct, id: string, props: SecureInputFunctionsProps) {
    super(scope, id);
    this.roles = props.roles;
    const [encrypt, decrypt] = bundleFunctions(['encrypt', 'decrypt']);
    this.encryptFunction = this.lambda(encrypt!, props);
    this.decryptFunction = this.lambda(decrypt!, props);
    props.env.decryptPrincipals.forEach((principal, i) => {
      new LambdaPermission(this, `operator-invokes-decrypt-${i}`, {
        statementId: `OperatorInvokesDecrypt${i}`,
        action: 'lambda:InvokeFunction',
        functionName: this.decryptFunction.functionName,
        principal,
      });
    });
  }

  private lambda(bundle: BundledFunction, { env, roles, key }: SecureInputFunctionsProps): LambdaFunction {
    const fn = bundle.name as CaptureFunction;
    const name = functionName(env, fn);
    const settings = SETTINGS[fn];
    const role = roles[fn];
    const logGroup = new CloudwatchLogGroup(this, `${fn}-logs`, { name: `/aws/lambda/${name}`, retentionInDays: env.logRetentionInDays });
    const policy = new IamRolePolicy(this, `${fn}-policy`, {
      name: `${name}-permissions`,
      role: role.id,
      policy: JSON.stringify(functionPolicy({ logGroupArn: logGroup.arn, keyArn: key.arn, kmsAction: settings.kmsAction, environment: env.name })),
    });
    const asset = new TerraformAsset(this, `${fn}-bundle`, { path: bundle.zipPath, type: AssetType.FILE });
    return new LambdaFunction(this, fn, {
      functionName: name,
      description: fn === 'encrypt' ? 'Lex V2 code hook: validates and encrypts card number and ZIP' : 'Operator-only: decrypts one captured value',
      role: role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: bundle.sourceCodeHash,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
      environment: { variables: { [RUNTIME_ENV.keyArn]: key.arn, [RUNTIME_ENV.environment]: env.name, POWERTOOLS_SERVICE_NAME: name } },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      // The log group and permissions exist before the function can run and log.
      dependsOn: [logGroup, policy],
    });
  }
}
