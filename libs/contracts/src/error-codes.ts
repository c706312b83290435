/**
 * Every error code the agent answers with (the `code` of an error body). The agent maps each to
 * one HTTP status (exhaustive switch in apps/agent/src/errors/error-code.ts); the OpenAPI document
 * lists them as the enum of the error body; the dashboard's and the CLI's catalogues are typed
 * with {@link ErrorCode}, so a code without a translation fails the type check.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  SetupRequired: 'SETUP_REQUIRED',
  AlreadySetUp: 'ALREADY_SET_UP',
  SetupCodeRequired: 'SETUP_CODE_REQUIRED',
  SetupCodeInvalid: 'SETUP_CODE_INVALID',
  LocalOnly: 'LOCAL_ONLY',
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  NotFound: 'NOT_FOUND',
  NotInCluster: 'NOT_IN_CLUSTER',
  AlreadyInCluster: 'ALREADY_IN_CLUSTER',
  InvitationDamaged: 'INVITATION_DAMAGED',
  InvitationExpired: 'INVITATION_EXPIRED',
  InvitationUsed: 'INVITATION_USED',
  InvitationRevoked: 'INVITATION_REVOKED',
  InvitationForged: 'INVITATION_FORGED',
  InvitationNotAccepted: 'INVITATION_NOT_ACCEPTED',
  InvitationNotFound: 'INVITATION_NOT_FOUND',
  MemberNotFound: 'MEMBER_NOT_FOUND',
  MemberConflict: 'MEMBER_CONFLICT',
  MeshNetworkFull: 'MESH_NETWORK_FULL',
  MeshPortInUse: 'MESH_PORT_IN_USE',
  MeshIpConflict: 'MESH_IP_CONFLICT',
  MeshToolsMissing: 'MESH_TOOLS_MISSING',
  MeshFailed: 'MESH_FAILED',
  RotationState: 'ROTATION_STATE',
  PeerUnreachable: 'PEER_UNREACHABLE',
  NoQuorum: 'NO_QUORUM',
  NotCommitted: 'NOT_COMMITTED',
  FenceAgentNotFound: 'FENCE_AGENT_NOT_FOUND',
  FenceDeviceNotFound: 'FENCE_DEVICE_NOT_FOUND',
  NoFenceDevice: 'NO_FENCE_DEVICE',
  FenceRefused: 'FENCE_REFUSED',
  FenceFailed: 'FENCE_FAILED',
  MemberTooOld: 'MEMBER_TOO_OLD',
  BadConfigDocument: 'BAD_CONFIG_DOCUMENT',
  Forbidden: 'FORBIDDEN',
  UserExists: 'USER_EXISTS',
  UserNotFound: 'USER_NOT_FOUND',
  ApiTokenNotFound: 'API_TOKEN_NOT_FOUND',
  TotpRequired: 'TOTP_REQUIRED',
  TotpInvalid: 'TOTP_INVALID',
  TotpAlreadyEnabled: 'TOTP_ALREADY_ENABLED',
  TotpNotEnabled: 'TOTP_NOT_ENABLED',
  TotpEnrolmentMissing: 'TOTP_ENROLMENT_MISSING',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  HttpError: 'HTTP_ERROR',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);
