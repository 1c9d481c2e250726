import { App } from 'cdktf';
import { loadAllEnvironments } from './environments';
import { SecureInputStack } from './stacks/secure-input-stack';

/** The app: one stack per environment, named after it (`cdktf deploy dev`, `cdktf diff prod`). */
export function buildApp(app = new App()): App {
  for (const env of loadAllEnvironments()) new SecureInputStack(app, env);
  return app;
}

export { EnvironmentConfigError } from './environments';
