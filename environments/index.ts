// environments/: one validated config per environment, and the settings every part reads (project.ts,
// toolchain.ts); the ground the stacks, delivery, the workflows and the tools stand on.
import dev from './dev';
import { loadEnvironments } from './load';
import prod from './prod';
import stage from './stage';

/** Every environment, in deploy order. Adding one: a new file beside this one and one entry here. */
export const environmentInputs = [dev, stage, prod];

export const loadAllEnvironments = () => loadEnvironments(environmentInputs);

export { loadEnvironment, loadEnvironments, stateKey, EnvironmentConfigError } from './load';
export type { EnvironmentConfig, EnvironmentInput } from './schema';
