// The contract between the capture module and the flow that invokes it (docs/dialog.md, "The module").
// Data crosses a module's boundary only as contact attributes ("To pass any data to a module, or to get any
// data from a module, you need to pass and retrieve attributes", Connect admin guide, Flow modules), so
// the module's answer and the caller's one input are contact attributes, named here for both sides.

/** The contact attribute the module sets on every path before it returns, and the caller branches on. */
export const RESULT_ATTRIBUTE = 'secure_input_result';

/**
 * `captured`: every field is stored; `failed`: anything else (wrong values, a failure, an error of the
 * module's own blocks; also the value the module sets first, so a path that cannot set another answers
 * this); `no-input`: a field's retries ran out and the last attempt was silence.
 */
export const RESULT = { captured: 'captured', failed: 'failed', noInput: 'no-input' } as const;
export type CaptureResult = (typeof RESULT)[keyof typeof RESULT];

/**
 * The caller's flow-logging behaviour, which Connect gives a module no way to read: the caller sets this
 * contact attribute to `Disabled` before invoking the module when its own logging is off; absent, or any
 * other value, means `Enabled` (an instance's flows log unless told otherwise).
 */
export const CALLER_LOGGING_ATTRIBUTE = 'secure_input_caller_logging';
export const CALLER_LOGGING = { enabled: 'Enabled', disabled: 'Disabled' } as const;
