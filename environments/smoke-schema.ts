import { z } from 'zod';
import type { EnvironmentConfig } from './schema';

// When the deploy workflow runs the smoke test (docs/operations.md, "Smoke test") after this environment's
// apply. Optional: without it, every environment not protected from destroy (dev, stage) is smoke-tested
// after each apply, and a protected one (prod) only when it says `smoke: { afterDeploy: true }`.
export const smokeSchema = z.strictObject({
  /** Run `npm run smoke` as the smoke role right after the apply. */
  afterDeploy: z.boolean(),
});

export const smokeAfterDeploy = (env: Pick<EnvironmentConfig, 'smoke' | 'protectFromDestroy'>): boolean =>
  env.smoke?.afterDeploy ?? !env.protectFromDestroy;
