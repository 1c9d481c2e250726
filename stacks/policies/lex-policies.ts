import { policyDocument, type PolicyDocument } from './policy-document';

/** The Lex V2 service principal: it assumes the bot role and is the only one that may invoke Encrypt. */
export const LEX_SERVICE_PRINCIPAL = 'lexv2.amazonaws.com';

/** Lex may assume the bot role only on behalf of this account. */
export const lexTrustPolicy = (account: string): PolicyDocument =>
  policyDocument({
    Sid: 'LexAssumesRole', Effect: 'Allow', Principal: { Service: LEX_SERVICE_PRINCIPAL }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': account } },
  });

/** What the bot needs for a voice conversation: Polly speech. No conversation-log permissions at all. */
export const lexBotPolicy = (): PolicyDocument =>
  policyDocument({ Sid: 'SpeakPrompts', Effect: 'Allow', Action: ['polly:SynthesizeSpeech'], Resource: '*' });
