import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '../../environments';
import { smokeRoleArn, smokeRoleName } from '../../environments/principals';
import { PROJECT_SETTINGS } from '../../environments/project';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { BootstrapStack } from '../bootstrap-stack';
import { functionName } from '../naming';
import { SMOKE_ALIAS_TAG } from '../policies/smoke-policies';
import { SMOKE_ALIAS } from '../../contract/decrypt-invocation';

// RecognizeText's resource type is `bot alias` (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>)
// with the condition key aws:ResourceTag/${TagKey} (Service Authorization Reference, Amazon Lex V2:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonlexv2.html). The ids exist
// only after the environment's apply, so the role is narrowed by the tag the alias carries.
const synthBootstrap = (env: EnvironmentConfig) =>
  JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as { resource: Record<string, Record<string, any>> };

describe.each(environments.map((env) => [env.name, env] as const))('%s: smoke role', (_name, env) => {
  const bootstrap = synthBootstrap(env);
  const [key, role] = Object.entries(bootstrap.resource.aws_iam_role).find(([, r]) => r.name === smokeRoleName(env))!;

  it('exists outside the names the deploy role may change', () => {
    expect(role).toBeDefined();
    expect(role.name.startsWith(`${env.prefix}-${env.name}-`)).toBe(false);
  });

  it('may do exactly RecognizeText on an alias tagged with this environment and Invoke on Decrypt\'s smoke alias only', () => {
    const policies = Object.values(bootstrap.resource.aws_iam_role_policy).filter((p) => p.role === `\${aws_iam_role.${key}.id}`);
    expect(policies).toHaveLength(1);
    expect(JSON.parse(policies[0]!.policy).Statement).toEqual([
      {
        Sid: 'RecognizeTextOnThisEnvironmentsAlias', Effect: 'Allow', Action: ['lex:RecognizeText'], Resource: `arn:aws:lex:${env.region}:${env.account}:bot-alias/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${SMOKE_ALIAS_TAG}`]: env.name } },
      },
      { Sid: 'InvokeDecryptSmokeAlias', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: `arn:aws:lambda:${env.region}:${env.account}:function:${functionName(env, 'decrypt')}:${SMOKE_ALIAS}` },
    ]);
    expect(Object.values(bootstrap.resource.aws_iam_role_policy_attachment ?? {}).filter((a) => a.role === role.name || String(a.role).includes(key))).toEqual([]);
  });

  it('is assumed only by GitHub Actions of this repository in this environment\'s GitHub Environment', () => {
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(`repo:${PROJECT_SETTINGS.githubRepository}:environment:${env.name}`);
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
  });

  it('the environment stack tags its bot alias for it and lets it invoke Decrypt\'s smoke alias, which follows each published version', () => {
    const stack = synthEnvironment(env);
    const alias = Object.values(stack.resource.aws_cloudcontrolapi_resource).find((r: any) => r.type_name === 'AWS::Lex::BotAlias') as any;
    expect(alias.desired_state).toContain(JSON.stringify(SMOKE_ALIAS_TAG).slice(1, -1));
    const [decryptAddress, decrypt] = Object.entries(stack.resource.aws_lambda_function).find(([, f]: any) => f.function_name === functionName(env, 'decrypt'))!;
    expect(decrypt.publish).toBe(true);
    const aliases = Object.entries(stack.resource.aws_lambda_alias ?? {});
    expect(aliases.map(([, a]: any) => [a.name, a.function_name, a.function_version])).toEqual([
      [SMOKE_ALIAS, `\${aws_lambda_function.${decryptAddress}.function_name}`, `\${aws_lambda_function.${decryptAddress}.version}`],
    ]);
    const permissions = Object.values(stack.resource.aws_lambda_permission ?? {}) as any[];
    expect(permissions.filter((p) => p.principal === smokeRoleArn(env))).toEqual([expect.objectContaining({
      action: 'lambda:InvokeFunction', qualifier: `\${aws_lambda_alias.${aliases[0]![0]}.name}`,
    })]);
  });
});
