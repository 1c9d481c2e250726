import dev from './dev';
import { loadEnvironments } from './load';
import prod from './prod';
import stage from './stage';

/** Every environment, in deploy order. Adding one: a new file beside this one and one entry here. */
export const environmentInputs = [dev, stage, prod];

export const loadAllEnvironments = () => loadEnvironments(environmentInputs);

export { loadEnvironment, loadEnvironments, stateKey, EnvironmentConfigError } from './load';
export type { EnvironmentConfig, EnvironmentInput } from './schema';
