import { defineEnvironment } from './schema';

export default defineEnvironment({
  name: 'dev',
  account: '111122223333',
  region: 'us-east-1',
  deployRoleArn: 'arn:aws:iam::111122223333:role/secure-input-deploy',
  planRoleArn: 'arn:aws:iam::111122223333:role/secure-input-plan',
  state: { bucket: 'secure-input-tfstate-111122223333', region: 'us-east-1' },
  prefix: 'secure-input',
  tags: { owner: 'contact-center-platform', 'cost-center': 'cc-dev' },
  kms: {
    deletionWindowInDays: 7,
    rotationPeriodInDays: 365,
    administrators: ['arn:aws:iam::111122223333:role/secure-input-key-admin'],
  },
  decryptPrincipals: ['arn:aws:iam::111122223333:role/secure-input-operator'],
  logRetentionInDays: 14,
  lex: { idleSessionTtlInSeconds: 300, locales: ['en_US'] },
  connect: { instance: { create: { alias: 'secure-input-dev-111122223333' } } },
  phoneNumber: { claim: { countryCode: 'US', type: 'DID' } },
  protectFromDestroy: false,
  // The key-administrator and operator roles named above, created by bootstrap-dev (docs/operations.md).
  bootstrap: {
    keyAdministratorRole: { trustedBy: ['arn:aws:iam::111122223333:root'] },
    operatorRole: { trustedBy: ['arn:aws:iam::111122223333:root'] },
  },
});
