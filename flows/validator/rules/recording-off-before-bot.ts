import { isRecord, type ContactFlow, type FlowAction } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// A recording or real-time analytics session hears the digits a caller speaks or keys to the bot. On
// every path to every bot block, the flow must have set recording and analytics off explicitly, and
// nothing may turn them on again before the block. UpdateContactRecordingAndAnalyticsBehavior
// (Connect flow language reference): "RecordedParticipants: An empty list disables recording",
// "IVRRecordingBehavior: Enabled or Disabled" (automated interaction, i.e. IVR and bot, recording), and
// VoiceAnalyticsBehavior "can only be set if RecordedParticipants contains both Agent and Customer".
// The older UpdateContactRecordingBehavior is not admitted by this project's validator at all.
type Recording = 'unset' | 'off' | 'on';

const RECORDING_ACTION = 'UpdateContactRecordingAndAnalyticsBehavior';

/** Whether this recording action leaves call recording, IVR/bot recording and voice analytics all off. */
export function recordingOff(action: FlowAction): boolean {
  const voice = action.Parameters.VoiceBehavior;
  if (!isRecord(voice)) return false;
  const recording = voice.VoiceRecordingBehavior;
  const analytics = voice.VoiceAnalyticsBehavior;
  return isRecord(recording)
    && Array.isArray(recording.RecordedParticipants) && recording.RecordedParticipants.length === 0
    && recording.IVRRecordingBehavior === 'Disabled'
    && (analytics === undefined || (isRecord(analytics) && analytics.Enabled === 'False'));
}

function statesOnEntry(flow: ContactFlow): Map<string, Set<Recording>> {
  const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
  const entry = new Map<string, Set<Recording>>();
  // The instance, or a flow before this one, may have turned recording on: unknown until set here.
  const queue: [string, Recording][] = [[flow.StartAction, 'unset']];
  while (queue.length) {
    const [id, state] = queue.pop()!;
    const action = byId.get(id);
    const seen = entry.get(id) ?? new Set<Recording>();
    if (!action || seen.has(state)) continue;
    entry.set(id, seen.add(state));
    const t = action.Transitions ?? {};
    // Only the success branch carries the new behaviour; an error branch means it may not have applied.
    const after: Recording = action.Type === RECORDING_ACTION ? (recordingOff(action) ? 'off' : 'on') : state;
    if (t.NextAction) queue.push([t.NextAction, after]);
    for (const c of t.Conditions ?? []) queue.push([c.NextAction, after]);
    for (const e of t.Errors ?? []) queue.push([e.NextAction, action.Type === RECORDING_ACTION ? (state === 'off' ? 'off' : 'unset') : state]);
  }
  return entry;
}

export const recordingOffBeforeBotRule: FlowRule = {
  name: 'recording-off-before-bot',
  check: (flow) => {
    const entry = statesOnEntry(flow);
    return flow.Actions
      .filter((a) => a.Type === 'ConnectParticipantWithLexBot' && [...(entry.get(a.Identifier) ?? [])].some((s) => s !== 'off'))
      .map((a) => problem('recording-off-before-bot', a.Identifier, 'a path reaches this bot block without recording and analytics set off before it'));
  },
};
