/** AWS::Connect::IntegrationAssociation, as this project writes it (all properties create-only). */
export interface IntegrationAssociationDesiredState {
  /** The instance ARN, not its id. */
  InstanceId: string;
  IntegrationType: 'LEX_BOT';
  /** The Lex V2 bot alias ARN. */
  IntegrationArn: string;
}
