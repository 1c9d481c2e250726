import { z } from 'zod';

// When the deploy workflow runs the smoke test (docs/operations.md, "Smoke test") after this environment's
// apply. Optional: without it, every environment not protected from destroy (dev, stage) is smoke-tested
// after each apply, and a protected one (prod) only when it says `smoke: { afterDeploy: true }`.
export const smokeSchema = z.strictObject({
  /** Run `npm run smoke` as the smoke role right after the apply. */
  afterDeploy: z.boolean(),
});

// Takes the two fields it reads rather than the whole config type, so this file does not import schema.ts,
// which imports it.
export const smokeAfterDeploy = (env: { smoke?: z.output<typeof smokeSchema> | undefined; protectFromDestroy: boolean }): boolean =>
  env.smoke?.afterDeploy ?? !env.protectFromDestroy;
