// The bot's name stem and the alias's name. The deployed bot is named `<stem>-<generation id>`
// (stacks/constructs/cloud-control.ts, generatedName): the stem is spelled here only, and everything that
// needs the deployed name reads it from the synthesized stack (smoke/bot-name.ts) or from the state
// (`terraform output bot_name`), never re-spells it (test/no-respelled-bot-name.test.ts).
import type { EnvironmentConfig } from '../../environments';
import { resourceName } from '../naming';

export const botNameStem = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => resourceName(env, 'secure-input');
export const BOT_ALIAS_NAME = 'live';
