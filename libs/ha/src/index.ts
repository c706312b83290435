export { electLeader } from './election';
export { isMemberRole, MEMBER_ROLES, memberRoleProblem, witnessPlacementProblem } from './witness';
export type { MemberRole } from './witness';
export type { ElectionCandidate } from './election';
export { COROSYNC_DEFAULTS, renderCorosyncConf } from './corosync-config';
export type { CorosyncNode, CorosyncSettings } from './corosync-config';
export { cmapChangedKey, NOT_RUNNING, parseQuorumStatus, wrongCorosyncIdentity } from './quorum-status';
export type { QuorumStatus } from './quorum-status';
export { createCorosyncDriver, DEFAULT_COROSYNC_PATHS } from './driver/corosync.driver';
export type { CorosyncDriver, CorosyncPaths, CorosyncWatch } from './driver/corosync.driver';
export {
  adoption,
  applyChange,
  applySettings,
  changeProblems,
  DEFAULT_CLUSTER_CONFIG,
  highestCommitted,
  majority,
  replacedConfig,
  settingsProblems,
  SHUTDOWN_POLICIES,
  withDefaults,
} from './cluster-config';
export type { AgentFenceDevice, ClusterConfig, ClusterSettings, ConfigChange, FenceDevice, ShutdownPolicy, VersionedConfig, WebhookFenceDevice } from './cluster-config';
export { FENCE_AGENT_NAME, fenceParameterProblems, parseFenceMetadata, renderFenceStdin, SFHA_SUPPLIED_PARAMETERS } from './fence-agent';
export type { FenceAgentMetadata, FenceParameter } from './fence-agent';
export { decideFence, DEFAULT_FENCE_POLICY } from './fence-policy';
export type { FenceDecision, FencePolicy, FenceRequest } from './fence-policy';
export { createFenceAgentDriver, FenceAgentNotFound } from './driver/fence-agent.driver';
export type { FenceAgentDriver, FenceRun } from './driver/fence-agent.driver';
export { FENCE_ACTIONS, interpretWebhookAnswer, isFenceAction, maskedWebhookUrl, unmaskedWebhookUrl, webhookProblems, webhookUrlSecrets } from './fence-webhook';
export { SECRET_MASK, unmaskedValues } from './fence-secrets';
export type { FenceAction, WebhookRequest, WebhookTarget } from './fence-webhook';
export { createFenceWebhookDriver } from './driver/fence-webhook.driver';
export type { FenceWebhookDriver } from './driver/fence-webhook.driver';
export { groupProblems } from './resources';
export type { ProcessResource, Resource, ResourceGroup, VipResource } from './resources';
export { placeGroups, withHandover } from './placement';
export type { PlacementDecision, PlacementInput } from './placement';
export { anchorOf, constrainedGroups, constraintId, constraintProblems, constraintsNaming, groupUp, startBlockers, startOrder } from './constraints';
export type { AntiColocationConstraint, ColocationConstraint, Constraint, OrderConstraint } from './constraints';
export { localAction, runLocalGroup } from './local-plan';
export type { LocalAction, LocalGroup, LocalOps, Observed } from './local-plan';
export { mergeRetired, retiredKey, retiredResources } from './retired-resources';
export { isMeshVip, meshVipAddress, meshVipProblems, meshVipRoutes } from './mesh-vip';
export type { MeshAddressing } from './mesh-vip';
export { createResourceDriver, DEFAULT_RESOURCE_PATHS, pidAlive } from './driver/resource.driver';
export type { ResourceDriver, ResourceDriverPaths } from './driver/resource.driver';
export { enabledUnitProblem, parseUnitState, systemctlArgs, unitHealth, unitNameProblem, unitRunning } from './systemd-unit';
export type { SystemdFailure, SystemdResource, UnitState } from './systemd-unit';
export { createSystemdDriver, SystemdUnitError } from './driver/systemd.driver';
export type { SystemdDriver } from './driver/systemd.driver';
export { DEFAULT_RESTART_POLICY, healthCheckProblems, INITIAL_HEALTH, mayRestart, observeHealth } from './health';
export type { HealthCheck, HealthState, HealthStatus, RestartPolicy } from './health';
export { createHealthProbe } from './driver/health-check.driver';
export type { HealthProbe } from './driver/health-check.driver';
export { armDecision, DEFAULT_WATCHDOG_TIMEOUT_MS, petDecision, petIntervalMs, WATCHDOG_TIMEOUT_BOUNDS_MS, watchdogTimeoutProblem } from './watchdog';
export type { ArmDecision, ArmInput, PetDecision, PetInput, WatchdogAdvert } from './watchdog';
export { fenceLevelProblems, fenceSteps, nextFenceStep, unfenceableReason, watchdogFence } from './fence-levels';
export type { FenceLevels, FenceNext, FenceStep, WatchdogFence } from './fence-levels';
export { BASE_PROTOCOL, changeProtocol, CONFIG_PROTOCOL, mixedVersions, protocolRefusal } from './config-protocol';
export type { AnnouncedVersion } from './config-protocol';
export { CONFIG_DOCUMENT_FORMAT, CONFIG_DOCUMENT_VERSION, configDiff, documentProblems, parseConfigDocument, PORTABLE_FIELDS, portableConfig, unmaskedConfig } from './config-document';
export type { ConfigDocument, PortableConfig } from './config-document';
export {
  applyIdentityChange,
  identityProblems,
  IDENTITY_CHANGE_KINDS,
  isIdentityChange,
  isRole,
  RECOVERY_CODE_COUNT,
  ROLES,
  roleAtLeast,
  roleRank,
  TOKEN_ID,
  USER_NAME,
  withoutIdentity,
} from './identity';
export type { ApiTokenRecord, ClusterUser, Identity, IdentityChange, Role, UserTotp } from './identity';
export {
  maskedNotifyTarget,
  notifyTargetProblems,
  notifyTargetSecrets,
  NOTIFY_KINDS,
  NOTIFY_LANGUAGES,
  NOTIFY_LEVELS,
  NOTIFY_SECRET_FIELDS,
  NOTIFY_TARGET_NAME,
  SMTP_TLS_MODES,
  targetWants,
  unmaskedNotifyTarget,
} from './notify-targets';
export type {
  EmailNotifyTarget,
  GotifyNotifyTarget,
  NotifyKind,
  NotifyLanguage,
  NotifyLevel,
  NotifyTarget,
  NtfyNotifyTarget,
  ScriptNotifyTarget,
  SmtpTlsMode,
  WebhookNotifyTarget,
} from './notify-targets';
export * from './scheduler';
export { managementAddressProblems, managementStep, vipTakesManagementAddress } from './management-address';
export type { ManagementAddress, ManagementInput, ManagementStep } from './management-address';
export { shutdownStep } from './shutdown-step';
export type { ShutdownFacts, ShutdownStep } from './shutdown-step';
