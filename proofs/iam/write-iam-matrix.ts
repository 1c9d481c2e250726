// npm run iam:matrix: writes docs/iam-matrix.md from the synthesized stacks of the first environment, and
// the Connect rows from the existing-instance example with an existing number.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAllEnvironments } from '../../environments';
import { connectVariants } from '../../test/synth-helpers';
import { iamMatrixMarkdown } from './iam-matrix-doc';

const env = loadAllEnvironments()[0]!;
const existing = connectVariants.find((e) => e.name === 'exnumber')!;
iamMatrixMarkdown(env, existing).then((markdown) => {
  writeFileSync(path.join(process.cwd(), 'docs', 'iam-matrix.md'), markdown);
  console.log(`wrote docs/iam-matrix.md (${env.name}, ${existing.name})`);
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
