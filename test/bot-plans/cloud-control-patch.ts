// A model of an in-place update of an aws_cloudcontrolapi_resource, from the provider to the handler:
// - the provider sends a JSON Patch of the old against the new desired_state, nothing else
//   (hashicorp/terraform-provider-aws internal/service/cloudcontrol/resource.go, resourceResourceUpdate ->
//   patchDocument, built with mattbaird/jsonpatch);
// - Cloud Control applies it to the resource model it reads back, which never holds the schema's
//   writeOnlyProperties, and hands the result to the type's update handler
//   (https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-operations-update.html); a type
//   whose schema has no update handler cannot be updated at all.
// So the handler receives exactly the new desired state only when the read-back lacks nothing the new state
// holds. For AWS::Lex::Bot it lacks BotLocales: any in-place update, even of the idle TTL alone, hands the
// handler a bot without locales (hashicorp/terraform-provider-awscc#190, #619 "Lex bot locale disappeared";
// the awscc fix re-sends every write-only property, #1737). fast-json-patch's compare is the same kind of
// RFC 6902 diff as mattbaird's; the two differ only in how they spell a changed array, which changes no
// outcome here because the result is judged as a whole document.
import { applyPatch, compare, type Operation } from 'fast-json-patch';
import { CLOUD_CONTROL_SCHEMAS } from '../../stacks/constructs/registry-schema';
import { propertyPathSegments, writeOnlyPathTouched } from '../../stacks/constructs/write-only-properties';

interface SchemaFacts { writeOnly: string[]; updatable: boolean }

/** What a type's vendored schema (stacks/cloud-control-schemas/) says: write-only paths, and whether it has an update handler. */
const factsOf = (typeName: string): SchemaFacts => {
  const schema = CLOUD_CONTROL_SCHEMAS[typeName];
  if (!schema) throw new Error(`no vendored schema for ${typeName}`);
  return { writeOnly: schema.writeOnlyProperties ?? [], updatable: Boolean(schema.handlers?.update) };
};

/** The patch of an in-place update, old desired state to new. */
export const updatePatch = (before: object, after: object): Operation[] => compare(before, after);

/** `value` without what lies at `segments` (`*` = every array item or map value). */
function without(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0 || typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(value)) return head === '*' ? value.map((item) => without(item, rest)) : value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of head === '*' ? Object.keys(copy) : [head]) {
    if (!(key in copy)) continue;
    if (rest.length === 0) delete copy[key];
    else copy[key] = without(copy[key], rest);
  }
  return copy;
}

/** The model Cloud Control reads back for a resource whose desired state was `state`: without its write-only properties. */
export const readBack = (typeName: string, state: object): object =>
  factsOf(typeName).writeOnly.reduce<unknown>((model, p) => without(model, propertyPathSegments(p)), state) as object;

/**
 * What goes wrong with an in-place update from `before` to `after`: Cloud Control cannot update the type,
 * the patch does not apply to the read-back model, or the model the handler receives differs from `after`
 * (each differing path). Empty when the handler receives exactly the new desired state.
 */
export function inPlaceUpdateProblems(typeName: string, before: object, after: object): string[] {
  if (!factsOf(typeName).updatable) return [`${typeName} has no update handler: Cloud Control refuses the update`];
  let model: object;
  try {
    model = applyPatch(structuredClone(readBack(typeName, before)), updatePatch(before, after), true, false).newDocument;
  } catch (err) {
    return [`the patch does not apply to the model Cloud Control reads back: ${(err as Error).message.split('\n')[0]}`];
  }
  return compare(model, after).map((op) => `the handler would receive ${op.op === 'add' ? 'no' : 'another'} ${op.path}`);
}

export interface WriteOnlyTouch { op: Operation['op']; path: string; writeOnly: string }

/** Every operation of a patch that touches a write-only path of the type (inside it, or a container of it). */
export function writeOnlyTouches(typeName: string, patch: readonly Operation[]): WriteOnlyTouch[] {
  const paths = factsOf(typeName).writeOnly;
  return patch.flatMap((op) => {
    const writeOnly = writeOnlyPathTouched(op.path, paths);
    return writeOnly ? [{ op: op.op, path: op.path, writeOnly }] : [];
  });
}
