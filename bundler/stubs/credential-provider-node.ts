// Stands in for the SDK's default credential chain in the function bundles. In Lambda the execution
// role's credentials are always in the environment; the chain's SSO, STS and INI providers (and the
// nested clients they carry, ~100 KB) are never reached there.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
