export { decide } from './decide';
export { countsAsFenced, fenceCapabilities, fencePolicyOf } from './leader';
export { pendingRetired, stopEverythingHere } from './local';
export { actionOutcome, fenceOutcome, forgetBanRequest, localReport } from './outcomes';
export { SCHEDULER_POLICY } from './policy';
export { EMPTY_MEMORY, resourceKey } from './snapshot';
export type {
  Action,
  Decision,
  FailureCause,
  FenceCapability,
  FenceOrder,
  FenceRecord,
  LocalResourceState,
  MemberState,
  MembershipView,
  Memory,
  NodeReport,
  ProbeResult,
  ResourceHealth,
  SchedulerEvent,
  Snapshot,
  StopReason,
  Wants,
} from './snapshot';
export { explainGroup } from './explain';
export type { Explanation } from './explain';
export { simulate, SimulationError } from './simulate';
export type { SimulatedEvent, SimulatedStep, SimulationInput, Timings } from './simulate';
export { parseScenario, ScenarioError } from './scenario';
export type { Scenario } from './scenario';
export { replay, summarize } from './replay';
export type { StepResult } from './replay';
