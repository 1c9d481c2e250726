import { defineEnvironment } from '../schema';

// An example, not a deployed environment: a team that already runs Amazon Connect adds the capture to its
// own instance and reaches it only from its own flows (no phone number). `npm run synth` writes its stacks
// (cdktf.out/stacks/example, bootstrap-example) and the offline check plans them; no workflow plans or
// deploys it, because the workflows take their list from environmentInputs (environments/index.ts), which
// does not hold it. To use it: copy it to environments/<name>.ts, set your own account, roles, bucket,
// instance id (and queue, or drop it), and add it to environmentInputs (docs/operations.md, "Use an
// existing contact center").
export default defineEnvironment({
  name: 'example',
  account: '135791357913',
  region: 'us-east-1',
  deployRoleArn: 'arn:aws:iam::135791357913:role/secure-input-deploy',
  planRoleArn: 'arn:aws:iam::135791357913:role/secure-input-plan',
  state: { bucket: 'secure-input-tfstate-135791357913', region: 'us-east-1' },
  prefix: 'secure-input',
  tags: { owner: 'contact-center-platform', 'cost-center': 'cc-example' },
  kms: {
    deletionWindowInDays: 30,
    rotationPeriodInDays: 365,
    administrators: ['arn:aws:iam::135791357913:role/secure-input-key-admin'],
  },
  decryptPrincipals: ['arn:aws:iam::135791357913:role/secure-input-operator'],
  logRetentionInDays: 90,
  lex: { idleSessionTtlInSeconds: 300, locales: ['en_US'] },
  connect: {
    // The instance's id: the part after instance/ in its ARN (Connect console, the instance's overview).
    instance: { existing: { instanceId: 'a1b2c3d4-5678-4abc-8def-0123456789ab' } },
    // A queue of that same instance, where callers go when capture fails.
    failureTransferQueueArn: 'arn:aws:connect:us-east-1:135791357913:instance/a1b2c3d4-5678-4abc-8def-0123456789ab/queue/0f1e2d3c-4b5a-4697-8877-665544332211',
  },
  // No number: the team's own inbound flows transfer callers to the capture.
  phoneNumber: 'none',
  protectFromDestroy: true,
  bootstrap: {
    keyAdministratorRole: { trustedBy: ['arn:aws:iam::135791357913:root'] },
    operatorRole: { trustedBy: ['arn:aws:iam::135791357913:root'] },
  },
});
