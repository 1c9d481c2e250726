// The bot's and the alias's names: the stack creates them under these, the smoke test finds them by them.
import type { EnvironmentConfig } from '../../environments';
import { resourceName } from '../naming';

export const botName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => resourceName(env, 'secure-input');
export const BOT_ALIAS_NAME = 'live';
