// Builds both function zips into a scratch cache, unzips them, and drives the bundled handlers against
// the KMS stand-in: prints sizes, where the unzipped bundles are, and KMS calls per operation as JSON.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { bundleFunction } from '../../functions/build/bundle-function';
import { CARD_NUMBER } from '../../functions/shared/secure-fields';
import { startKmsStandIn, useStandIn } from '../../functions/test-support/kms-stand-in';
import { lexEvent } from '../../functions/test-support/lex-events';

const [scratch, opsArg] = process.argv.slice(2);
const ops = Number(opsArg ?? 20);

function unzipIndex(zipPath: string, into: string): string {
  const zip = readFileSync(zipPath);
  const nameLength = zip.readUInt16LE(26);
  const packed = zip.readUInt32LE(18);
  mkdirSync(into, { recursive: true });
  const file = path.join(into, 'index.js');
  writeFileSync(file, inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + packed)));
  return file;
}

async function main() {
  const built = Object.fromEntries((['encrypt', 'decrypt'] as const).map((fn) => {
    const b = bundleFunction(fn, { cacheDir: path.join(scratch!, 'cache') });
    return [fn, { zipBytes: b.zipBytes, index: unzipIndex(b.zipPath, path.join(scratch!, fn)) }];
  }));
  const kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const encrypt = require(built.encrypt!.index).handler;
  const decrypt = require(built.decrypt!.index).handler;
  const silence = process.stdout.write;
  process.stdout.write = (() => true) as never; // the handlers' own log lines
  const timings = { encryptMs: 0, decryptMs: 0 };
  const ciphertexts: string[] = [];
  let t = performance.now();
  for (let i = 0; i < ops; i++) {
    const r = await encrypt(lexEvent(CARD_NUMBER, { value: '4111111111111111' }));
    ciphertexts.push(r.sessionState.sessionAttributes[CARD_NUMBER.sessionAttribute]);
  }
  timings.encryptMs = (performance.now() - t) / ops;
  const afterEncrypt = { ...kms.calls };
  t = performance.now();
  for (const c of ciphertexts) await decrypt({ Details: { Parameters: { encrypted: c } } });
  timings.decryptMs = (performance.now() - t) / ops;
  process.stdout.write = silence;
  await kms.close();
  console.log(JSON.stringify({
    built, ops, ...timings, ciphertextChars: ciphertexts[0]!.length,
    kmsPerEncrypt: afterEncrypt.GenerateDataKey / ops, kmsPerDecrypt: (kms.calls.Decrypt - afterEncrypt.Decrypt) / ops,
    otherKmsCallsDuringEncrypt: afterEncrypt.Decrypt,
  }));
}
main();
