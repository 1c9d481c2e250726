import type { EnvironmentConfig } from '../../environments';
import { instanceTarget } from '../../environments/connect-target';
import { PROJECT } from '../../environments/project';
import { projectFunctionsArn, resourceName } from '../naming';
import type { PolicyStatement } from './policy-document';

/**
 * What the CloudFormation handlers of the stack's resource types list beyond the deploy role's other
 * statements (proofs/iam/handler-permissions.test.ts simulates every listed permission). Each is scoped
 * like the statement it complements.
 */
export function deployHandlerPermissions(env: EnvironmentConfig): PolicyStatement[] {
  const { region, account: acct } = env;
  const named = resourceName(env, '');
  return [
    // AWS::Connect::Instance create: Connect makes the CONNECT_MANAGED directory with the caller's rights
    // (the finding: the deploy role had every ds: action it lists but this one). No resource type.
    // Only where the stack creates the instance, as the other ds: writes (connect-ci-policies.ts).
    ...(instanceTarget(env).kind === 'create' ? [{ Sid: 'ConnectInstanceDirectory', Effect: 'Allow' as const, Action: ['ds:CreateDirectory'], Resource: '*' }] : []),
    // AWS::Lambda::Function create, read, update: the function's runtime, recursion and scaling settings, on
    // this project's functions only (its versions: PublishDecryptAndItsAlias, ci-policies.ts).
    {
      Sid: 'FunctionSettings', Effect: 'Allow', Resource: projectFunctionsArn(env),
      Action: ['lambda:GetRuntimeManagementConfig', 'lambda:PutRuntimeManagementConfig', 'lambda:GetFunctionRecursionConfig', 'lambda:PutFunctionRecursionConfig',
        'lambda:GetFunctionScalingConfig', 'lambda:PutFunctionScalingConfig', 'lambda:DeleteFunctionCodeSigningConfig'],
    },
    // AWS::SNS::Topic read and update.
    { Sid: 'TopicSubscriptionsList', Effect: 'Allow', Action: ['sns:ListSubscriptionsByTopic'], Resource: `arn:aws:sns:${region}:${acct}:${named}*` },
    // AWS::IAM::Role update.
    { Sid: 'RoleDescriptions', Effect: 'Allow', Action: ['iam:UpdateRoleDescription'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    // AWS::KMS::Key update; as KeyManagement, this project's keys only (by tag). DisableKey and
    // DisableKeyRotation stay with the key administrators (named exceptions in the proof).
    { Sid: 'EnableProjectKeys', Effect: 'Allow', Action: ['kms:EnableKey'], Resource: `arn:aws:kms:${region}:${acct}:key/*`, Condition: { StringEquals: { 'aws:ResourceTag/project': PROJECT } } },
  ];
}
