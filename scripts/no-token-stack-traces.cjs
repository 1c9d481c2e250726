// Every cdktf token records where it was created: a full stack trace, formatted to text, per token
// (cdktf lib/tokens/private/stack-trace.js: Error.captureStackTrace on a plain `{ stack: "" }` object). It is
// read only in the message of a token that cannot be resolved, and costs about a seventh of synthesizing
// 30 environments (measured with the benchmark). The synth entry points skip exactly those captures, on
// plain objects whose stack is still empty, as the app skips construct stack traces (`stackTraces: false`);
// errors keep their stack traces.
const capture = Error.captureStackTrace;
Error.captureStackTrace = function captureUnlessTokenTrace(target, below) {
  if (target !== null && typeof target === 'object' && !(target instanceof Error) && target.stack === '') return;
  return capture.call(Error, target, below);
};
