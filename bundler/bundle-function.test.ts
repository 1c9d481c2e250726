import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_NUMBER, STATUS, STATUS_ATTRIBUTE } from '../contract/secure-fields';
import { startConnectStandIn, type ConnectStandIn } from '../stand-ins/connect-stand-in';
import { startKmsStandIn, type KmsStandIn } from '../stand-ins/kms-stand-in';
import { startLogsStandIn, type LogsStandIn } from '../stand-ins/logs-stand-in';
import { lexEvent } from '../stand-ins/lex-events';
import { bundleFunction, forgetBundles, prebuildFunctions } from './bundle-function';
import { deterministicZip } from './deterministic-zip';

/** The single file of a zip this project writes. */
function unzipOnly(zip: Buffer): { name: string; data: Buffer } {
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  const nameLength = zip.readUInt16LE(26);
  const packed = zip.readUInt32LE(18);
  const name = zip.subarray(30, 30 + nameLength).toString();
  return { name, data: inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + packed)) };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('deterministicZip', () => {
  it('gives the same bytes for the same files, and different bytes for different files', () => {
    const a = deterministicZip({ 'index.js': Buffer.from('x') });
    expect(deterministicZip({ 'index.js': Buffer.from('x') }).equals(a)).toBe(true);
    expect(deterministicZip({ 'index.js': Buffer.from('y') }).equals(a)).toBe(false);
  });

  it('is a zip that unzip reads back', () => {
    const file = path.join(scratch, 't.zip');
    writeFileSync(file, deterministicZip({ 'b.txt': Buffer.from('bee'), 'a.txt': Buffer.from('a'.repeat(1000)) }));
    const listing = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), sorted(z.namelist()), z.read("b.txt").decode())', file], { encoding: 'utf8' });
    expect(listing.trim()).toBe("None ['a.txt', 'b.txt'] bee");
  });
});

describe.each(['encrypt', 'decrypt'] as const)('the %s bundle', (fn) => {
  beforeEach(() => forgetBundles());

  it('is deterministic: two clean builds give the same zip and hash', () => {
    const first = bundleFunction(fn, { cacheDir: path.join(scratch, `${fn}-a`) });
    const second = bundleFunction(fn, { cacheDir: path.join(scratch, `${fn}-b`) });
    expect(first.built && second.built).toBe(true);
    expect(second.sourceCodeHash).toBe(first.sourceCodeHash);
    expect(readFileSync(second.zipPath).equals(readFileSync(first.zipPath))).toBe(true);
  });
});

// A tiny function tree of its own, so a test can edit a source file without touching the real ones.
describe('the function cache', () => {
  const sourceRoot = path.join(scratch, 'fixture');
  const cacheDir = path.join(scratch, 'fixture-cache');
  const greeting = path.join(sourceRoot, 'functions', 'encrypt', 'greeting.ts');
  const build = () => {
    forgetBundles(); // as a new synth process would: no in-process memo
    return bundleFunction('encrypt', { cacheDir, sourceRoot });
  };

  beforeAll(() => {
    mkdirSync(path.dirname(greeting), { recursive: true });
    writeFileSync(path.join(sourceRoot, 'functions', 'encrypt', 'handler.ts'), "import { greeting } from './greeting';\nexport const handler = async () => greeting;\n");
    writeFileSync(greeting, "export const greeting = 'hello';\n");
  });

  it('does not rebuild an unchanged function: same zip, untouched', () => {
    const first = build();
    expect(first.built).toBe(true);
    const mtime = statSync(first.zipPath).mtimeMs;
    const again = build();
    expect(again).toEqual({ ...first, built: false });
    expect(statSync(again.zipPath).mtimeMs).toBe(mtime);
  });

  it('rebuilds when an imported file changes, and the hash follows the content', () => {
    const before = build();
    writeFileSync(greeting, "export const greeting = 'goodbye';\n");
    const changed = build();
    expect(changed.built).toBe(true);
    expect(changed.sourceCodeHash).not.toBe(before.sourceCodeHash);
    expect(unzipOnly(readFileSync(changed.zipPath)).data.toString()).toContain('goodbye');
    writeFileSync(greeting, "export const greeting = 'hello';\n");
    expect(build().sourceCodeHash).toBe(before.sourceCodeHash);
  });

  it('reads a file again when its size or modification time changed, and trusts the recorded digest otherwise', () => {
    const before = build();
    const { mtime } = statSync(greeting);
    // Same size, new content, new time: hashed again, rebuilt.
    writeFileSync(greeting, "export const greeting = 'hellO';\n");
    utimesSync(greeting, mtime, new Date(mtime.getTime() + 2000));
    expect(build()).toMatchObject({ built: true });
    // The recorded digests are only a shortcut: an unreadable record means hashing everything again.
    writeFileSync(path.join(cacheDir, 'input-digests.json'), '{not json');
    writeFileSync(greeting, "export const greeting = 'hello';\n");
    const back = build();
    expect(back.sourceCodeHash).toBe(before.sourceCodeHash);
    // Size and time as recorded: the file is not read (the rule scripts/synth.cjs applies to its own bundle).
    utimesSync(greeting, 1_000, 1_000);
    const recorded = build();
    writeFileSync(greeting, "export const greeting = 'HELLO';\n");
    utimesSync(greeting, 1_000, 1_000);
    expect(build()).toEqual({ ...recorded, built: false });
    writeFileSync(greeting, "export const greeting = 'hello';\n");
  });

  it('prebuilds asynchronously into the same zip, which a later lookup in the process takes as is', async () => {
    const synchronously = build();
    forgetBundles();
    const otherCache = path.join(scratch, 'fixture-cache-async');
    const [prebuilt] = await prebuildFunctions(['encrypt'], { cacheDir: otherCache, sourceRoot });
    expect(prebuilt!.built).toBe(true);
    expect(prebuilt!.sourceCodeHash).toBe(synchronously.sourceCodeHash);
    rmSync(path.join(otherCache, 'encrypt.inputs.json')); // only the in-process memo can find it now
    expect(bundleFunction('encrypt', { cacheDir: otherCache, sourceRoot })).toEqual({ ...prebuilt, built: false });
  });
});

