// Builds both function zips into a scratch cache, unzips them, and drives the bundled handlers against
// the KMS, Connect and CloudWatch Logs stand-ins: prints sizes, where the unzipped bundles are, and KMS
// calls per operation as JSON. Decrypt reads each contact's card number through Connect, as operators do.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { bundleFunction } from '../../bundler/bundle-function';
import { CARD_NUMBER } from '../../contract/secure-fields';
import { DECRYPT_ENV } from '../../contract/decrypt-env';
import { startConnectStandIn } from '../../stand-ins/connect-stand-in';
import { startKmsStandIn, useStandIn } from '../../stand-ins/kms-stand-in';
import { startLogsStandIn } from '../../stand-ins/logs-stand-in';
import { lexEvent } from '../../stand-ins/lex-events';

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
  const [kms, connect, logs] = await Promise.all([startKmsStandIn(), startConnectStandIn(), startLogsStandIn(['/bench/audit'])]);
  useStandIn(kms, 'dev');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CONNECT: connect.url, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url,
    [DECRYPT_ENV.connectInstanceId]: connect.instanceId, [DECRYPT_ENV.auditLogGroup]: '/bench/audit',
  });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const encrypt = require(built.encrypt!.index).handler;
  const decrypt = require(built.decrypt!.index).handler;
  const silence = process.stdout.write;
  process.stdout.write = (() => true) as never; // the handlers' own log lines
  const timings = { encryptMs: 0, decryptMs: 0 };
  const ciphertexts: string[] = [];
  const contacts: string[] = [];
  let t = performance.now();
  for (let i = 0; i < ops; i++) {
    const contactId = randomUUID();
    const r = await encrypt(lexEvent(CARD_NUMBER, { value: '4111111111111111', contactId }));
    ciphertexts.push(r.sessionState.sessionAttributes[CARD_NUMBER.sessionAttribute]);
    contacts.push(contactId);
    connect.contacts.set(contactId, { [CARD_NUMBER.contactAttribute]: ciphertexts.at(-1)! });
  }
  timings.encryptMs = (performance.now() - t) / ops;
  const afterEncrypt = { ...kms.calls };
  t = performance.now();
  for (const contactId of contacts) {
    const answer = await decrypt({ contactId, reason: 'bench', fields: [CARD_NUMBER.field] }, { awsRequestId: contactId });
    if (answer.Status !== 'OK') throw new Error(`decrypt refused: ${answer.Code}`);
  }
  timings.decryptMs = (performance.now() - t) / ops;
  process.stdout.write = silence;
  await Promise.all([kms.close(), connect.close(), logs.close()]);
  console.log(JSON.stringify({
    built, ops, ...timings, ciphertextChars: ciphertexts[0]!.length,
    kmsPerEncrypt: afterEncrypt.GenerateDataKey / ops, kmsPerDecrypt: (kms.calls.Decrypt - afterEncrypt.Decrypt) / ops,
    otherKmsCallsDuringEncrypt: afterEncrypt.Decrypt, auditRecordsPerDecrypt: logs.messages('/bench/audit').length / ops,
  }));
}
main();
