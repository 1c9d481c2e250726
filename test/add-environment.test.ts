import { App } from 'cdktf';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentInputs, EnvironmentConfigError, type EnvironmentInput } from '../environments';
import stage from '../environments/stage';
import { buildApp, policyProblems } from '../main';

// The README's "Add an environment", done in-process: stage.ts copied as qa, with a new name, account,
// roles and bucket, added to the list in environments/index.ts.
const QA_ACCOUNT = '123456789012';
const copiedFromStage = (): EnvironmentInput => ({
  ...structuredClone(stage),
  name: 'qa',
  account: QA_ACCOUNT,
  deployRoleArn: `arn:aws:iam::${QA_ACCOUNT}:role/secure-input-deploy`,
  planRoleArn: `arn:aws:iam::${QA_ACCOUNT}:role/secure-input-plan`,
  state: { ...stage.state, bucket: `secure-input-tfstate-${QA_ACCOUNT}` },
});

const stageAlias = (stage.connect.instance as { create: { alias: string } }).create.alias;

// The configured environments, less any real qa (so this keeps working once one is added for good).
const others = environmentInputs.filter((e) => e.name !== 'qa' && e.account !== QA_ACCOUNT);

const refusal = (inputs: EnvironmentInput[]): readonly string[] => {
  try {
    buildApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'qa-')), skipValidation: true }), inputs);
  } catch (err) {
    if (err instanceof EnvironmentConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the qa copy to be refused');
};

describe('adding an environment', () => {
  it('refuses a copy that kept stage\'s operators, key administrators or Connect alias, naming each', () => {
    expect(refusal([...others, copiedFromStage()])).toEqual([
      `environment "qa": kms.administrators.0: must be in the environment's own account ${QA_ACCOUNT} or an account in trustedPrincipalAccounts`,
      `environment "qa": decryptPrincipals.0: must be in the environment's own account ${QA_ACCOUNT} or an account in trustedPrincipalAccounts`,
      `environment "qa": connect.instance.create.alias: must not share its instance alias ${stageAlias} with environment "stage"`,
    ]);
  });

  it('synthesizes the whole app with the finished copy as a fourth environment, every policy check clean', () => {
    const qa: EnvironmentInput = {
      ...copiedFromStage(),
      kms: { ...stage.kms, administrators: [`arn:aws:iam::${QA_ACCOUNT}:role/secure-input-key-admin`] },
      decryptPrincipals: [`arn:aws:iam::${QA_ACCOUNT}:role/secure-input-operator`],
      connect: { ...stage.connect, instance: { create: { alias: `secure-input-qa-${QA_ACCOUNT}` } } },
    };
    const inputs = [...others, qa];
    const app = buildApp(new App({ outdir: mkdtempSync(join(tmpdir(), 'qa-')), skipValidation: true, stackTraces: false }), inputs);
    app.synth();
    expect(app.node.children.map((c) => c.node.id)).toEqual([...inputs.map((e) => e.name), ...inputs.map((e) => `bootstrap-${e.name}`)]);
    expect(policyProblems(app)).toEqual([]);

    const qaStack = readFileSync(join(app.outdir, 'stacks', 'qa', 'cdk.tf.json'), 'utf8');
    const json = JSON.parse(qaStack);
    expect(json.terraform.backend.s3).toMatchObject({ bucket: `secure-input-tfstate-${QA_ACCOUNT}`, key: 'secure-input/qa/terraform.tfstate' });
    expect(json.provider.aws[0].allowed_account_ids).toEqual([QA_ACCOUNT]);
    // Nothing of stage's account is left in qa's stack.
    expect(qaStack).not.toContain(stage.account);
  });
});
