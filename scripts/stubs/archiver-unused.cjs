// cdktf loads archiver to zip directory assets (lib/private/fs.js); this app's only assets are files (the
// function zips, stacks/constructs/bundled-code.ts), so the synth bundle carries this stub instead: loading
// archiver and its dependencies cost about a tenth of a synth (measured). A directory asset fails loudly.
module.exports = function archiverUnused() {
  throw new Error('archiver is not bundled: this app has file assets only (scripts/synth.cjs, scripts/stubs/archiver-unused.cjs)');
};
