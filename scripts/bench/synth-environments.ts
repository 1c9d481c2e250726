// Synthesizes N generated environments (copies of dev with their own name, account and state key)
// into a scratch folder, through the same buildApp as `npm run synth`, set up as it sets it up (no token
// stack traces). Used by the benchmark.
import '../no-token-stack-traces.cjs';
import { App } from 'cdktf';
import dev from '../../environments/dev';
import type { EnvironmentInput } from '../../environments';
import { buildApp } from '../../main';

export function generatedEnvironments(count: number): EnvironmentInput[] {
  return Array.from({ length: count }, (_, i) => {
    const account = String(100000000000 + i * 1111);
    return {
      ...structuredClone(dev),
      name: `env${i}`,
      account,
      deployRoleArn: `arn:aws:iam::${account}:role/secure-input-deploy`,
      planRoleArn: `arn:aws:iam::${account}:role/secure-input-plan`,
      state: { bucket: `secure-input-tfstate-${account}`, region: dev.state.region },
      kms: { ...dev.kms, administrators: [`arn:aws:iam::${account}:role/secure-input-key-admin`] },
      decryptPrincipals: [`arn:aws:iam::${account}:role/secure-input-operator`],
      connect: { instance: { create: { alias: `secure-input-env${i}-${account}` } } },
    };
  });
}

const [count, outdir] = process.argv.slice(2);
buildApp(new App({ outdir }), generatedEnvironments(Number(count))).synth();
