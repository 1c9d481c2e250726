import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { operatorPrincipalArns, smokeRoleArn } from '../../environments/principals';
import { SMOKE_ALIAS } from '../../contract/decrypt-invocation';
import { bundleFunctions, type BundledFunction, type FunctionName } from '../../bundler/bundle-function';
import { DECRYPT_TIMEOUT_SECONDS } from '../../contract/decrypt-budget';
import { DECRYPT_ENV } from '../../contract/decrypt-env';
import { RUNTIME_ENV } from '../../contract/runtime-env';
import { decryptAuditLogGroupName, functionName } from '../naming';
import { decryptStatements, functionPolicy } from '../policies/function-policies';
import { bundledCode } from './bundled-code';
import type { ConnectInstanceRef } from './contact-center';
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
// - Decrypt serves operators one value at a time: its timeout is its request budget,
//   DECRYPT_TIMEOUT_SECONDS (contract/decrypt-budget.ts), which the handler splits between the AWS calls,
//   the audit write and returning the answer. `decryptReservedConcurrency` (per environment,
//   unset by default) caps how fast anyone holding invoke rights could drain ciphertexts. Not fixed: Lambda
//   refuses a reservation that leaves under 100 unreserved, so it fails in a new account whose quota is
//   often 10 (Lambda developer guide, "Configuring reserved concurrency",
//   https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
type CaptureFunction = Exclude<FunctionName, 'delete-utterances'>;
export const SETTINGS: Record<CaptureFunction, { kmsAction: 'kms:GenerateDataKey' | 'kms:Decrypt'; timeout: number; memorySize: number }> = {
  encrypt: { kmsAction: 'kms:GenerateDataKey', timeout: 10, memorySize: 256 },
  decrypt: { kmsAction: 'kms:Decrypt', timeout: DECRYPT_TIMEOUT_SECONDS, memorySize: 256 },
};

/** -1 is Lambda's "no reservation" (the provider's default). */
export const reservedConcurrency = (env: EnvironmentConfig, fn: FunctionName): number =>
  (fn === 'decrypt' ? env.decryptReservedConcurrency : undefined) ?? -1;

/** The Encrypt code hook and the operator-only Decrypt function, each with its own log group and policy. */
export class SecureInputFunctions extends Construct {
  readonly encryptFunction: LambdaFunction;
  readonly decryptFunction: LambdaFunction;
  readonly roles: FunctionRoles;
  /** Where Decrypt writes one record per request; kept longer than function logs, never by the role deletable. */
  readonly decryptAuditLogGroup: CloudwatchLogGroup;
  /** The only way the smoke test may invoke Decrypt; the function never reveals through it. */
  readonly decryptSmokeAlias: LambdaAlias;
  private contactInstance?: ConnectInstanceRef;

  constructor(scope: Construct, id: string, props: SecureInputFunctionsProps) {
    super(scope, id);
    this.roles = props.roles;
    this.decryptAuditLogGroup = new CloudwatchLogGroup(this, 'decrypt-audit-logs', {
      name: decryptAuditLogGroupName(props.env),
      retentionInDays: props.env.decryptAuditRetentionInDays,
      lifecycle: { preventDestroy: props.env.protectFromDestroy },
    });
    this.node.addValidation({
      validate: () => (this.contactInstance ? [] : ['Decrypt reads no Connect instance: call readContactsOf(instance) once the contact center exists']),
    });
    const [encrypt, decrypt] = bundleFunctions(['encrypt', 'decrypt']);
    this.encryptFunction = this.lambda(encrypt!, props);
    this.decryptFunction = this.lambda(decrypt!, props);
    operatorPrincipalArns(props.env).forEach((principal, i) => {
      new LambdaPermission(this, `operator-invokes-decrypt-${i}`, {
        statementId: `OperatorInvokesDecrypt${i}`,
        action: 'lambda:InvokeFunction',
        functionName: this.decryptFunction.functionName,
        principal,
      });
    });
    // The smoke role may invoke the alias only: a permission with a qualifier applies to that alias, and
    // invoking the function without it is refused (Lambda developer guide, "Using Lambda aliases in event
    // sources and permissions policies"). The alias follows each published version of Decrypt.
    this.decryptSmokeAlias = new LambdaAlias(this, 'decrypt-smoke-alias', {
      name: SMOKE_ALIAS,
      description: 'Post-deploy smoke test only: Decrypt never reveals a value invoked through this alias',
      functionName: this.decryptFunction.functionName,
      functionVersion: this.decryptFunction.version,
    });
    new LambdaPermission(this, 'smoke-invokes-decrypt-alias', {
      statementId: 'SmokeTestInvokesSmokeAlias',
      action: 'lambda:InvokeFunction',
      functionName: this.decryptFunction.functionName,
      qualifier: this.decryptSmokeAlias.name,
      principal: smokeRoleArn(props.env),
    });
  }

  /**
   * Lets Decrypt read the contacts of this instance, and only these. A method, not a prop: the instance
   * is made after the bot, which needs Encrypt; Decrypt depends on the instance, nothing depends on Decrypt.
   */
  readContactsOf(instance: ConnectInstanceRef): void {
    this.contactInstance = instance;
  }

  /** A reference to the bound instance's attribute, resolved at synth. */
  private instanceAttribute(attribute: 'id' | 'arn'): string {
    return Lazy.stringValue({ produce: () => (this.contactInstance ? this.contactInstance[attribute] : '') });
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
      policy: JSON.stringify(functionPolicy(
        { logGroupArn: logGroup.arn, keyArn: key.arn, kmsAction: settings.kmsAction, environment: env.name },
        ...(fn === 'decrypt' ? decryptStatements({ connectInstanceArn: this.instanceAttribute('arn'), auditLogGroupArn: this.decryptAuditLogGroup.arn }) : []),
      )),
    });
    return new LambdaFunction(this, fn, {
      functionName: name,
      description: fn === 'encrypt' ? 'Lex V2 code hook: validates and encrypts card number and ZIP' : 'Operator-only: decrypts one contact\'s captured values, audited',
      role: role.arn,
      ...bundledCode(this, `${fn}-bundle`, bundle),
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      // Decrypt publishes a version per code or configuration change, for its smoke alias to point at.
      publish: fn === 'decrypt',
      reservedConcurrentExecutions: reservedConcurrency(env, fn),
      environment: {
        variables: {
          [RUNTIME_ENV.keyArn]: key.arn, [RUNTIME_ENV.environment]: env.name, POWERTOOLS_SERVICE_NAME: name,
          ...(fn === 'decrypt' ? { [DECRYPT_ENV.connectInstanceId]: this.instanceAttribute('id'), [DECRYPT_ENV.auditLogGroup]: this.decryptAuditLogGroup.name } : {}),
        },
      },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      // The log group and permissions exist before the function can run and log.
      dependsOn: [logGroup, policy],
    });
  }
}
