// Reads the output of a failed `terraform apply` and names the runbook step for what it recognises, so that
// a retry that cannot succeed by itself says what to do. What the AWS provider 5.100.0 prints and leaves in
// state when an aws_cloudcontrolapi_resource create fails was measured here (fixtures/README.md): the error
// is `waiting for Cloud Control API (<type>) Resource (<id>) create: unexpected state 'FAILED', wanted
// target 'SUCCESS'. last error: <ErrorCode>: <StatusMessage>`; with no identifier in Cloud Control's first
// answer (the usual case, an IN_PROGRESS event) nothing is saved, with one the object is saved tainted.
// Either way a retry creates the bot under the same name, and Lex refuses a second bot of that name while
// the first (made before the failure) exists: the handler error code AlreadyExists ("The specified
// resource already existed before the execution of this handler", CloudFormation CLI user guide, "Resource
// type handler error codes"). Nothing here is echoed but the error's first line and addresses.

import { readFileSync } from 'node:fs';

export const RUNBOOK_FAILED_CREATE = 'docs/operations.md#a-bot-create-that-failed';
export const RUNBOOK_IN_PLACE_UPDATE = 'docs/operations.md#a-bot-change-that-plans-an-in-place-update';

export interface ApplyError {
  /** The first line of the error, after `Error: `. */
  summary: string;
  /** `type.name` from the diagnostic's `with` line, when Terraform names one. */
  address?: string;
}

export interface Diagnosis {
  kind: 'bot-name-taken' | 'bot-create-failed' | 'in-place-update-refused';
  address?: string;
  /** One Markdown paragraph naming the runbook step. */
  message: string;
}

type Stack = { resource?: Record<string, Record<string, Record<string, any>>> };

/** The errors in Terraform's output, with or without colour boxes (`│ `, `╷`, `╵`). */
export function applyErrors(log: string): ApplyError[] {
  const lines = log.split(/\r?\n/).map((l) => l.replace(/^[│╷╵]\s?/, ''));
  const errors: ApplyError[] = [];
  lines.forEach((line, i) => {
    const m = /^Error: (.*)$/.exec(line);
    if (!m) return;
    const error: ApplyError = { summary: m[1]! };
    for (const next of lines.slice(i + 1, i + 8)) {
      if (/^Error: /.test(next)) break;
      const w = /^\s*with ([\w-]+\.[\w-]+)/.exec(next);
      if (w) { error.address = w[1]!; break; }
    }
    errors.push(error);
  });
  return errors;
}

const CLOUD_CONTROL_CREATE = /Cloud Control API \(([\w:]+)\) Resource(?: \(([^)]*)\))?(?: create)?:/;
const NAME_TAKEN = /\bAlreadyExists\b|already exists|ConflictException/i;

/** The bot's generation's address in the synthesized stack: what `-replace` takes for a fresh name. */
function generationOf(stack: Stack | undefined, botAddress: string | undefined): string | undefined {
  if (!stack || !botAddress) return undefined;
  const [type, name] = botAddress.split('.');
  const triggers: string[] = stack.resource?.[type!]?.[name!]?.lifecycle?.replace_triggered_by ?? [];
  return triggers.find((t) => t.startsWith('terraform_data.'));
}

const isBot = (stack: Stack | undefined, address: string | undefined, typeInError: string) => {
  if (typeInError === 'AWS::Lex::Bot') return true;
  const [type, name] = (address ?? '').split('.');
  return stack?.resource?.[type!]?.[name!]?.type_name === 'AWS::Lex::Bot';
};

/** What the failure is, for each error of the log that this knows; empty when it knows none. */
export function diagnoseApplyFailure(log: string, stack?: Stack): Diagnosis[] {
  return applyErrors(log).flatMap((error): Diagnosis[] => {
    const cc = CLOUD_CONTROL_CREATE.exec(error.summary);
    if (!cc || !isBot(stack, error.address, cc[1]!)) return [];
    const generation = generationOf(stack, error.address) ?? 'terraform_data.<the bot\'s generation: terraform state list | grep bot_generation>';
    const where = error.address ? `\`${error.address}\`` : 'the bot';
    if (/^updating Cloud Control API/.test(error.summary) || / update: /.test(error.summary)) {
      return [{ kind: 'in-place-update-refused', address: error.address, message: `${where} was updated in place, which Cloud Control cannot do for a Lex bot: replace it instead (${RUNBOOK_IN_PLACE_UPDATE}).` }];
    }
    if (NAME_TAKEN.test(error.summary)) {
      return [{
        kind: 'bot-name-taken', address: error.address,
        message: `${where} could not be created: a bot of its name exists already (an earlier create that failed after Lex made the bot, or a \`-replace\` of the bot itself). Re-running the deploy cannot succeed: delete that bot and re-run, or give the new bot a fresh name with \`terraform apply -replace='${generation}'\` (${RUNBOOK_FAILED_CREATE}).`,
      }];
    }
    return [{
      kind: 'bot-create-failed', address: error.address,
      message: `${where} could not be created. If Lex made the bot before the create failed, it now holds the name and the next run fails with AlreadyExists: check for it before re-running (${RUNBOOK_FAILED_CREATE}).`,
    }];
  });
}

/** The CLI (cli.ts): one Markdown line per recognised failure; exit 0, or 2 for bad arguments. */
export function runApplyFailureCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  const args = [...argv];
  const at = args.indexOf('--stack');
  const stackFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (args.length !== 1 || (at >= 0 && !stackFile)) {
    err('usage: apply-failure <terraform apply output> [--stack <cdk.tf.json>]');
    return 2;
  }
  let log: string;
  let stack: object | undefined;
  try {
    log = readFileSync(args[0]!, 'utf8');
    stack = stackFile ? JSON.parse(readFileSync(stackFile, 'utf8')) : undefined;
  } catch (e) {
    err(`apply-failure: cannot read its input (${(e as NodeJS.ErrnoException).code ?? 'not JSON'})`);
    return 2;
  }
  const found = diagnoseApplyFailure(log, stack);
  if (found.length === 0) out('apply-failure: no known failure recognised; read the apply output above.');
  for (const d of found) out(`- **${d.kind}**: ${d.message}`);
  return 0;
}