describe('the bundled functions, unzipped where there is no node_modules', () => {
  let kms: KmsStandIn;
  let connect: ConnectStandIn;
  let logs: LogsStandIn;
  let dir: string;
  const load = (fn: 'encrypt' | 'decrypt') => {
    const { name, data } = unzipOnly(readFileSync(bundleFunction(fn, { cacheDir: path.join(scratch, `${fn}-a`) }).zipPath));
    expect(name).toBe('index.js');
    writeFileSync(path.join(dir, `${fn}.js`), data);
  };
  // A fresh node in a folder with no node_modules: the bundles must carry everything they need.
  // Asynchronously: the stand-ins answer from this process's event loop.
  const runBundled = async (fn: 'encrypt' | 'decrypt', event: unknown) => {
    const context = { awsRequestId: 'r-1', invokedFunctionArn: `arn:aws:lambda:us-east-1:111122223333:function:secure-input-dev-${fn}` };
    const script = `require('./${fn}.js').handler(JSON.parse(process.argv[1]), ${JSON.stringify(context)}).then((r) => process.stdout.write('\\nRESULT ' + JSON.stringify(r)));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(event)], {
      cwd: dir, encoding: 'utf8',
      env: {
        PATH: process.env.PATH, NODE_PATH: '', AWS_ACCESS_KEY_ID: 't', AWS_SECRET_ACCESS_KEY: 't', AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_KMS: kms.url, AWS_ENDPOINT_URL_CONNECT: connect.url, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url,
        KEY_ARN: kms.keyArn, ENVIRONMENT_NAME: 'dev', CONNECT_INSTANCE_ID: connect.instanceId, AUDIT_LOG_GROUP: '/audit',
      },
    });
    return JSON.parse(stdout.split('\nRESULT ')[1]!);
  };

  beforeAll(async () => {
    [kms, connect, logs] = await Promise.all([startKmsStandIn(), startConnectStandIn(), startLogsStandIn(['/audit'])]);
    dir = mkdtempSync(path.join(tmpdir(), 'lambda-task-'));
  });
  afterAll(async () => {
    await Promise.all([kms.close(), connect.close(), logs.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('encrypt, and decrypt by contact through Connect, round-trip a card number over HTTP', async () => {
    load('encrypt');
    load('decrypt');
    const contactId = randomUUID();
    const captured = await runBundled('encrypt', lexEvent(CARD_NUMBER, { value: '4111111111111111', contactId }));
    expect(captured.sessionState.sessionAttributes[STATUS_ATTRIBUTE]).toBe(STATUS.captured);
    connect.contacts.set(contactId, { [CARD_NUMBER.contactAttribute]: captured.sessionState.sessionAttributes[CARD_NUMBER.sessionAttribute] });
    const decrypted = await runBundled('decrypt', { contactId, reason: 'bundle test', fields: ['card-number'], reveal: true });
    expect(decrypted).toEqual({ Status: 'OK', ContactId: contactId, Fields: { 'card-number': '4111111111111111' } });
    expect(kms.calls).toEqual({ GenerateDataKey: 1, Decrypt: 1 });
    expect(logs.messages('/audit').map((m) => JSON.parse(m).outcome)).toEqual(['ok']);
  });
});

describe('the utterance deleter bundle', () => {
  it('is at most 170 KB and, unzipped where there is no node_modules, calls DeleteUtterances over HTTP', async () => {
    const { startLexModelsStandIn } = await import('../stand-ins/lex-models-stand-in');
    const lex = await startLexModelsStandIn(['ABCDEF1234']);
    const dir = mkdtempSync(path.join(tmpdir(), 'lambda-task-'));
    try {
      const bundled = bundleFunction('delete-utterances', { cacheDir: path.join(scratch, 'delete-utterances') });
      expect(bundled.zipBytes).toBeLessThanOrEqual(170 * 1024);
      writeFileSync(path.join(dir, 'index.js'), unzipOnly(readFileSync(bundled.zipPath)).data);
      const script = `require('./index.js').handler({}).then((r) => process.stdout.write('\\nRESULT ' + JSON.stringify(r)));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
        cwd: dir, encoding: 'utf8',
        env: { PATH: process.env.PATH, NODE_PATH: '', AWS_ENDPOINT_URL_LEX_MODELS_V2: lex.url, AWS_ACCESS_KEY_ID: 't', AWS_SECRET_ACCESS_KEY: 't', AWS_REGION: 'us-east-1', BOT_ID: 'ABCDEF1234' },
      });
      expect(JSON.parse(stdout.split('\nRESULT ')[1]!)).toEqual({ outcome: 'deleted' });
      expect(lex.deleteCalls).toEqual([{ botId: 'ABCDEF1234', query: '' }]);
    } finally {
      await lex.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
