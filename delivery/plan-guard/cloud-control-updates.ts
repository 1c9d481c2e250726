// In-place updates of Cloud Control resources that Cloud Control cannot apply correctly. The provider
// patches a resource in place whenever no create-only property changes (terraform-provider-aws
// internal/service/cloudcontrol/resource.go, resourceResourceCustomizeDiffSchemaDiff); for a type without
// an update handler, or with write-only properties, that update fails or hands the handler a model without
// the write-only part (a Lex bot without its locales). The stacks replace such resources on every change;
// this catches a plan that patches one anyway (a stack deployed by older code, a hand-made state edit).
import { CLOUD_CONTROL_SCHEMAS, inPlaceUpdateRefusal } from '../../stacks/constructs/registry-schema';

export interface CloudControlChange {
  address: string;
  type: string;
  change: { actions: string[]; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; after_unknown?: Record<string, unknown> | null };
}

export interface RefusedUpdate {
  address: string;
  why: string;
}

/** Every planned in-place update of a Cloud Control resource that would send Cloud Control a patch it cannot apply. */
export function refusedInPlaceUpdates(changes: readonly CloudControlChange[]): RefusedUpdate[] {
  return changes.flatMap((rc) => {
    if (rc.type !== 'aws_cloudcontrolapi_resource' || rc.change.actions.join(',') !== 'update') return [];
    const { before, after, after_unknown: unknown } = rc.change;
    // The provider calls Cloud Control only when desired_state changes (a new `schema` text alone is no call).
    if (!unknown?.desired_state && before?.desired_state === after?.desired_state) return [];
    const typeName = String(after?.type_name ?? before?.type_name);
    const schema = CLOUD_CONTROL_SCHEMAS[typeName];
    // Fail closed: a type without a vendored schema cannot be judged.
    const why = schema ? inPlaceUpdateRefusal(schema) : `no vendored schema for ${typeName}, so the guard cannot tell whether Cloud Control can update it`;
    return why ? [{ address: rc.address, why }] : [];
  });
}
