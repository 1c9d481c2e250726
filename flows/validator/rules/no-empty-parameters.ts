import { problem, type FlowRule } from '../rule';

// Project policy: every value under Parameters is a non-empty string (or an object or list of them).
// No AWS page says whether an empty value is accepted; third-party live probes of CreateContactFlow report
// empty strings refused ("Empty value in Parameters.Attributes", an empty MessageParticipant text) and
// " " accepted (docs/dialog.md, "Validator rules"), and every scalar in the real exports is a string. One real template sets
// `AliasArn: ""` to be filled in after import, so this is scoped to the project's own flow.
function emptyPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value === '' ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyPaths(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => emptyPaths(v, `${path}.${k}`));
  return [`${path} (not a string)`];
}

export const noEmptyParametersRule: FlowRule = {
  name: 'no-empty-parameters',
  check: (flow) => flow.Actions.flatMap((a) => emptyPaths(a.Parameters ?? {}, 'Parameters')
    .map((path) => problem('no-empty-parameters', a.Identifier, `${path} is empty`))),
};
