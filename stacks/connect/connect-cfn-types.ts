import integrationAssociationSchema from '../cloud-control-schemas/AWS_Connect_IntegrationAssociation.json';
import { cloudControlType } from '../constructs/cloud-control';

/** AWS::Connect::IntegrationAssociation, as this project writes it (all properties create-only). */
export interface IntegrationAssociationDesiredState {
  /** The instance ARN, not its id. */
  InstanceId: string;
  IntegrationType: 'LEX_BOT';
  /** The Lex V2 bot alias ARN. */
  IntegrationArn: string;
}

export const CONNECT_INTEGRATION_ASSOCIATION = cloudControlType<IntegrationAssociationDesiredState, 'InstanceId' | 'IntegrationType' | 'IntegrationArn'>(
  integrationAssociationSchema, ['InstanceId', 'IntegrationType', 'IntegrationArn'],
);
