// The entry flow of the environment's phone number: it invokes the capture module (capture-module.ts), reads
// its answer, then thanks or apologises and disconnects or transfers. A team's own inbound flow can invoke
// the same module the same way (README, "Invoke the capture from your own flow").
import { RESULT, RESULT_ATTRIBUTE } from '../contract/capture-module';
import { compare, FLOW_VERSION, type ContactFlow, type FlowAction } from './flow-language';

export interface SecureInputFlowOptions {
  /** The capture module's id (its `contact_flow_module_id`); at synth a Terraform reference, treated as opaque text. */
  captureModuleId: string;
  /** When set, a failed capture is transferred to this queue instead of disconnected. */
  failureTransferQueueArn?: string;
}

export const FLOW_NAME = 'Secure_Lex_Input';

const THANKS = 'Thank you. Your details have been received securely.';
// Also what a caller hears when the module failed with nothing to say why: silence that Lex ends with an
// error looks the same as a failed code hook, and this message is true of both.
const SORRY = 'Sorry, we could not take your details this time. Please call again later.';
const NO_INPUT = 'Sorry, we did not receive your answer in time, so we could not take your details. Please call again later.';

const id = {
  invoke: 'invoke-capture-module',
  checkResult: 'check-capture-result',
  thanks: 'thank-caller',
  apologize: 'apologize',
  apologizeNoInput: 'apologize-no-input',
  disconnect: 'disconnect',
  setQueue: 'set-failure-queue',
  transfer: 'transfer-to-queue',
};

/** The contact flow: the capture module, then the caller hears how it went. */
export function buildSecureInputFlow(options: SecureInputFlowOptions): ContactFlow {
  const failureEnd = options.failureTransferQueueArn ? id.setQueue : id.disconnect;
  const message = (identifier: string, text: string, next: string): FlowAction => ({
    Identifier: identifier, Type: 'MessageParticipant', Parameters: { Text: text },
    Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
  });
  const actions: FlowAction[] = [
    {
      // "FlowModuleId: The flow module ID or flow module ARN to be invoked" (InvokeFlowModule); the id, as
      // AWS's own contact-surveys and voicemail-express flows pass it. Its error (the Invoke module block's
      // Error branch) is a failure: the result attribute may hold an earlier invocation's answer there.
      Identifier: id.invoke,
      Type: 'InvokeFlowModule',
      Parameters: { FlowModuleId: options.captureModuleId },
      Transitions: { NextAction: id.checkResult, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.apologize }] },
    },
    // Contact attributes a module sets persist after it returns (admin guide, Set contact attributes).
    compare(id.checkResult, `$.Attributes.${RESULT_ATTRIBUTE}`, [[RESULT.captured, id.thanks], [RESULT.noInput, id.apologizeNoInput]], id.apologize),
    message(id.thanks, THANKS, id.disconnect),
    message(id.apologize, SORRY, failureEnd),
    message(id.apologizeNoInput, NO_INPUT, failureEnd),
    ...(options.failureTransferQueueArn
      ? [
        { Identifier: id.setQueue, Type: 'UpdateContactTargetQueue', Parameters: { QueueId: options.failureTransferQueueArn }, Transitions: { NextAction: id.transfer, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
        // Exported flows give TransferContactToQueue a NextAction too (the error target).
        { Identifier: id.transfer, Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: id.disconnect, Errors: [{ ErrorType: 'QueueAtCapacity', NextAction: id.disconnect }, { ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
      ]
      : []),
    { Identifier: id.disconnect, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ];
  return { Version: FLOW_VERSION, StartAction: actions[0]!.Identifier, Actions: actions };
}
