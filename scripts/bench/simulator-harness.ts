// Plays random calls (a quarter planned to fail) through the simulator against dev's synthesized flow
// and bot and the bundled Encrypt zip; prints calls per second and KMS calls per call as JSON.
import { loadDeployment } from '../../simulator/deployment';
import { randomCalls } from '../../simulator/random-callers';
import { startSimulator } from '../../simulator/simulator';

async function main() {
  const calls = Number(process.argv[2] ?? 300);
  const sim = await startSimulator(loadDeployment('dev'));
  const warm = randomCalls(20, 1);
  for (const c of warm) await sim.play(c.script, { silence: c.silence });
  let kmsCalls = 0;
  let lexTurns = 0;
  let captured = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const c of randomCalls(calls)) {
    sim.kms.mode = c.kmsMode;
    const r = await sim.play(c.script, { silence: c.silence });
    kmsCalls += r.kmsCalls;
    lexTurns += r.lexTurns;
    if (r.outcome === 'captured') captured++;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await sim.close();
  console.log(JSON.stringify({ calls, seconds, callsPerSecond: calls / seconds, cpuMsPerCall: (used.user + used.system) / 1000 / calls, kmsPerCall: kmsCalls / calls, lexTurnsPerCall: lexTurns / calls, captured }));
}
main();
