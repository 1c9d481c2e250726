import type { KmsKeyConfig } from '@cdktf/provider-aws/lib/kms-key';
import type { EnvironmentConfig } from '../../environments';

/** A symmetric key that rotates on the environment's period and waits its deletion window: every key this stack holds records with. */
export const rotatingKeySettings = (env: Pick<EnvironmentConfig, 'kms'>): Pick<KmsKeyConfig, 'keyUsage' | 'customerMasterKeySpec' | 'enableKeyRotation' | 'rotationPeriodInDays' | 'deletionWindowInDays'> => ({
  keyUsage: 'ENCRYPT_DECRYPT',
  customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
  enableKeyRotation: true,
  rotationPeriodInDays: env.kms.rotationPeriodInDays,
  deletionWindowInDays: env.kms.deletionWindowInDays,
});
