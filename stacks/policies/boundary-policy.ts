import type { EnvironmentConfig } from '../../environments';
import { decryptAuditLogGroupName, projectFunctionsArn } from '../naming';
import { encryptionContextCondition } from './key-policy';
import { policyDocument, type PolicyDocument } from './policy-document';

/**
 * The most any role the deploy role creates may ever do, whatever policy it is given later: write its
 * function's logs, use a key of this account for this application and environment only (the same context
 * condition as the key policy), let Lex speak, read a contact's attributes,
 * delete the stored utterances of a bot and invoke this environment's functions (the utterance-deleter schedule). No IAM, no key
 * management, no other service. A boundary grants nothing by itself: the role's own policy must allow
 * too (IAM User Guide, "Permissions boundaries for IAM entities",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 */
export function roleBoundaryPolicy(env: EnvironmentConfig): PolicyDocument {
  const { region, account: acct } = env;
  const named = `${env.prefix}-${env.name}-`;
  return policyDocument(
    { Sid: 'WriteProjectFunctionLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${region}:${acct}:log-group:/aws/lambda/${named}*:*` },
    // Decrypt's audit records; without this the boundary denies the write and Decrypt withholds every value.
    { Sid: 'WriteDecryptAuditRecords', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${region}:${acct}:log-group:${decryptAuditLogGroupName(env)}:*` },
    { Sid: 'UseKeysForThisEnvironment', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: `arn:aws:kms:${region}:${acct}:key/*`, Condition: encryptionContextCondition(env.name) },
    { Sid: 'SpeakPrompts', Effect: 'Allow', Action: ['polly:SynthesizeSpeech'], Resource: '*' },
    // The utterance deleter (one call per bot, resource type bot) and the schedule that invokes it.
    { Sid: 'DeleteStoredUtterances', Effect: 'Allow', Action: ['lex:DeleteUtterances'], Resource: `arn:aws:lex:${region}:${acct}:bot/*` },
    { Sid: 'InvokeProjectFunctions', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: projectFunctionsArn(env) },
    { Sid: 'ReadContactAttributes', Effect: 'Allow', Action: ['connect:GetContactAttributes'], Resource: `arn:aws:connect:${region}:${acct}:instance/*/contact/*` },
  );
}
