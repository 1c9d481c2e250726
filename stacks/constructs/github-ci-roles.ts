import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import type { ProjectSettings } from '../../environments/project';
import { ciTrustPolicy, GITHUB_OIDC_HOST, githubOidcProviderArn, planReadPolicy } from '../policies/ci-policies';
import { deployPolicyParts } from '../policies/deploy-policy-parts';

/** A role ARN's name and path: `role/ci/deployer` is the role `deployer` at the path `/ci/`. */
function roleNameAndPath(arn: string): { name: string; path: string } {
  const parts = arn.split(':role/')[1]!.split('/');
  const name = parts.pop()!;
  return { name, path: `/${parts.map((p) => `${p}/`).join('')}` };
}

/** GitHub's OIDC provider and the two roles CI assumes through it: plan (read-only) and deploy. */
export class GithubCiRoles extends Construct {
  readonly planRole: IamRole;
  readonly deployRole: IamRole;
  /** The GitHub OIDC provider the roles trust (created here, or the account's existing one). */
  readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, { env, project }: { env: EnvironmentConfig; project: ProjectSettings }) {
    super(scope, id);
    // An account holds one provider per URL: with `bootstrap.useExistingGithubOidcProvider` the roles trust
    // the one already there, named by its ARN (no data source: plans stay offline).
    const provider = env.bootstrap?.useExistingGithubOidcProvider ? { arn: githubOidcProviderArn(env.account) } : new IamOpenidConnectProvider(this, 'github', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
      // GitHub's published certificate thumbprints; AWS verifies this provider through its own trust store as well.
      thumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
    });
    this.oidcProviderArn = provider.arn;
    const repo = `repo:${project.githubRepository}`;

    const deployPolicies = deployPolicyParts(env);
    this.planRole = new IamRole(this, 'plan', {
      ...roleNameAndPath(env.planRoleArn),
      description: `Read-only terraform plans of ${env.name} from pull requests and main`,
      // Pull requests, and main's jobs that run outside any GitHub Environment: the preview before each
      // deploy's approval and the daily drift check (docs/delivery.md).
      assumeRolePolicy: JSON.stringify(ciTrustPolicy({ account: env.account, providerArn: provider.arn, subject: [`${repo}:pull_request`, `${repo}:ref:refs/heads/main`], selfArn: env.planRoleArn })),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'plan-permissions', { role: this.planRole.id, name: 'plan-secure-input', policy: JSON.stringify(planReadPolicy(env, deployPolicies.map((p) => p.name))) });

    // Only a job running in the GitHub Environment named after this environment may deploy it.
    this.deployRole = new IamRole(this, 'deploy', {
      ...roleNameAndPath(env.deployRoleArn),
      description: `terraform apply of ${env.name} from its GitHub Environment`,
      assumeRolePolicy: JSON.stringify(ciTrustPolicy({ account: env.account, providerArn: provider.arn, subject: `${repo}:environment:${env.name}`, selfArn: env.deployRoleArn })),
      maxSessionDuration: 3600,
    });
    // Customer managed policies, not an inline one: the statements outgrew a role's 10,240 characters of
    // inline policy (stacks/policies/deploy-policy-parts.ts).
    deployPolicies.forEach(({ name, document }, i) => {
      const policy = new IamPolicy(this, `deploy-permissions-${i + 1}`, { name, description: `terraform apply of ${env.name}, part ${i + 1}`, policy: JSON.stringify(document) });
      new IamRolePolicyAttachment(this, `deploy-permissions-${i + 1}-attachment`, { role: this.deployRole.name, policyArn: policy.arn });
    });
  }
}
