// npm run flow:diagram: writes docs/flow.md and the diagram in the README, both generated from the flow.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flowDiagramMarkdown, withReadmeDiagram } from './flow-diagram-doc';

const root = process.cwd();
writeFileSync(path.join(root, 'docs', 'flow.md'), flowDiagramMarkdown());
const readme = path.join(root, 'README.md');
writeFileSync(readme, withReadmeDiagram(readFileSync(readme, 'utf8')));
console.log('wrote docs/flow.md and the README diagram');
