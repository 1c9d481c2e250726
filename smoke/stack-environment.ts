// The live smoke test's view of an environment from a checkout: its config, and the bot's name pattern
// from its synthesized stack (smoke/bot-name.ts). Not in the CI tool (smoke/ci-entry.ts), which is given
// the alias ARN the apply just wrote to the state and so needs no name.
import { environmentInputs, loadEnvironments } from '../environments';
import { synthesizeStack } from '../simulator/deployment';
import { botNamePattern } from './bot-name';
import { liveEnvironment, type LiveEnvironment } from './live-target';

export const knownEnvironments = (): string[] => environmentInputs.map((e) => e.name);

const byName = new Map<string, LiveEnvironment | undefined>();

/** The environment by name, with its bot's name pattern; each name's stack is synthesized once a process. */
export function stackEnvironment(name: string): LiveEnvironment | undefined {
  if (!byName.has(name)) {
    const env = loadEnvironments(environmentInputs).find((e) => e.name === name);
    byName.set(name, env && { ...liveEnvironment(env), botName: botNamePattern(synthesizeStack(env)) });
  }
  return byName.get(name);
}
