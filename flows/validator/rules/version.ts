// AWS: "Currently the only supported version is 2019-10-30." (flow language example,
// https://docs.aws.amazon.com/connect/latest/adminguide/flow-language-example.html).
import { FLOW_VERSION } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

export const versionRule: FlowRule = {
  name: 'version',
  check: (flow) => (flow.Version === FLOW_VERSION ? [] : [problem('version', '(flow)', `Version must be ${FLOW_VERSION}`)]),
};
