/** Small factories for quiz tests: one valid question of each type, overridable. */
import type {
  HotspotQuestion,
  MultiSelectQuestion,
  NumericQuestion,
  OrderingQuestion,
  Question,
  SingleChoiceQuestion,
  TrueFalseQuestion,
} from '../src/question.types.js';

export const newSingle = (over: Partial<SingleChoiceQuestion> = {}): SingleChoiceQuestion => ({
  id: 'q-single',
  type: 'single',
  prompt: 'At which step does Pod B process the request?',
  options: [
    { id: 'a', text: 'Step 5' },
    { id: 'b', text: 'Step 1' },
    { id: 'c', text: 'Step 3' },
    { id: 'd', text: 'Step 7' },
  ],
  answer: 'c',
  points: 1000,
  timeLimitSec: 30,
  explanation: 'The Result column shows Pod B processing the request at step 3.',
  concept: 'request lifecycle',
  misconceptions: { b: 'Step 1 is Pod A sending the request.' },
  stepRef: 3,
  ...over,
});

export const newMulti = (over: Partial<MultiSelectQuestion> = {}): MultiSelectQuestion => ({
  id: 'q-multi',
  type: 'multi',
  prompt: 'Which components rewrite the destination of a packet sent to a ClusterIP?',
  options: [
    { id: 'kp', text: 'kube-proxy (iptables DNAT)' },
    { id: 'ct', text: 'conntrack (reverse NAT on reply)' },
    { id: 'br', text: 'bridge cni0' },
    { id: 'dns', text: 'CoreDNS' },
  ],
  answer: ['kp', 'ct'],
  points: 1000,
  timeLimitSec: 30,
  ...over,
});

export const newTrueFalse = (over: Partial<TrueFalseQuestion> = {}): TrueFalseQuestion => ({
  id: 'q-tf',
  type: 'true-false',
  prompt: 'A bare pod name resolves through cluster DNS.',
  answer: false,
  points: 1000,
  timeLimitSec: 20,
  misconceptions: { true: 'Only Services and a-b-c-d.<ns>.pod names get DNS records.' },
  ...over,
});

export const newNumeric = (over: Partial<NumericQuestion> = {}): NumericQuestion => ({
  id: 'q-num',
  type: 'numeric',
  prompt: 'What TTL does the reply from a pod on the same node carry?',
  answer: 64,
  tolerance: 0,
  points: 1000,
  timeLimitSec: 30,
  ...over,
});

export const newOrdering = (over: Partial<OrderingQuestion> = {}): OrderingQuestion => ({
  id: 'q-order',
  type: 'ordering',
  prompt: 'Order the hops of the request.',
  options: [
    { id: 'pod', text: 'pod-a eth0' },
    { id: 'veth', text: 'veth pair' },
    { id: 'bridge', text: 'bridge cni0' },
    { id: 'dnat', text: 'kube-proxy DNAT' },
    { id: 'dest', text: 'pod-b eth0' },
  ],
  answer: ['pod', 'veth', 'bridge', 'dnat', 'dest'],
  points: 1000,
  timeLimitSec: 60,
  ...over,
});

export const newHotspot = (over: Partial<HotspotQuestion> = {}): HotspotQuestion => ({
  id: 'q-hot',
  type: 'hotspot',
  prompt: 'Click the component that dropped the packet.',
  options: [
    { id: 'node-1/cni0', text: 'bridge cni0 on node-1' },
    { id: 'node-1/kube-proxy', text: 'kube-proxy on node-1' },
    { id: 'netpol/deny-all', text: 'NetworkPolicy deny-all' },
  ],
  answer: 'netpol/deny-all',
  points: 2000,
  timeLimitSec: 30,
  ...over,
});

/** One question of each type. */
export const oneOfEach = (): Question[] => [
  newSingle(),
  newMulti(),
  newTrueFalse(),
  newNumeric(),
  newOrdering(),
  newHotspot(),
];
