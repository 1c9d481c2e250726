import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConnectContactFlow } from '@cdktf/provider-aws/lib/connect-contact-flow';
import { ConnectInstance } from '@cdktf/provider-aws/lib/connect-instance';
import { ConnectPhoneNumber } from '@cdktf/provider-aws/lib/connect-phone-number';
import { ConnectPhoneNumberContactFlowAssociation } from '@cdktf/provider-aws/lib/connect-phone-number-contact-flow-association';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { instanceTarget, phoneNumberTarget } from '../../environments/connect-target';
import { assertValidFlow, buildSecureInputFlow, FLOW_NAME, flowContent } from '../../flows';
import { CONNECT_INTEGRATION_ASSOCIATION } from '../connect/connect-cfn-types';
import { connectLogGroupName } from '../naming';
import { CaptureModule } from './capture-module';
import { attributeAddress, CloudControlResource, resourceAddress, TerraformData } from './cloud-control';

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

/** What the rest of the stack needs of the instance: its id and ARN, as references or as literals. */
export interface ConnectInstanceRef {
  id: string;
  arn: string;
}

/**
 * The Connect instance (created here, or an existing one named in config), its tie to the bot, the capture
 * module, the flow that invokes it, and the phone number that reaches it (claimed here, an existing one, or none).
 */
export class ContactCenter extends Construct {
  /** The instance the capture lives in. */
  readonly instance: ConnectInstanceRef;
  /** Connect's flow-log group of the created instance; an existing instance's group is not the stack's. */
  readonly flowLogs?: CloudwatchLogGroup;
  readonly captureModule: CaptureModule;
  readonly flow: ConnectContactFlow;
  /** The number this stack claims; undefined with an existing number or none. */
  readonly phoneNumber?: ConnectPhoneNumber;

  constructor(scope: Construct, id: string, { env, botAliasArn, botAliasReplacedTrigger, botCallableWith }: ContactCenterProps) {
    super(scope, id);
    const target = instanceTarget(env);
    // What lives in the instance (the association, the flow) must be replaced when the instance is another
    // one. The provider cannot see that itself: the flow's instance_id is updatable in place (its update
    // then still addresses the old instance, terraform-provider-aws internal/service/connect/contact_flow.go),
    // and the association's create-only properties are unknown at plan when they hold a reference.
    let instanceChanged: string;
    if (target.kind === 'create') {
      // With flow logs on, Connect writes to /aws/connect/<alias> and creates it with no retention unless it
      // exists (Connect admin guide, "Amazon Connect flow logs"): Terraform makes it first, with the configured retention.
      this.flowLogs = new CloudwatchLogGroup(this, 'flow-logs', { name: connectLogGroupName(target.alias), retentionInDays: env.logRetentionInDays });
      const created = new ConnectInstance(this, 'instance', {
        instanceAlias: target.alias,
        identityManagementType: 'CONNECT_MANAGED',
        inboundCallsEnabled: true,
        outboundCallsEnabled: false,
        // Flow logs stay on for the instance; the flow itself turns them off around the bot.
        contactFlowLogsEnabled: true,
        lifecycle: { preventDestroy: env.protectFromDestroy },
        dependsOn: [this.flowLogs],
      });
      this.instance = { id: created.id, arn: created.arn };
      instanceChanged = attributeAddress(created, 'arn');
    } else {
      // Nothing creates, changes or guards an existing instance: the stack names it by the id and the ARN
      // built from config (no data source, so an offline plan calls no AWS). The id is held in a
      // terraform_data, whose update (another id) replaces what lives in the instance; its creation
      // replaces nothing, so moving a created instance here keeps the flow and association (operations.md).
      const existing = new TerraformData(this, 'existing-instance', { input: { id: target.id } });
      this.instance = { id: target.id, arn: target.arn };
      instanceChanged = resourceAddress(existing);
    }

    // aws_connect_bot_association is Lex V1 only: the Lex V2 alias is tied through Cloud Control.
    // A new alias (a replaced bot) is associated before the old association goes, so the flow, updated
    // in between, always calls an associated alias. All its properties are create-only.
    const association = new CloudControlResource(this, 'bot-association', {
      type: CONNECT_INTEGRATION_ASSOCIATION,
      desiredState: { InstanceId: this.instance.arn, IntegrationType: 'LEX_BOT', IntegrationArn: botAliasArn },
      replaceWhenChanged: [instanceChanged, botAliasReplacedTrigger],
      createBeforeDestroy: true,
    });

    // The capture (stacks/constructs/capture-module.ts). Connect validates what a module or a published flow
    // references: the bot is associated first. Terraform deletes a replaced (create_before_destroy) object
    // only after updating what depends on it, so the old association and Lex permission outlive the
    // module's switch to the new alias.
    this.captureModule = new CaptureModule(this, 'capture-module', {
      instanceId: this.instance.id, botAliasArn, locales: env.lex.locales,
      botCallableWith: [association.resource, ...botCallableWith], replaceWhenChanged: [instanceChanged],
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
      lifecycle: { replaceTriggeredBy: [instanceChanged] },
    });

    const number = phoneNumberTarget(env);
    if (number.kind === 'claim') {
      this.phoneNumber = new ConnectPhoneNumber(this, 'phone-number', {
        targetArn: this.instance.arn,
        countryCode: number.countryCode,
        type: number.type,
        prefix: number.prefix,
        // Releasing a number counts against the claim quota: guard it where the key is guarded.
        lifecycle: { preventDestroy: env.protectFromDestroy },
      });
    }
    // An existing number is only pointed at the flow: destroying the stack removes this association, never the number.
    const phoneNumberId = this.phoneNumber?.id ?? (number.kind === 'existing' ? number.id : undefined);
    if (phoneNumberId !== undefined) {
      new ConnectPhoneNumberContactFlowAssociation(this, 'phone-number-flow', {
        instanceId: this.instance.id,
        phoneNumberId,
        contactFlowId: this.flow.contactFlowId,
      });
    }
  }
}
