// environments/: one validated config per environment, and the settings every part reads (project.ts,
// toolchain.ts); the ground the stacks, delivery, the workflows and the tools stand on.
import dev from './dev';
import existingContactCenter from './examples/existing-contact-center';
import { loadEnvironments } from './load';
import prod from './prod';
import stage from './stage';

/** Every environment, in deploy order. Adding one: a new file beside this one and one entry here. */
export const environmentInputs = [dev, stage, prod];

/**
 * Examples: synthesized and planned offline with the environments (`npm run synth` writes their stacks),
 * never deployed: the workflows and `npm run ci-env` read environmentInputs only.
 */
export const exampleInputs = [existingContactCenter];

/** The environments that are deployed, validated together with the examples (no two may collide). */
export const loadAllEnvironments = () => loadEnvironments([...environmentInputs, ...exampleInputs]).slice(0, environmentInputs.length);

/** The examples, validated together with the environments. */
export const loadExampleEnvironments = () => loadEnvironments([...environmentInputs, ...exampleInputs]).slice(environmentInputs.length);

export { loadEnvironment, loadEnvironments, stateKey, EnvironmentConfigError } from './load';
export type { EnvironmentConfig, EnvironmentInput } from './schema';
