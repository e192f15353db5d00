export { FailoverGroup } from './failover.js';
export { HaGroup, type EveryAnswer } from './every.js';
export {
  DEFAULT_REPLICA_OPTIONS,
  ReplicaSet,
  isNodeFault,
  type GroupOptions,
  type HedgeOptions,
  type ReplicaCall,
  type ReplicaOptions,
} from './replica-set.js';
