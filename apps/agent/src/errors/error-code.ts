import type { ErrorCode as ContractErrorCode } from '@sfha/contracts';

/**
 * Every error the agent reports. The list lives in libs/contracts (the dashboard's and the CLI's
 * catalogues are typed with it); this enum must hold exactly the same codes (checked below, at
 * compile time: the agent does not load the contracts library at run time). Each maps to one HTTP
 * status in {@link httpStatusFor}.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  SetupRequired = 'SETUP_REQUIRED',
  AlreadySetUp = 'ALREADY_SET_UP',
  SetupCodeRequired = 'SETUP_CODE_REQUIRED',
  SetupCodeInvalid = 'SETUP_CODE_INVALID',
  LocalOnly = 'LOCAL_ONLY',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  NotFound = 'NOT_FOUND',
  NotInCluster = 'NOT_IN_CLUSTER',
  AlreadyInCluster = 'ALREADY_IN_CLUSTER',
  InvitationDamaged = 'INVITATION_DAMAGED',
  InvitationExpired = 'INVITATION_EXPIRED',
  InvitationUsed = 'INVITATION_USED',
  InvitationRevoked = 'INVITATION_REVOKED',
  InvitationForged = 'INVITATION_FORGED',
  InvitationNotAccepted = 'INVITATION_NOT_ACCEPTED',
  InvitationNotFound = 'INVITATION_NOT_FOUND',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  MemberConflict = 'MEMBER_CONFLICT',
  MeshNetworkFull = 'MESH_NETWORK_FULL',
  MeshPortInUse = 'MESH_PORT_IN_USE',
  MeshIpConflict = 'MESH_IP_CONFLICT',
  MeshToolsMissing = 'MESH_TOOLS_MISSING',
  MeshFailed = 'MESH_FAILED',
  RotationState = 'ROTATION_STATE',
  PeerUnreachable = 'PEER_UNREACHABLE',
  NoQuorum = 'NO_QUORUM',
  NotCommitted = 'NOT_COMMITTED',
  FenceAgentNotFound = 'FENCE_AGENT_NOT_FOUND',
  FenceDeviceNotFound = 'FENCE_DEVICE_NOT_FOUND',
  NoFenceDevice = 'NO_FENCE_DEVICE',
  FenceRefused = 'FENCE_REFUSED',
  FenceFailed = 'FENCE_FAILED',
  MemberTooOld = 'MEMBER_TOO_OLD',
  BadConfigDocument = 'BAD_CONFIG_DOCUMENT',
  Forbidden = 'FORBIDDEN',
  UserExists = 'USER_EXISTS',
  UserNotFound = 'USER_NOT_FOUND',
  ApiTokenNotFound = 'API_TOKEN_NOT_FOUND',
  TotpRequired = 'TOTP_REQUIRED',
  TotpInvalid = 'TOTP_INVALID',
  TotpAlreadyEnabled = 'TOTP_ALREADY_ENABLED',
  TotpNotEnabled = 'TOTP_NOT_ENABLED',
  TotpEnrolmentMissing = 'TOTP_ENROLMENT_MISSING',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  HttpError = 'HTTP_ERROR',
  Internal = 'INTERNAL',
}

/** Fails to compile when a code is in the contracts and not here, or the other way round. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsContracts: Same<`${ErrorCode}`, ContractErrorCode> = true;
void sameAsContracts;

/** Exhaustive: adding a code without a status fails to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.InvitationDamaged:
    case ErrorCode.BadConfigDocument:
      return 400;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.HttpError:
    case ErrorCode.Internal:
      return 500;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.TotpRequired:
    case ErrorCode.TotpInvalid:
      return 401;
    case ErrorCode.InvitationForged:
    case ErrorCode.SetupCodeRequired:
    case ErrorCode.SetupCodeInvalid:
    case ErrorCode.LocalOnly:
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.InvitationNotFound:
    case ErrorCode.MemberNotFound:
    case ErrorCode.FenceAgentNotFound:
    case ErrorCode.FenceDeviceNotFound:
    case ErrorCode.UserNotFound:
    case ErrorCode.ApiTokenNotFound:
      return 404;
    case ErrorCode.InvitationExpired:
    case ErrorCode.InvitationRevoked:
      return 410;
    case ErrorCode.SetupRequired:
    case ErrorCode.AlreadySetUp:
    case ErrorCode.NotInCluster:
    case ErrorCode.AlreadyInCluster:
    case ErrorCode.InvitationUsed:
    case ErrorCode.InvitationNotAccepted:
    case ErrorCode.MemberConflict:
    case ErrorCode.MeshNetworkFull:
    case ErrorCode.MeshPortInUse:
    case ErrorCode.MeshIpConflict:
    case ErrorCode.RotationState:
    case ErrorCode.NoQuorum:
    case ErrorCode.NoFenceDevice:
    case ErrorCode.MemberTooOld:
    case ErrorCode.UserExists:
    case ErrorCode.TotpAlreadyEnabled:
    case ErrorCode.TotpNotEnabled:
    case ErrorCode.TotpEnrolmentMissing:
      return 409;
    case ErrorCode.TooManyAttempts:
    case ErrorCode.FenceRefused:
      return 429;
    case ErrorCode.FenceFailed:
      return 502;
    case ErrorCode.PeerUnreachable:
      return 502;
    // Not bad input: the host lacks something or a command failed; said plainly, never a bare 500.
    case ErrorCode.MeshToolsMissing:
    case ErrorCode.MeshFailed:
    case ErrorCode.NotCommitted:
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}
