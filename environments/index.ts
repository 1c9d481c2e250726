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

/** What `npm run synth` synthesizes: the environments, then the examples. */
export const synthesizedInputs = [...environmentInputs, ...exampleInputs];

/** The environments and the examples, validated together (no two may collide). */
export const loadSynthesizedEnvironments = () => loadEnvironments(synthesizedInputs);

/** The environments that are deployed, validated together with the examples. */
export const loadAllEnvironments = () => loadSynthesizedEnvironments().slice(0, environmentInputs.length);

/** The examples, validated together with the environments. */
export const loadExampleEnvironments = () => loadSynthesizedEnvironments().slice(environmentInputs.length);

export { loadEnvironment, loadEnvironments, stateKey, EnvironmentConfigError } from './load';
export type { EnvironmentConfig, EnvironmentInput } from './schema';
