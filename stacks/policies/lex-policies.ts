import { policyDocument, type PolicyDocument } from './policy-document';

/** Lex may assume the bot role only on behalf of this account. */
export const lexTrustPolicy = (account: string): PolicyDocument =>
  policyDocument({
    Sid: 'LexAssumesRole', Effect: 'Allow', Principal: { Service: 'lexv2.amazonaws.com' }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': account } },
  });

/** What the bot needs for a voice conversation: Polly speech. No conversation-log permissions at all. */
export const lexBotPolicy = (): PolicyDocument =>
  policyDocument({ Sid: 'SpeakPrompts', Effect: 'Allow', Action: ['polly:SynthesizeSpeech'], Resource: '*' });
