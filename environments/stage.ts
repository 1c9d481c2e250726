import { defineEnvironment } from './schema';

export default defineEnvironment({
  name: 'stage',
  account: '444455556666',
  region: 'us-east-1',
  deployRoleArn: 'arn:aws:iam::444455556666:role/secure-input-deploy',
  planRoleArn: 'arn:aws:iam::444455556666:role/secure-input-plan',
  state: { bucket: 'secure-input-tfstate-444455556666', region: 'us-east-1' },
  prefix: 'secure-input',
  tags: { owner: 'contact-center-platform', 'cost-center': 'cc-stage' },
  kms: {
    deletionWindowInDays: 14,
    rotationPeriodInDays: 365,
    administrators: ['arn:aws:iam::444455556666:role/secure-input-key-admin'],
  },
  decryptPrincipals: ['arn:aws:iam::444455556666:role/secure-input-operator'],
  logRetentionInDays: 30,
  lex: { idleSessionTtlInSeconds: 300, locales: ['en_US'] },
  connect: { instance: { create: { alias: 'secure-input-stage-444455556666' } } },
  phoneNumber: { claim: { countryCode: 'US', type: 'DID' } },
  protectFromDestroy: false,
  // The key-administrator and operator roles named above, created by bootstrap-stage (docs/operations.md).
  bootstrap: {
    keyAdministratorRole: { trustedBy: ['arn:aws:iam::444455556666:root'] },
    operatorRole: { trustedBy: ['arn:aws:iam::444455556666:root'] },
  },
});
