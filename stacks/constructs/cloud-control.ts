import { CloudcontrolapiResource, type CloudcontrolapiResourceConfig } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface CloudControlProps<T> {
  typeName: string;
  /** The typed CloudFormation properties; references inside are Terraform tokens in string values. */
  desiredState: T;
  lifecycle?: CloudcontrolapiResourceConfig['lifecycle'];
  dependsOn?: CloudcontrolapiResourceConfig['dependsOn'];
}

/** A CloudFormation-registry resource through Cloud Control, for what the AWS provider lacks. */
export class CloudControlResource<T> extends Construct {
  readonly resource: CloudcontrolapiResource;

  constructor(scope: Construct, id: string, props: CloudControlProps<T>) {
    super(scope, id);
    this.resource = new CloudcontrolapiResource(this, 'resource', {
      typeName: props.typeName,
      desiredState: JSON.stringify(props.desiredState),
      lifecycle: props.lifecycle,
      dependsOn: props.dependsOn,
    });
  }

  /** A property Cloud Control reports after create (Arn, Id, BotVersion ...). */
  output(property: string): string {
    return Fn.lookup(Fn.jsondecode(this.resource.properties), property, '') as string;
  }
}
