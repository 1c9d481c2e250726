// npm run decrypt -- --env <environment> <ciphertext>: an operator, signed in with their own AWS
// credentials, asks the deployed Decrypt function for one value. See docs/operations.md.
import { runDecryptCli } from './decrypt-cli';

runDecryptCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
  process.exitCode = code;
});
