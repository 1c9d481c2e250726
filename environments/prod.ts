import { defineEnvironment } from './schema';

export default defineEnvironment({
  name: 'prod',
  account: '777788889999',
  region: 'us-east-1',
  deployRoleArn: 'arn:aws:iam::777788889999:role/secure-input-deploy',
  planRoleArn: 'arn:aws:iam::777788889999:role/secure-input-plan',
  state: { bucket: 'secure-input-tfstate-777788889999', region: 'us-east-1' },
  prefix: 'secure-input',
  tags: { owner: 'contact-center-platform', 'cost-center': 'cc-prod', 'data-classification': 'pci' },
  kms: {
    deletionWindowInDays: 30,
    rotationPeriodInDays: 180,
    administrators: ['arn:aws:iam::777788889999:role/secure-input-key-admin'],
  },
  decryptPrincipals: ['arn:aws:iam::777788889999:role/secure-input-operator'],
  // Needs a Lambda concurrency quota of at least 102 in this account (docs/operations.md).
  decryptReservedConcurrency: 2,
  logRetentionInDays: 365,
  lex: { idleSessionTtlInSeconds: 300, locales: ['en_US'] },
  connect: { instance: { create: { alias: 'secure-input-prod-777788889999' } } },
  phoneNumber: { claim: { countryCode: 'US', type: 'TOLL_FREE' } },
  protectFromDestroy: true,
  // The key-administrator and operator roles named above, created by bootstrap-prod (docs/operations.md).
  bootstrap: {
    keyAdministratorRole: { trustedBy: ['arn:aws:iam::777788889999:root'] },
    operatorRole: { trustedBy: ['arn:aws:iam::777788889999:root'] },
  },
});
