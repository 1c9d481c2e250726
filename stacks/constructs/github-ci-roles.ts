import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import type { ProjectSettings } from '../../environments/project';
import { deployContactCenterPolicyName, resourceName } from '../naming';
import { CI_MANAGED_POLICIES, ciTrustPolicy, decryptAuditDeployPolicy, decryptAuditReadPolicy, deployContactCenterPolicy, deployPolicy, GITHUB_OIDC_HOST, githubOidcProviderArn, planReadPolicy } from '../policies/ci-policies';

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

    this.planRole = new IamRole(this, 'plan', {
      ...roleNameAndPath(env.planRoleArn),
      description: `Read-only terraform plans of ${env.name} from pull requests and main`,
      // Pull requests, and main's jobs that run outside any GitHub Environment: the preview before each
      // deploy's approval and the daily drift check (docs/delivery.md).
      assumeRolePolicy: JSON.stringify(ciTrustPolicy({ account: env.account, providerArn: provider.arn, subject: [`${repo}:pull_request`, `${repo}:ref:refs/heads/main`], selfArn: env.planRoleArn })),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'plan-permissions', { role: this.planRole.id, name: 'plan-secure-input', policy: JSON.stringify(planReadPolicy(env)) });

    // Only a job running in the GitHub Environment named after this environment may deploy it.
    this.deployRole = new IamRole(this, 'deploy', {
      ...roleNameAndPath(env.deployRoleArn),
      description: `terraform apply of ${env.name} from its GitHub Environment`,
      assumeRolePolicy: JSON.stringify(ciTrustPolicy({ account: env.account, providerArn: provider.arn, subject: `${repo}:environment:${env.name}`, selfArn: env.deployRoleArn })),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'deploy-permissions', { role: this.deployRole.id, name: 'deploy-secure-input', policy: JSON.stringify(deployPolicy(env)) });
    // An existing Connect instance: the rights on it, in a managed policy of their own (ci-policies.ts).
    const contactCenter = deployContactCenterPolicy(env);
    if (contactCenter) {
      const policy = new IamPolicy(this, 'deploy-contact-center', {
        name: deployContactCenterPolicyName(env),
        description: `terraform apply of ${env.name}: the bot, and Connect in the existing instance only`,
        policy: JSON.stringify(contactCenter),
      });
      new IamRolePolicyAttachment(this, 'deploy-contact-center-attachment', { role: this.deployRole.name, policyArn: policy.arn });
    }
    this.attachDecryptAuditPolicies(env);
  }

  /** Decrypt's smoke alias and invoke trail (ci-policies.ts): managed policies, beside the inline ones. */
  private attachDecryptAuditPolicies(env: EnvironmentConfig): void {
    const reads = new IamPolicy(this, 'decrypt-audit-reads', {
      name: resourceName(env, CI_MANAGED_POLICIES.decryptAuditReads),
      description: `Plan and deploy of ${env.name}: read Decrypt's alias and the configuration of the Decrypt invoke trail`,
      policy: JSON.stringify(decryptAuditReadPolicy(env)),
    });
    const writes = new IamPolicy(this, 'decrypt-audit-deploy', {
      name: resourceName(env, CI_MANAGED_POLICIES.decryptAuditDeploy),
      description: `Deploy of ${env.name}: publish Decrypt and its smoke alias, manage the Decrypt invoke trail and its bucket`,
      policy: JSON.stringify(decryptAuditDeployPolicy(env)),
    });
    new IamRolePolicyAttachment(this, 'plan-decrypt-audit-reads', { role: this.planRole.name, policyArn: reads.arn });
    new IamRolePolicyAttachment(this, 'deploy-decrypt-audit-reads', { role: this.deployRole.name, policyArn: reads.arn });
    new IamRolePolicyAttachment(this, 'deploy-decrypt-audit-deploy', { role: this.deployRole.name, policyArn: writes.arn });
  }
}
