import type { KeyringNode } from '@aws-crypto/material-management-node';
import { createKeyring } from './kms-keyring';
import { readRuntimeConfig, type RuntimeConfig } from './runtime-config';

export interface ContainerRuntime {
  config: RuntimeConfig;
  keyring: KeyringNode;
}

/**
 * One configuration, KMS client and keyring per container, made on first use: a misconfigured function
 * then fails closed on each call (the handler answers with its error result) instead of at import.
 */
export function lazyContainerRuntime(): () => ContainerRuntime {
  let runtime: ContainerRuntime | undefined;
  return () => {
    if (!runtime) {
      const config = readRuntimeConfig();
      runtime = { config, keyring: createKeyring(config.keyArn) };
    }
    return runtime;
  };
}
