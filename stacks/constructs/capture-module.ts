import { ConnectContactFlowModule } from '@cdktf/provider-aws/lib/connect-contact-flow-module';
import { TerraformOutput, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PromptLocale } from '../../contract/prompts';
import { assertValidFlow, buildCaptureModule, flowContent, MODULE_NAME } from '../../flows';

export interface CaptureModuleProps {
  /** The instance the module lives in: its id (`instance_id` takes the id, not the ARN). */
  instanceId: string;
  /** The Lex V2 bot alias the module's bot blocks call. */
  botAliasArn: string;
  /** The bot's locales (the environment's `lex.locales`). */
  locales: readonly PromptLocale[];
  /**
   * What must exist before the module calls the alias: the alias's association with the instance and Lex's
   * right to invoke the code hook. Terraform deletes a replaced one only after updating the module.
   */
  botCallableWith: ITerraformDependable[];
  /** Attribute addresses whose change means another instance: the module is then replaced, not moved. */
  replaceWhenChanged: string[];
}

/** The names of the stack's outputs: what a team's own flow needs to invoke the module (README). */
export const CAPTURE_MODULE_OUTPUTS = { arn: 'capture_module_arn', id: 'capture_module_id' } as const;

/**
 * The capture as a flow module (flows/capture-module.ts) that any inbound flow of the instance can invoke;
 * the stack's own flow is one of them. aws_connect_contact_flow_module (provider 5.100.0: content, name,
 * description, instance_id, tags; no settings, versions or aliases, so the module's Settings travel in its
 * content). Not guarded against destroy: it holds nothing a new one would lack.
 */
export class CaptureModule extends Construct {
  readonly module: ConnectContactFlowModule;

  constructor(scope: Construct, id: string, props: CaptureModuleProps) {
    super(scope, id);
    const content = buildCaptureModule({ botAliasArn: props.botAliasArn, locales: props.locales });
    assertValidFlow(content, 'module');
    this.module = new ConnectContactFlowModule(this, 'module', {
      instanceId: props.instanceId,
      name: MODULE_NAME,
      description: 'Captures card number and ZIP through Lex with flow logging off; stores ciphertext only; answers in secure_input_result',
      content: flowContent(content),
      dependsOn: props.botCallableWith,
      // instance_id is updatable in place, but the provider's update still addresses the instance in the old
      // id (terraform-provider-aws internal/service/connect/contact_flow_module.go, contactFlowModuleParseResourceID).
      lifecycle: { replaceTriggeredBy: props.replaceWhenChanged },
    });
    new TerraformOutput(this, 'arn', {
      value: this.module.arn,
      description: `ARN of the capture module ${MODULE_NAME} (InvokeFlowModule's FlowModuleId takes it or the id)`,
    }).overrideLogicalId(CAPTURE_MODULE_OUTPUTS.arn);
    new TerraformOutput(this, 'id', {
      value: this.module.contactFlowModuleId,
      description: `Id of the capture module ${MODULE_NAME}: the FlowModuleId of InvokeFlowModule in a team's own inbound flow`,
    }).overrideLogicalId(CAPTURE_MODULE_OUTPUTS.id);
  }
}
