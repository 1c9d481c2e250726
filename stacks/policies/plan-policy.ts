import type { EnvironmentConfig } from '../../environments';
import { stateKey } from '../../environments';
import { bootstrapReads, bucketArn, reassumeItself, resourceReads } from './ci-policies';
import { deployPolicyParts } from './deploy-policy-parts';
import { policyDocument, type PolicyDocument } from './policy-document';

// Apart from ci-policies.ts because its bootstrap reads name the deploy role's managed policies, which are
// cut from ci-policies.ts's deployPolicy (deploy-policy-parts.ts): one way, no circle.

/**
 * The plan role: the state (plans run with -lock=false) and the stack's resource reads, for the environment
 * stack and for the bootstrap stack of its account. Not AWS's
 * ReadOnlyAccess: any branch pushed to this repository can run its own workflow as a pull request and so
 * act as this role, and ReadOnlyAccess would let it read every S3 object, log event and Lex utterance
 * statistic (where spoken digits may appear) in the account.
 */
export function planReadPolicy(env: EnvironmentConfig): PolicyDocument {
  const deployPolicyNames = deployPolicyParts(env).map((part) => part.name);
  return policyDocument(
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn(env)}/${stateKey(env)}` },
    reassumeItself(env.planRoleArn),
    ...resourceReads(env),
    ...bootstrapReads(env, deployPolicyNames),
  );
}

