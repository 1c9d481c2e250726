// The model of Cloud Control's in-place update (./cloud-control-patch.ts) on the dev stack's own desired
// states, without Terraform: it must fail where the provider's patch breaks a resource and pass where not.
import { describe, expect, it } from 'vitest';
import { environments, synthEnvironment } from '../synth-helpers';
import { cloudControlAddress } from '../bot-wiring';
import { inPlaceUpdateProblems, readBack } from './cloud-control-patch';

const json = synthEnvironment(environments.find((e) => e.name === 'dev')!);
const stateOf = (typeName: string) => JSON.parse(json.resource.aws_cloudcontrolapi_resource![cloudControlAddress(json, typeName).split('.')[1]!]!.desired_state);

describe('Cloud Control in-place update model', () => {
  const bot = stateOf('AWS::Lex::Bot');

  it('reads back a bot without its write-only properties', () => {
    expect(Object.keys(readBack('AWS::Lex::Bot', bot)).sort()).toEqual(['DataPrivacy', 'Description', 'IdleSessionTTLInSeconds', 'Name', 'RoleArn']);
  });

  it('an idle-TTL-only patch of the bot hands the handler a bot without locales (the issue\'s first finding)', () => {
    expect(inPlaceUpdateProblems('AWS::Lex::Bot', bot, { ...bot, IdleSessionTTLInSeconds: bot.IdleSessionTTLInSeconds + 60 }))
      .toEqual(expect.arrayContaining(['the handler would receive no /BotLocales', 'the handler would receive no /AutoBuildBotLocales']));
  });

  it('a prompt patch of the bot does not even apply to what Cloud Control reads back', () => {
    const after = structuredClone(bot);
    after.BotLocales[0].Intents[0].SampleUtterances = [{ Utterance: 'start' }];
    expect(inPlaceUpdateProblems('AWS::Lex::Bot', bot, after)).toEqual([expect.stringMatching(/^the patch does not apply/)]);
  });

  it('a version cannot be updated at all (no update handler)', () => {
    const version = stateOf('AWS::Lex::BotVersion');
    expect(inPlaceUpdateProblems('AWS::Lex::BotVersion', version, { ...version, Description: 'another' })).toEqual(['AWS::Lex::BotVersion has no update handler: Cloud Control refuses the update']);
  });

  it('an alias patch hands the handler exactly the new desired state', () => {
    const alias = stateOf('AWS::Lex::BotAlias');
    expect(inPlaceUpdateProblems('AWS::Lex::BotAlias', alias, { ...alias, BotVersion: '2', Description: 'another' })).toEqual([]);
  });

  it('so does an association patch (its tags: every other property is create-only and replaces it)', () => {
    const association = stateOf('AWS::Connect::IntegrationAssociation');
    expect(inPlaceUpdateProblems('AWS::Connect::IntegrationAssociation', association, { ...association, Tags: [{ Key: 'team', Value: 'contact-center' }] })).toEqual([]);
  });
});
