// --local: the same checks against the call simulator (docs/simulator.md), Decrypt invoked through its smoke
// alias as the live mode does. RecognizeText goes to the
// simulator's Lex runtime of the environment's synthesized bot, whose code hook is the bundled Encrypt zip
// calling the KMS stand-in. Decrypt is the bundled Decrypt zip of the same synthesized stack, in its own
// simulated container, with its synthesized environment pointed at the KMS stand-in, a CloudWatch Logs
// stand-in holding its audit group, and a Connect stand-in (the one-ciphertext request reads no contact).
import { startConnectStandIn, type ConnectStandIn } from '../stand-ins/connect-stand-in';
import { startLogsStandIn, type LogsStandIn } from '../stand-ins/logs-stand-in';
import { loadDeployment, type Deployment } from '../simulator/deployment';
import { startContainer, type LambdaContainer } from '../simulator/lambda-host';
import { startSimulator, type Simulator } from '../simulator/simulator';
import { decryptAuditLogGroupName } from '../stacks/naming';
import { SmokeFailure, type DecryptRequest, type LexAnswer, type SmokeTarget } from './smoke-target';
import { SMOKE_ALIAS } from '../contract/decrypt-invocation';

/** The values the Decrypt function's Terraform references take in this simulation. */
function decryptVariables(variables: Record<string, string>, values: { keyArn: string; instanceId: string; auditGroup: string }): Record<string, string> {
  const resolve = (value: string): string => {
    if (/^\$\{aws_kms_key\.[^.}]+\.arn\}$/.test(value)) return values.keyArn;
    if (/^\$\{aws_connect_instance\.[^.}]+\.id\}$/.test(value)) return values.instanceId;
    if (/^\$\{aws_cloudwatch_log_group\.[^.}]+\.name\}$/.test(value)) return values.auditGroup;
    if (value.includes('${')) throw new SmokeFailure('the Decrypt function has an environment reference the simulation cannot resolve');
    return value;
  };
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)]));
}

/** Starts a simulated deployment; `deployment` lets a test hand in a changed one (e.g. a broken hook). */
export async function localTarget(envName: string, deployment: Deployment = loadDeployment(envName)): Promise<SmokeTarget> {
  if (!deployment.decrypt) throw new SmokeFailure('the synthesized stack has no Decrypt function with a bundled zip');
  const sim: Simulator = await startSimulator(deployment);
  const auditGroup = decryptAuditLogGroupName(deployment.env);
  let logs: LogsStandIn | undefined;
  let connect: ConnectStandIn | undefined;
  let decrypt: LambdaContainer | undefined;
  try {
    logs = await startLogsStandIn([auditGroup]);
    connect = await startConnectStandIn();
    decrypt = startContainer(deployment.decrypt, decryptVariables(deployment.decrypt.variables, { keyArn: sim.kms.keyArn, instanceId: connect.instanceId, auditGroup }), {
      AWS_REGION: deployment.env.region, AWS_DEFAULT_REGION: deployment.env.region,
      AWS_ENDPOINT_URL_KMS: sim.kms.url, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url, AWS_ENDPOINT_URL_CONNECT: connect.url,
      AWS_ACCESS_KEY_ID: 'simulated', AWS_SECRET_ACCESS_KEY: 'simulated', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  } catch (error) {
    decrypt?.dispose();
    await Promise.all([sim.close(), logs?.close(), connect?.close()]);
    throw error;
  }
  const container = decrypt;
  return {
    description: `the call simulator (${deployment.env.name})`,
    async recognizeText(sessionId, text, sessionAttributes): Promise<LexAnswer> {
      if (sessionAttributes) sim.lex.applySessionAttributes(sessionId, sessionAttributes);
      const reply = await sim.lex.recognize(sessionId, { mode: 'Text', transcript: text });
      if (reply.kind === 'error') throw new SmokeFailure('the bot answered DependencyFailedException (the code hook failed)');
      return {
        sessionState: { sessionAttributes: reply.sessionAttributes, intent: reply.intent, dialogAction: reply.dialogAction },
        messages: reply.messages.map((content) => ({ content })),
      };
    },
    async invokeDecrypt(request: DecryptRequest) {
      const result = await container.invoke(request, { qualifier: SMOKE_ALIAS });
      if (!result.ok) throw new SmokeFailure(`the Decrypt function failed (${result.error}): see its log group`);
      return result.payload;
    },
    async close() {
      container.dispose();
      await Promise.all([sim.close(), logs!.close(), connect!.close()]);
    },
  };
}
