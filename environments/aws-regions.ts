import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The regions the AWS SDK itself knows: its endpoint partition data, shipped in @aws-sdk/core
// (submodules/client/util-endpoints/lib/aws/partitions.js, the same data as @aws-sdk/util-endpoints'
// partitions.json). Not a pattern: `us-esat-1` fits every pattern and is no region.
const PARTITIONS_FILE = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

/** Only the `aws` partition: the stacks write `arn:aws:` ARNs, which China, GovCloud and ISO regions refuse. */
export const SUPPORTED_PARTITION = 'aws';

interface PartitionsInfo {
  partitions: { id: string; regions: Record<string, unknown> }[];
}

let cached: ReadonlySet<string> | undefined;

/** Every region of the supported partition, read once on first use (a 10 KB file: no cost to a synth). */
export function knownRegions(): ReadonlySet<string> {
  if (cached) return cached;
  const sdkCore = path.dirname(createRequire(__filename).resolve('@aws-sdk/core/package.json'));
  const source = readFileSync(path.join(sdkCore, PARTITIONS_FILE), 'utf8');
  // The module is `export const partitionsInfo = {...JSON...};`
  const info = JSON.parse(source.slice(source.indexOf('=') + 1, source.lastIndexOf(';'))) as PartitionsInfo;
  const partition = info.partitions.find((p) => p.id === SUPPORTED_PARTITION);
  if (!partition) throw new Error(`the AWS SDK's partition data (${PARTITIONS_FILE}) has no ${SUPPORTED_PARTITION} partition`);
  // `aws-global` names the global endpoint, not a region.
  cached = new Set(Object.keys(partition.regions).filter((r) => !r.endsWith('-global')));
  return cached;
}

export const isKnownRegion = (region: string): boolean => knownRegions().has(region);
