import { isRecord } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// AWS: a module's content carries a top-level `Settings {InputParameters, OutputParameters, Transitions}`
// (its inputs, outputs and branches); a flow's does not. The one real module in fixtures/real-flows (the
// acceptance-test fixture of aws_connect_contact_flow_module in hashicorp/terraform-provider-aws) has it, and
// none of its 8 real flows; so did the 9 other modules issue 19 read (console exports, the CloudFormation-
// deployed modules of aws-samples/amazon-connect-contact-surveys and amazon-connect/voicemail-express-amazon-connect),
// removed from the corpus in the license review (fixtures/SOURCES.md). A third-party note of live calls reports that "CONTACT_FLOW_MODULE content requires a
// top-level Settings block (InputParameters, OutputParameters, Transitions) — omitting it fails
// CreateContactFlowModule/UpdateContactFlowModuleContent" (docs/dialog.md, "The module"). Provider 5.100.0's
// aws_connect_contact_flow_module has no `settings` argument, so the content is the only place for it.
const SETTINGS_LISTS = ['InputParameters', 'OutputParameters', 'Transitions'] as const;

export const moduleSettingsRule: FlowRule = {
  name: 'module-settings',
  check: (flow, kind) => {
    const say = (message: string) => [problem('module-settings', '(flow)', message)];
    if (kind === 'flow') return flow.Settings === undefined ? [] : say('a contact flow has no Settings (modules only)');
    if (!isRecord(flow.Settings)) return say('a module\'s content needs Settings { InputParameters, OutputParameters, Transitions }');
    const settings = flow.Settings;
    const missing = SETTINGS_LISTS.filter((k) => !Array.isArray(settings[k]));
    return missing.length ? say(`the module's Settings need the list(s) ${missing.join(', ')}`) : [];
  },
};
