// Write-only properties of a CloudFormation registry type (schema `writeOnlyProperties`): Cloud Control
// never reads them back, and it applies an update's JSON Patch to the model it reads back, so a patch
// under such a path fails (AWS Cloud Control API user guide, "Updating a resource"). These helpers say
// which parts of a desired state are write-only, and whether a patch path touches one.
// A path is a JSON pointer under /properties; `*` stands for any one array item (or map value).

/** `/properties/A/*\/B` as its segments after /properties: ['A', '*', 'B']. */
export function propertyPathSegments(pointer: string): string[] {
  if (!pointer.startsWith('/properties/')) throw new Error(`not a schema property path: ${pointer}`);
  return pointerSegments(pointer.slice('/properties'.length));
}

/** The segments of an RFC 6901 JSON pointer such as a patch operation's path. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What `value` holds at `segments`, keeping the shape of the wildcards on the way: an array stays an
 * array of the same length (null where an item lacks the rest of the path), so adding, removing or
 * reordering items that carry write-only data changes the result too. Undefined when nothing is there.
 */
function project(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') {
    if (Array.isArray(value)) return value.map((item) => project(item, rest) ?? null);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, project(item, rest) ?? null]));
    return undefined;
  }
  return isObject(value) && head in value ? project(value[head], rest) : undefined;
}

/** The write-only parts of a desired state, keyed by the schema's path; paths with nothing there are left out. */
export function writeOnlyValues(state: unknown, writeOnlyPaths: readonly string[]): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  for (const path of writeOnlyPaths) {
    const value = project(state, propertyPathSegments(path));
    if (value !== undefined) found[path] = value;
  }
  return found;
}

/**
 * The write-only path a patch operation at `opPath` touches, if any. It touches one when either path
 * lies under the other: a change inside write-only data, or a change of a container that holds it
 * (`add /A/2` carries the item's write-only `B` in its value).
 */
export function writeOnlyPathTouched(opPath: string, writeOnlyPaths: readonly string[]): string | undefined {
  const op = pointerSegments(opPath);
  return writeOnlyPaths.find((path) => {
    const pattern = propertyPathSegments(path);
    const shared = Math.min(op.length, pattern.length);
    for (let i = 0; i < shared; i++) if (pattern[i] !== '*' && pattern[i] !== op[i]) return false;
    return true;
  });
}
