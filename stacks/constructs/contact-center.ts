import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConnectContactFlow } from '@cdktf/provider-aws/lib/connect-contact-flow';
import { ConnectInstance } from '@cdktf/provider-aws/lib/connect-instance';
import { ConnectPhoneNumber } from '@cdktf/provider-aws/lib/connect-phone-number';
import { ConnectPhoneNumberContactFlowAssociation } from '@cdktf/provider-aws/lib/connect-phone-number-contact-flow-association';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { assertValidFlow, buildSecureInputFlow, FLOW_NAME, flowContent } from '../../flows';
import { CONNECT_INTEGRATION_ASSOCIATION } from '../connect/connect-cfn-types';
import { connectLogGroupName } from '../naming';
import { CaptureModule } from './capture-module';
import { attributeAddress, CloudControlResource } from './cloud-control';

export interface ContactCenterProps {
  env: EnvironmentConfig;
  botAliasArn: string;
  /** The attribute (for replace_triggered_by) that changes when a new bot alias replaces the current one. */
  botAliasReplacedTrigger: string;
  /**
   * What the alias needs before calls may reach it (Lex's right to invoke the code hook). The capture module
   * depends on it: a new one exists before the module switches, and a replaced one is deleted only after.
   */
  botCallableWith: ITerraformDependable[];
}

/** The Connect instance, its tie to the bot, the capture module, the flow that invokes it and the phone number that reaches it. */
export class ContactCenter extends Construct {
  readonly instance: ConnectInstance;
  readonly flowLogs: CloudwatchLogGroup;
  readonly captureModule: CaptureModule;
  readonly flow: ConnectContactFlow;
  readonly phoneNumber: ConnectPhoneNumber;

  constructor(scope: Construct, id: string, { env, botAliasArn, botAliasReplacedTrigger, botCallableWith }: ContactCenterProps) {
    super(scope, id);
    // With flow logs on, Connect writes to /aws/connect/<alias> and creates it with no retention unless it
    // exists (Connect admin guide, "Amazon Connect flow logs"): Terraform makes it first, with the configured retention.
    this.flowLogs = new CloudwatchLogGroup(this, 'flow-logs', { name: connectLogGroupName(env), retentionInDays: env.logRetentionInDays });
    this.instance = new ConnectInstance(this, 'instance', {
      instanceAlias: env.connect.instanceAlias,
      identityManagementType: 'CONNECT_MANAGED',
      inboundCallsEnabled: true,
      outboundCallsEnabled: false,
      // Flow logs stay on for the instance; the flow itself turns them off around the bot.
      contactFlowLogsEnabled: true,
      lifecycle: { preventDestroy: env.protectFromDestroy },
      dependsOn: [this.flowLogs],
    });

    // A new instance (e.g. a changed alias in dev) must replace what lives in it. The provider cannot see
    // that itself: the flow's instance_id is updatable in place, and the association's create-only
    // properties are unknown at plan; an update of either would fail at apply.
    const instanceArn = attributeAddress(this.instance, 'arn');

    // aws_connect_bot_association is Lex V1 only: the Lex V2 alias is tied through Cloud Control.
    // A new alias (a replaced bot) is associated before the old association goes, so the flow, updated
    // in between, always calls an associated alias. All its properties are create-only.
    const association = new CloudControlResource(this, 'bot-association', {
      type: CONNECT_INTEGRATION_ASSOCIATION,
      desiredState: { InstanceId: this.instance.arn, IntegrationType: 'LEX_BOT', IntegrationArn: botAliasArn },
      replaceWhenChanged: [instanceArn, botAliasReplacedTrigger],
      createBeforeDestroy: true,
    });

    // The capture (stacks/constructs/capture-module.ts). Connect validates what a module or a published flow
    // references: the bot is associated first. Terraform deletes a replaced (create_before_destroy) object
    // only after updating what depends on it, so the old association and Lex permission outlive the
    // module's switch to the new alias.
    this.captureModule = new CaptureModule(this, 'capture-module', {
      instanceId: this.instance.id, botAliasArn, locales: env.lex.locales,
      botCallableWith: [association.resource, ...botCallableWith], replaceWhenChanged: [instanceArn],
    });

    // The number's entry flow invokes the module by its id, so it is created after it.
    const flow = buildSecureInputFlow({ captureModuleId: this.captureModule.module.contactFlowModuleId, failureTransferQueueArn: env.connect.failureTransferQueueArn });
    assertValidFlow(flow);
    this.flow = new ConnectContactFlow(this, 'flow', {
      instanceId: this.instance.id,
      name: FLOW_NAME,
      description: 'Invokes the capture module (card number and ZIP through Lex, ciphertext only), then thanks or apologises',
      // InvokeFlowModule "only supports Inbound flow types": CONTACT_FLOW is the inbound flow type.
      type: 'CONTACT_FLOW',
      content: flowContent(flow),
      lifecycle: { replaceTriggeredBy: [instanceArn] },
    });

    this.phoneNumber = new ConnectPhoneNumber(this, 'phone-number', {
      targetArn: this.instance.arn,
      countryCode: env.phoneNumber.countryCode,
      type: env.phoneNumber.type,
      prefix: env.phoneNumber.prefix,
      // Releasing a number counts against the claim quota: guard it where the key is guarded.
      lifecycle: { preventDestroy: env.protectFromDestroy },
    });
    new ConnectPhoneNumberContactFlowAssociation(this, 'phone-number-flow', {
      instanceId: this.instance.id,
      phoneNumberId: this.phoneNumber.id,
      contactFlowId: this.flow.contactFlowId,
    });
  }
}
