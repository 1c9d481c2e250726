// The Amazon Connect flow language, as far as this project writes it (no public JSON schema exists).

/**
 * Condition operators of the flow language ("Actions in the Amazon Connect Flow Language", List of
 * Operators: Equals, TextStartsWith, TextEndsWith, TextContains, NumberGreaterThan,
 * NumberGreaterOrEqualTo, NumberLessThan, NumberLessOrEqualTo). There is no NotEquals nor Exists.
 */
export const CONDITION_OPERATORS = ['Equals', 'TextStartsWith', 'TextEndsWith', 'TextContains', 'NumberGreaterThan', 'NumberGreaterOrEqualTo', 'NumberLessThan', 'NumberLessOrEqualTo'] as const;

export interface FlowCondition {
  NextAction: string;
  Condition: { Operator: (typeof CONDITION_OPERATORS)[number]; Operands: string[] };
}

export interface FlowError {
  ErrorType: string;
  NextAction: string;
}

export interface FlowTransitions {
  NextAction?: string;
  Conditions?: FlowCondition[];
  Errors?: FlowError[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: FlowTransitions;
}

export interface ContactFlow {
  Version: string;
  StartAction: string;
  Metadata?: Record<string, unknown>;
  /** Flow modules only: their inputs, outputs and branches. */
  Settings?: Record<string, unknown>;
  Actions: FlowAction[];
}

/**
 * What a content is: a contact flow (this project's is an inbound `CONTACT_FLOW`) or a flow module. The
 * content alone does not say so reliably, so whoever builds or reads it names it; every real module in
 * flows/validator/fixtures has a top-level `Settings`, no real flow has one.
 */
export type FlowKind = 'flow' | 'module';

/** A JSON object (not null, not an array), as a flow's parameters and settings are read. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const FLOW_VERSION = '2019-10-30';
export const MAX_ACTIONS = 250;
export const MAX_CONTENT_CHARS = 256_000;

/**
 * Actions that end the flow and take `Transitions: {}`: "Certain Actions terminate ... Transitions must be
 * defined as an empty object" (flow language, Actions). DisconnectParticipant; EndFlowExecution ("This
 * is always a terminal action"); EndFlowModuleExecution (the module's Return block, `Transitions: {}`).
 */
export const TERMINAL_ACTIONS = ['DisconnectParticipant', 'EndFlowExecution', 'EndFlowModuleExecution'] as const;

/** Every action an action can go to, with the label of the branch. */
export function successors(action: FlowAction): { to: string; label: string }[] {
  const t = action.Transitions ?? {};
  return [
    ...(t.NextAction ? [{ to: t.NextAction, label: '' }] : []),
    ...(t.Conditions ?? []).map((c) => ({ to: c.NextAction, label: `${c.Condition.Operator === 'Equals' ? '=' : c.Condition.Operator} ${c.Condition.Operands.join(', ')}` })),
    ...(t.Errors ?? []).map((e) => ({ to: e.NextAction, label: e.ErrorType })),
  ];
}

/**
 * The contact that UpdateContactAttributes and UpdateContactData act on: "TargetContact": either "Current" or
 * "Related". Must be defined statically (flow language reference, UpdateContactAttributes:
 * https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactattributes.html). Not
 * marked optional there, so this project always names it.
 */
export const CURRENT_CONTACT = 'Current';

/**
 * A Compare of `value`: the first condition (operand, target) that holds, else `otherwise`; NoMatchingCondition
 * goes to `otherwise` too.
 */
export const compare = (identifier: string, value: string, conditions: [string, string][], otherwise: string, operator: 'Equals' | 'TextStartsWith' = 'Equals'): FlowAction => ({
  Identifier: identifier,
  Type: 'Compare',
  Parameters: { ComparisonValue: value },
  Transitions: {
    NextAction: otherwise,
    Conditions: conditions.map(([operand, next]) => ({ NextAction: next, Condition: { Operator: operator, Operands: [operand] } })),
    Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: otherwise }],
  },
});

/** The actions a walk from the start reaches, following from each action the branches `next` gives (by default all). */
export function reachable(flow: ContactFlow, next: (action: FlowAction) => string[] = (a) => successors(a).map((s) => s.to)): Set<string> {
  const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
  const seen = new Set<string>();
  const queue = [flow.StartAction];
  while (queue.length) {
    const id = queue.pop()!;
    const action = byId.get(id);
    if (!action || seen.has(id)) continue;
    seen.add(id);
    queue.push(...next(action));
  }
  return seen;
}

/** The JSON Connect stores, keys in a fixed order so the same flow always gives the same text. */
export function flowContent(flow: ContactFlow): string {
  return JSON.stringify(flow);
}
