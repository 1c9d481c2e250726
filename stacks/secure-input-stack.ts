import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Fn, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKey, type EnvironmentConfig } from '../environments';
import { PROJECT } from '../environments/project';
import { TERRAFORM_VERSION } from '../environments/toolchain';
import { ContactCenter } from './constructs/contact-center';
import { DecryptInvokeTrail } from './constructs/decrypt-invoke-trail';
import { FunctionRoles } from './constructs/function-roles';
import { Monitoring } from './constructs/monitoring';
import { SecureInputBot } from './constructs/secure-input-bot';
import { SecureInputFunctions } from './constructs/secure-input-functions';
import { SecureInputKey } from './constructs/secure-input-key';

/** One environment in its own AWS account: the unit that `cdktf deploy <env>` deploys. */
export class SecureInputStack extends TerraformStack {
  readonly key: SecureInputKey;
  readonly functions: SecureInputFunctions;
  readonly bot: SecureInputBot;
  readonly contactCenter: ContactCenter;
  /** Who invoked Decrypt, recorded by CloudTrail; absent when the environment names an existing trail. */
  readonly decryptInvokeTrail?: DecryptInvokeTrail;

  constructor(scope: Construct, readonly env: EnvironmentConfig) {
    super(scope, env.name);

    new S3Backend(this, {
      bucket: env.state.bucket,
      key: stateKey(env),
      region: env.state.region,
      encrypt: true,
      assumeRole: { roleArn: env.deployRoleArn, sessionName: `${env.prefix}-${env.name}-state` },
    });
    // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', TERRAFORM_VERSION); // the Terraform CI uses (environments/toolchain.ts)

    // Deploys run as the deploy role; pull-request plans pass the read-only plan role instead
    // (-var aws_role_arn=...), so a plan never holds deploy rights. No other role is accepted.
    const awsRole = new TerraformVariable(this, 'aws_role_arn', {
      type: 'string',
      default: env.deployRoleArn,
      description: `Role the AWS provider assumes in ${env.account}: the deploy role, or the plan role for read-only plans`,
      validation: [{
        condition: `\${contains(${JSON.stringify([env.deployRoleArn, env.planRoleArn])}, var.aws_role_arn)}`,
        errorMessage: `aws_role_arn must be ${env.deployRoleArn} or ${env.planRoleArn}.`,
      }],
    });
    new AwsProvider(this, 'aws', {
      region: env.region,
      allowedAccountIds: [env.account],
      assumeRole: [{ roleArn: awsRole.stringValue, sessionName: `${env.prefix}-${env.name}-terraform` }],
      defaultTags: [{ tags: { ...env.tags, project: PROJECT, environment: env.name, 'managed-by': 'cdktf' } }],
    });

    // Roles first, so the key policy can grant each exactly one action; then the functions on that key.
    const roles = new FunctionRoles(this, 'function-roles', env);
    this.key = new SecureInputKey(this, 'secure-input-key', { env, grants: roles.keyGrants() });
    this.functions = new SecureInputFunctions(this, 'functions', { env, roles, key: this.key.key });
    this.bot = new SecureInputBot(this, 'bot', { env, encryptFunction: this.functions.encryptFunction });
    this.contactCenter = new ContactCenter(this, 'contact-center', { env, botAliasArn: this.bot.aliasArn, botAliasReplacedTrigger: this.bot.aliasReplacedTrigger, botCallableWith: [this.bot.invokePermission] });
    this.functions.readContactsOf(this.contactCenter.instance);
    if (env.decryptInvokeTrail.create) this.decryptInvokeTrail = new DecryptInvokeTrail(this, 'decrypt-invoke-trail', { env, decryptFunction: this.functions.decryptFunction });
    new Monitoring(this, 'monitoring', { env, functions: this.functions, bot: this.bot, contactCenter: this.contactCenter });

    // Where operators and CI read the live bot from the state (`terraform output -raw bot_alias_arn`): its
    // name ends in a generation id that only the state knows.
    new TerraformOutput(this, 'bot_id', { value: this.bot.bot.identifier('Id'), description: 'The live Lex V2 bot\'s id' });
    new TerraformOutput(this, 'bot_name', { value: Fn.lookup(Fn.jsondecode(this.bot.bot.resource.desiredState), 'Name', ''), description: 'The live Lex V2 bot\'s name: its stem and its generation\'s id' });
    new TerraformOutput(this, 'bot_alias_arn', { value: this.bot.aliasArn, description: 'The ARN of the alias the flow calls' });
  }
}
