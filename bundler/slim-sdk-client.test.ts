import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleFunction } from './bundle-function';
import { literalSchemaKeys } from './slim-sdk-client';

describe('literalSchemaKeys', () => {
  it('writes computed keys that name a string constant of the module as that literal, and nothing else', () => {
    const source = [
      'const _h = "http";',
      'const _e = "error";',
      'export var Op$ = [9, n0, _GCA, { [_h]: ["GET", "/x", 200] }, () => In$];',
      'export var E$ = [-3, n0, _E, { [_e]: _c, [other]: 1 }, [_M], [0]];',
    ].join('\n');
    expect(literalSchemaKeys(source).split('\n').slice(2)).toEqual([
      'export var Op$ = [9, n0, _GCA, { "http": ["GET", "/x", 200] }, () => In$];',
      'export var E$ = [-3, n0, _E, { "error": _c, [other]: 1 }, [_M], [0]];',
    ]);
  });
});

describe('the Decrypt bundle', () => {
  // The zip's one entry, inflated (see deterministic-zip.ts: a single stored-or-deflated file).
  const zip = readFileSync(bundleFunction('decrypt').zipPath);
  const nameLength = zip.readUInt16LE(26);
  const js = inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + zip.readUInt32LE(18))).toString('utf8');

  it('carries the Connect operation it calls and none of the ~400 it does not', () => {
    expect(js).toContain('/contact/attributes/{InstanceId}/{InitialContactId}');
    for (const unused of ['AssociateAnalyticsDataSetRequest', 'StartOutboundVoiceContact', 'CreateEvaluationForm']) expect(js).not.toContain(unused);
  });
});
