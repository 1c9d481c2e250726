import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import type { LexBotAliasDesiredState, LexBotDesiredState, LexBotVersionDesiredState } from '../lex/lex-cfn-types';
import { buildSecureInputBotDefinition } from '../lex/secure-input-bot-definition';
import { resourceName } from '../naming';
import { lexBotPolicy, lexTrustPolicy } from '../policies/lex-policies';
import { CloudControlResource } from './cloud-control';

export interface SecureInputBotProps {
  env: EnvironmentConfig;
  encryptFunction: LambdaFunction;
}

export const BOT_ALIAS_NAME = 'live';

/** The Lex V2 bot, a version of its DRAFT, the alias `live` with the Encrypt code hook, and Lex's invoke right. */
export class SecureInputBot extends Construct {
  readonly bot: CloudControlResource<LexBotDesiredState>;
  readonly version: CloudControlResource<LexBotVersionDesiredState>;
  readonly alias: CloudControlResource<LexBotAliasDesiredState>;
  /** arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId> */
  readonly aliasArn: string;

  constructor(scope: Construct, id: string, { env, encryptFunction }: SecureInputBotProps) {
    super(scope, id);
    const roleName = resourceName(env, 'lex-bot');
    const role = new IamRole(this, 'role', { name: roleName, assumeRolePolicy: JSON.stringify(lexTrustPolicy(env.account)) });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', { name: `${roleName}-speech`, role: role.id, policy: JSON.stringify(lexBotPolicy()) });

    // The role ARN is written out (not referenced) so the whole bot is known at plan time and its
    // definition is checked against the CloudFormation schema before anything is applied.
    const definition = buildSecureInputBotDefinition(env, `arn:aws:iam::${env.account}:role/${roleName}`);
    this.bot = new CloudControlResource(this, 'bot', { typeName: 'AWS::Lex::Bot', desiredState: definition, dependsOn: [role, rolePolicy] });
    const botId = this.bot.output('Id');

    // A version is immutable: a changed bot definition replaces it; the new one exists before the
    // alias moves off the old one.
    this.version = new CloudControlResource(this, 'version', {
      typeName: 'AWS::Lex::BotVersion',
      desiredState: {
        BotId: botId,
        Description: 'Built from the DRAFT by Terraform',
        BotVersionLocaleSpecification: env.lex.locales.map((LocaleId) => ({ LocaleId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })),
      },
      lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [`${this.bot.resource.terraformResourceType}.${this.bot.resource.friendlyUniqueId}.desired_state`] },
    });

    this.alias = new CloudControlResource(this, 'alias', {
      typeName: 'AWS::Lex::BotAlias',
      desiredState: {
        BotId: botId,
        BotAliasName: BOT_ALIAS_NAME,
        BotVersion: this.version.output('BotVersion'),
        Description: 'What Amazon Connect calls; no conversation logs',
        BotAliasLocaleSettings: env.lex.locales.map((LocaleId) => ({
          LocaleId,
          BotAliasLocaleSetting: { Enabled: true, CodeHookSpecification: { LambdaCodeHook: { LambdaArn: encryptFunction.arn, CodeHookInterfaceVersion: '1.0' } } },
        })),
        SentimentAnalysisSettings: { DetectSentiment: false },
      },
    });
    this.aliasArn = this.alias.output('Arn');

    new LambdaPermission(this, 'lex-invokes-encrypt', {
      statementId: 'LexAliasInvokesEncrypt',
      action: 'lambda:InvokeFunction',
      functionName: encryptFunction.functionName,
      principal: 'lexv2.amazonaws.com',
      sourceArn: this.aliasArn,
      sourceAccount: env.account,
    });
  }
}
