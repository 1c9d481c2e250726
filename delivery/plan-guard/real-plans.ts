// Plans made by the real Terraform, offline, for the guard's tests: a stack folder with a config and a
// hand-written state file, planned by ../shared/tools/tf-offline-check.mjs (which keeps a terraform.tfstate
// lying in the stack folder, swaps the backend for a local one and plans with -refresh=false).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const OFFLINE_CHECK = path.resolve(__dirname, '..', '..', '..', 'shared', 'tools', 'tf-offline-check.mjs');

export const canPlanOffline = (): boolean =>
  existsSync(OFFLINE_CHECK) && spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

type Attributes = Record<string, unknown>;
const stateResource = (type: string, name: string, attributes: Attributes) =>
  ({ mode: 'managed', type, name, provider: PROVIDER, instances: [{ schema_version: 0, attributes }] });

/** Stacks that exercise every kind of change on protected and unprotected resources. */
export function fixtureStacks(): Record<string, { config: object; state: object[] }> {
  return {
    // The key disappears from the config (delete); the state bucket is renamed (delete, then create);
    // the number changes type with create_before_destroy (create, then delete); a log group is updated.
    destructive: {
      config: {
        resource: {
          aws_s3_bucket: { state: { bucket: 'secure-input-tfstate-renamed' } },
          aws_connect_phone_number: { number: { target_arn: INSTANCE_ARN, country_code: 'US', type: 'TOLL_FREE', lifecycle: { create_before_destroy: true } } },
          aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/secure-input-dev-encrypt', retention_in_days: 30 } },
        },
      },
      state: [
        stateResource('aws_kms_key', 'key', { id: '11111111-2222-3333-4444-555555555555', arn: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555', deletion_window_in_days: 30, enable_key_rotation: true }),
        stateResource('aws_s3_bucket', 'state', { id: 'secure-input-tfstate-111122223333', bucket: 'secure-input-tfstate-111122223333', force_destroy: false }),
        stateResource('aws_connect_phone_number', 'number', { id: 'pn-1', arn: `${INSTANCE_ARN}/phone-number/pn-1`, target_arn: INSTANCE_ARN, country_code: 'US', type: 'DID' }),
        stateResource('aws_cloudwatch_log_group', 'logs', { id: '/aws/lambda/secure-input-dev-encrypt', name: '/aws/lambda/secure-input-dev-encrypt', retention_in_days: 14, skip_destroy: false }),
      ],
    },
    // Only an in-place update of a protected resource: the guard lets it through.
    harmless: {
      config: { resource: { aws_kms_key: { key: { description: 'now described', deletion_window_in_days: 30, enable_key_rotation: true } } } },
      state: [stateResource('aws_kms_key', 'key', { id: '11111111-2222-3333-4444-555555555555', arn: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555', description: 'old', deletion_window_in_days: 30, enable_key_rotation: true, is_enabled: true, key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', bypass_policy_lockout_safety_check: false, multi_region: false })],
    },
  };
}

/** Writes the fixture stacks, config and state, into a synthesized output folder. */
export function writeFixtureStacks(outdir: string, stacks = fixtureStacks()): void {
  for (const [name, { config, state }] of Object.entries(stacks)) {
    const dir = path.join(outdir, 'stacks', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
      provider: { aws: [{ region: 'us-east-1' }] },
      ...config,
    }));
    writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'guard-fixture', outputs: {}, resources: state }));
  }
}

/** `tf-offline-check --plans` over a synthesized output folder; the plan JSON of each stack. */
export function plansOf(outdir: string): Record<string, any> {
  const plans = mkdtempSync(path.join(tmpdir(), 'guard-json-'));
  execFileSync(process.execPath, [OFFLINE_CHECK, outdir, '--plans', plans], { encoding: 'utf8', stdio: 'pipe' });
  const names = readdirSync(path.join(outdir, 'stacks'));
  return Object.fromEntries(names.map((n) => [n, JSON.parse(readFileSync(path.join(plans, `${n}.plan.json`), 'utf8'))]));
}
