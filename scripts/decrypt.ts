// npm run --silent decrypt -- --env <env> --contact <id> --reason "..." [--field ...] [--reveal] [--ciphertext ...]
// See scripts/decrypt-cli.ts (--help) and docs/operators-decrypt.md.
import { runDecryptCli } from './decrypt-cli';

// The pinned SDK runs on the operator's Node 20 too; its notice about future releases would break the
// one-line-per-field output this tool promises.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runDecryptCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
  process.exitCode = code;
});
