import { App } from 'cdktf';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvironments, synthesizedInputs, type EnvironmentInput } from './environments';
import { PROJECT_SETTINGS } from './environments/project';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { checkPolicies } from './stacks/policy-rules';
import { SecureInputStack } from './stacks/secure-input-stack';

/**
 * The app: one stack per environment, named after it (`cdktf deploy dev`, `cdktf diff prod`), then
 * one bootstrap stack per account (`bootstrap-dev` ...). The examples (environments/examples/) are
 * synthesized and planned like the others; no workflow deploys them.
 * No construct stack traces: they are debugging metadata that cost a tenth of the synth.
 */
export function buildApp(app = new App({ stackTraces: false }), inputs: readonly EnvironmentInput[] = synthesizedInputs): App {
  const envs = loadEnvironments(inputs);
  for (const env of envs) new SecureInputStack(app, env);
  // What each account needs before its first deploy (docs/operations.md).
  for (const env of envs) new BootstrapStack(app, env, PROJECT_SETTINGS);
  return app;
}

/** After `app.synth()`: every environment stack's policy problems, one line each. */
export function policyProblems(app: App): string[] {
  return app.node.children
    .filter((stack): stack is SecureInputStack => stack instanceof SecureInputStack)
    .flatMap((stack) => {
      const file = path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json');
      return checkPolicies(JSON.parse(readFileSync(file, 'utf8'))).map((p) => `${stack.node.id}: ${p.address}: ${p.rule}: ${p.message}`);
    });
}

export { EnvironmentConfigError } from './environments';
