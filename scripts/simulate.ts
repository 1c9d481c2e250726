// npm run simulate -- --env dev --script simulator/scenarios/voice-happy-path.json [--json]
import { runSimulateCli } from '../simulator/cli';

runSimulateCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) })
  .then((code) => {
    process.exitCode = code;
  });
