// The JSON Patch that aws_cloudcontrolapi_resource sends on an in-place update, and the write-only paths
// it would touch. The provider diffs old against new desired_state (hashicorp/terraform-provider-aws,
// internal/service/cloudcontrol/resource.go, patchDocument, with mattbaird/jsonpatch); fast-json-patch's
// compare is the same kind of RFC 6902 diff. The two differ only in how they spell a changed array
// (mattbaird: per index for equal lengths, else remove/add of whole items; fast-json-patch: per index),
// and the touch rule (writeOnlyPathTouched) counts a container of write-only data as touching it, so a
// change either library reports under or above a write-only path is caught.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compare, type Operation } from 'fast-json-patch';
import { writeOnlyPathTouched } from '../../stacks/constructs/write-only-properties';

const SCHEMAS = path.join(__dirname, '..', '..', 'stacks', 'cloud-control-schemas');

/** typeName -> writeOnlyProperties, from every vendored schema. */
export const writeOnlyPathsByType: Record<string, string[]> = Object.fromEntries(
  readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')).map((f) => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')) as { typeName: string; writeOnlyProperties?: string[] };
    return [schema.typeName, schema.writeOnlyProperties ?? []];
  }),
);

export interface WriteOnlyTouch { op: Operation['op']; path: string; writeOnly: string }

/** The patch of an in-place update, old desired state to new. */
export const updatePatch = (before: object, after: object): Operation[] => compare(before, after);

/** Every operation of that patch that touches a write-only path of the type: Cloud Control would refuse it. */
export function writeOnlyTouches(typeName: string, patch: readonly Operation[]): WriteOnlyTouch[] {
  const paths = writeOnlyPathsByType[typeName];
  if (!paths) throw new Error(`no vendored schema for ${typeName}`);
  return patch.flatMap((op) => {
    const writeOnly = writeOnlyPathTouched(op.path, paths);
    return writeOnly ? [{ op: op.op, path: op.path, writeOnly }] : [];
  });
}
