// Decrypt's one time budget. The stack sets the function's timeout from DECRYPT_TIMEOUT_SECONDS
// (stacks/constructs/secure-input-functions.ts) and the handler splits what is left of it
// (functions/decrypt/deadline.ts): every AWS call of a request shares one deadline, the audit write
// has its own share after it, and a last share is left to return the answer before Lambda stops the
// function. So a request either answers with a stored audit record, or is refused in time with a
// `timed-out` record: Lambda never cuts it between the record and the answer.
export const DECRYPT_TIMEOUT_SECONDS = 10;

/** Share of the budget kept for the audit write: CreateLogStream and PutLogEvents, again after a lost stream. */
export const AUDIT_SHARE = 0.3;
/** Share kept after the audit write to serialise and return the answer. */
export const RETURN_SHARE = 0.05;
