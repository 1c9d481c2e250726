// npm run simulate -- --env dev --script simulator/scenarios/voice-happy-path.json [--entry flow|module] [--json]
import { runSimulateCli } from '../simulator/cli';

runSimulateCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    // A fault of the simulator itself: one line, never a stack (the call's input never reaches an error).
    console.error(`the simulator failed: ${err instanceof Error ? err.message.split('\n')[0] : 'unknown error'}`);
    process.exitCode = 1;
  });
