import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { LEX_BOT, LEX_BOT_ALIAS, LEX_BOT_VERSION, type LexBotAliasDesiredState, type LexBotDesiredState, type LexBotVersionDesiredState } from '../lex/lex-cfn-types';
import { buildSecureInputBotDefinition } from '../lex/secure-input-bot-definition';
import { permissionsBoundaryArn, resourceName } from '../naming';
import { SMOKE_ALIAS_TAG } from '../policies/smoke-policies';
import { BOT_ALIAS_NAME } from '../lex/bot-names';
import { LEX_SERVICE_PRINCIPAL, lexBotPolicy, lexTrustPolicy } from '../policies/lex-policies';
import { CloudControlResource } from './cloud-control';

export interface SecureInputBotProps {
  env: EnvironmentConfig;
  encryptFunction: Pick<LambdaFunction, 'arn' | 'functionName'>;
}

export { BOT_ALIAS_NAME };

/** The ARN Connect and Lambda know an alias by; Cloud Control reports it only in `properties`. */
export const botAliasArn = (env: Pick<EnvironmentConfig, 'region' | 'account'>, botId: string, aliasId: string): string =>
  `arn:aws:lex:${env.region}:${env.account}:bot-alias/${botId}/${aliasId}`;

/** The Lex V2 bot, a version of its DRAFT, the alias `live` with the Encrypt code hook, and Lex's invoke right. */
export class SecureInputBot extends Construct {
  readonly bot: CloudControlResource<LexBotDesiredState, 'Id'>;
  readonly version: CloudControlResource<LexBotVersionDesiredState, 'BotId' | 'BotVersion'>;
  readonly alias: CloudControlResource<LexBotAliasDesiredState, 'BotAliasId' | 'BotId'>;
  /** arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>, from ids that stay known while the bot changes. */
  readonly aliasArn: string;
  /** The attribute (for replace_triggered_by) that changes when a new alias replaces this one. */
  readonly aliasReplacedTrigger: string;
  /** Lex's right to invoke Encrypt from the alias: whatever sends calls to the alias depends on it. */
  readonly invokePermission: LambdaPermission;

  constructor(scope: Construct, id: string, { env, encryptFunction }: SecureInputBotProps) {
    super(scope, id);
    const roleName = resourceName(env, 'lex-bot');
    const role = new IamRole(this, 'role', { name: roleName, assumeRolePolicy: JSON.stringify(lexTrustPolicy(env.account)), permissionsBoundary: permissionsBoundaryArn(env) });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', { name: `${roleName}-speech`, role: role.id, policy: JSON.stringify(lexBotPolicy()) });

    // The role's name (configured, so known at plan) rather than its ARN (known only after create): the
    // bot's desired state stays known at plan, where the provider checks it against the schema.
    const definition = buildSecureInputBotDefinition(env, `arn:aws:iam::${env.account}:role/${role.name}`);
    // Any change of the bot's desired state (a prompt, a locale, the idle TTL, the description, the role)
    // replaces the bot: AWS::Lex::Bot has write-only properties, so Cloud Control cannot patch it in place
    // (CloudControlResource). Everything wired to it follows, each new object created before the old one
    // goes so that calls keep working. Lex bot names are unique per account and region: the name ends in
    // the id of a terraform_data that is replaced with every change (and by `-replace` of it), so old and
    // new can coexist and a retry after a failed create can be given a fresh name (docs/operations.md).
    this.bot = new CloudControlResource(this, 'bot', {
      type: LEX_BOT,
      desiredState: definition,
      generatedName: 'Name',
      createBeforeDestroy: true,
      dependsOn: [rolePolicy],
    });
    const botId = this.bot.identifier('Id');
    // BotId is create-only in the version and the alias; while the bot is replaced it is unknown at plan,
    // where the provider cannot see that change: the bot's id is their replacement trigger.
    const newBot = this.bot.attribute('id');

    // A version is immutable (AWS::Lex::BotVersion has no update handler): any change of its desired state,
    // including a new bot's id, replaces it, and the new version exists before the alias moves off the old
    // one (Lex refuses to delete a version an alias uses).
    this.version = new CloudControlResource(this, 'version', {
      type: LEX_BOT_VERSION,
      desiredState: {
        BotId: botId,
        Description: 'Built from the DRAFT by Terraform',
        BotVersionLocaleSpecification: env.lex.locales.map((LocaleId) => ({ LocaleId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })),
      },
      replaceWhenChanged: [newBot],
      createBeforeDestroy: true,
    });

    // A new bot gets a new alias `live` (alias names are unique per bot only); a new version of the same
    // bot only moves this alias (an in-place update of BotVersion).
    this.alias = new CloudControlResource(this, 'alias', {
      type: LEX_BOT_ALIAS,
      desiredState: {
        BotId: botId,
        BotAliasName: BOT_ALIAS_NAME,
        BotVersion: this.version.identifier('BotVersion'),
        Description: 'What Amazon Connect calls; no conversation logs',
        BotAliasLocaleSettings: env.lex.locales.map((LocaleId) => ({
          LocaleId,
          BotAliasLocaleSetting: { Enabled: true, CodeHookSpecification: { LambdaCodeHook: { LambdaArn: encryptFunction.arn, CodeHookInterfaceVersion: '1.0' } } },
        })),
        SentimentAnalysisSettings: { DetectSentiment: false },
        // The smoke role may call RecognizeText only on an alias tagged so (stacks/policies/smoke-policies.ts).
        BotAliasTags: [{ Key: SMOKE_ALIAS_TAG, Value: env.name }],
      },
      replaceWhenChanged: [newBot],
      createBeforeDestroy: true,
    });
    this.aliasArn = botAliasArn(env, botId, this.alias.identifier('BotAliasId'));
    this.aliasReplacedTrigger = this.alias.attribute('id');

    // A new alias ARN replaces the permission (every argument forces a new one); created first, it needs
    // a statement id of its own in Encrypt's policy: Terraform appends a unique suffix to the prefix.
    this.invokePermission = new LambdaPermission(this, 'lex-invokes-encrypt', {
      statementIdPrefix: 'LexAliasInvokesEncrypt',
      action: 'lambda:InvokeFunction',
      functionName: encryptFunction.functionName,
      principal: LEX_SERVICE_PRINCIPAL,
      sourceArn: this.aliasArn,
      sourceAccount: env.account,
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
