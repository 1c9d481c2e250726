// node ci/tools/apply-failure.cjs <apply output> [--stack <cdk.tf.json>]: after a failed `terraform apply`,
// prints one Markdown line per recognised failure naming its runbook step (apply-failure.ts), or one line
// saying none was recognised. Exit 0 either way (the apply's own status fails the job); 2 for bad arguments.
import { runApplyFailureCli } from './apply-failure';

process.exitCode = runApplyFailureCli(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l));
