// npm run flow:diagram: writes docs/flow.md, the Mermaid diagram of the deployed flow.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { flowDiagramMarkdown } from './flow-diagram-doc';

writeFileSync(path.join(process.cwd(), 'docs', 'flow.md'), flowDiagramMarkdown());
console.log('wrote docs/flow.md');
