import { afterEach, expect, it } from 'vitest';
import { lazyContainerRuntime } from './container-runtime';
import { RUNTIME_ENV } from '../../contract/runtime-env';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});
const configure = (keyArn: string) => Object.assign(process.env, { [RUNTIME_ENV.keyArn]: keyArn, [RUNTIME_ENV.environment]: 'dev' });
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';

it('makes the keyring once per container and reuses it', () => {
  configure(KEY);
  const runtime = lazyContainerRuntime();
  const first = runtime();
  expect(runtime()).toBe(first);
  expect(runtime().keyring).toBe(first.keyring);
  expect(first.config).toEqual({ keyArn: KEY, environment: 'dev' });
});

it('fails closed on an alias ARN, naming the variable, and does not cache the failure', () => {
  configure('arn:aws:kms:eu-west-1:111122223333:alias/secure-input');
  const runtime = lazyContainerRuntime();
  expect(runtime).toThrow(RUNTIME_ENV.keyArn);
  configure(KEY);
  expect(runtime().config.keyArn).toBe(KEY);
});
