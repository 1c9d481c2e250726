// npm run iam:matrix: writes docs/iam-matrix.md from the synthesized stacks of the first environment.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAllEnvironments } from '../../environments';
import { iamMatrixMarkdown } from './iam-matrix-doc';

const env = loadAllEnvironments()[0]!;
iamMatrixMarkdown(env).then((markdown) => {
  writeFileSync(path.join(process.cwd(), 'docs', 'iam-matrix.md'), markdown);
  console.log(`wrote docs/iam-matrix.md (${env.name})`);
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
