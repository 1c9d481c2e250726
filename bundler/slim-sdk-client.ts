// AWS SDK clients generated for REST protocols (Connect is restJson1) describe every operation in one
// schemas module whose object literals use computed keys (`{ [_h]: ["GET", ...] }`, `_h = "http"`).
// esbuild cannot prove a computed key free of side effects, so it keeps every schema and every name
// string: @aws-sdk/client-connect 3.1136.0 put ~189 KB (57 KB zipped) into a bundle that calls one
// operation. JSON-protocol clients such as KMS have no such keys and shake down to what is used.
//
// The fix, at build time only: a copy of the client's dist-es under .build/ with each computed key that
// names a string constant of the same module written as that string literal (same object, same meaning),
// and the bundler's alias points the package at the copy. Nothing in node_modules changes.
// The alias also points at an entry that exports only the client and the commands the functions use:
// the package's index re-exports every command, and esbuild parses each module it re-exports before it
// shakes them out (about a second of every cold synth for Connect's ~400 commands on this machine).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Part of the copy's folder name: bump it when the transform changes, so old copies are not reused. */
const TRANSFORM_VERSION = 2;
const STRING_CONST = /^const (_[A-Za-z0-9]+) = ("[^"\\]*");$/gm;
const COMPUTED_KEY = /\[(_[A-Za-z0-9]+)\]:/g;

/** The module's text with `[_x]:` keys written as the string literal `_x` holds. */
export function literalSchemaKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, value] of source.matchAll(STRING_CONST)) constants.set(name!, value!);
  return source.replace(COMPUTED_KEY, (key, name: string) => (constants.has(name) ? `${constants.get(name)}:` : key));
}

/**
 * Path of an ESM entry, in the slimmed copy of an installed SDK client, that exports only `modules`
 * (paths under dist-es without extension, e.g. `ConnectClient`, `commands/GetContactAttributesCommand`).
 * The copy is made once per client version (written beside and renamed into place, so concurrent builds
 * never see half a copy); the entry once per module list.
 */
export function slimSdkClient(root: string, pkg: string, modules: readonly string[]): string {
  const source = path.join(root, 'node_modules', pkg);
  const { version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(root, '.build', 'slim-sdk', `${pkg.replace('/', '+')}@${version}-t${TRANSFORM_VERSION}`);
  if (!existsSync(target)) {
    const temp = `${target}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    cpSync(path.join(source, 'package.json'), path.join(temp, 'package.json'));
    cpSync(path.join(source, 'dist-es'), path.join(temp, 'dist-es'), { recursive: true });
    const schemas = path.join(temp, 'dist-es', 'schemas');
    for (const file of existsSync(schemas) ? readdirSync(schemas) : []) {
      const full = path.join(schemas, file);
      writeFileSync(full, literalSchemaKeys(readFileSync(full, 'utf8')));
    }
    try {
      renameSync(temp, target);
    } catch {
      rmSync(temp, { recursive: true, force: true }); // another build made it first
    }
  }
  const text = modules.map((m) => {
    if (!existsSync(path.join(target, 'dist-es', `${m}.js`))) throw new Error(`${pkg} has no dist-es/${m}.js`);
    return `export * from "./${m}.js";\n`;
  }).join('');
  const entry = path.join(target, 'dist-es', `slim-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.js`);
  if (!existsSync(entry)) {
    writeFileSync(`${entry}.${process.pid}.tmp`, text);
    renameSync(`${entry}.${process.pid}.tmp`, entry);
  }
  return entry;
}
