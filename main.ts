import { App } from 'cdktf';
import { environmentInputs, loadEnvironments, type EnvironmentInput } from './environments';
import { SecureInputStack } from './stacks/secure-input-stack';

/** The app: one stack per environment, named after it (`cdktf deploy dev`, `cdktf diff prod`). */
export function buildApp(app = new App(), inputs: readonly EnvironmentInput[] = environmentInputs): App {
  for (const env of loadEnvironments(inputs)) new SecureInputStack(app, env);
  return app;
}

export { EnvironmentConfigError } from './environments';
