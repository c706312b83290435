import { z } from 'zod';
import {
  AddressListSchema,
  AdoptedAnswerSchema,
  CommitAnswerSchema,
  CommitRequestSchema,
  ConfigChangeSchema,
  EmptyBody,
  EventRecordSchema,
  FenceRecordSchema,
  LinkViewSchema,
  LoginSignalSchema,
  MemberListSchema,
  PrepareAnswerSchema,
  RedeemAnswerSchema,
  RedeemRequestSchema,
  ResourceReportSchema,
  VersionedConfigSchema,
} from './peer-schemas';

/**
 * How a route proves its caller: `cluster`, signed with the cluster secret by a member calling
 * from its own mesh address; `invitation`, a joiner that holds an invitation (checked by the
 * route itself) calling through the invitation's bootstrap tunnel; `open`, anyone on the mesh
 * (the clock: a skewed clock is what makes signatures fail, so it cannot need one).
 */
export type PeerAuth = 'cluster' | 'invitation' | 'open';

/** What the server and the client need of a schema (read-only: routes stay covariant in their bodies). */
export interface PeerSchema<T> {
  safeParse(value: unknown): z.ZodSafeParseResult<T>;
}

export interface PeerRoute<Req = unknown, Ans = unknown> {
  method: 'GET' | 'PUT' | 'POST';
  path: `/peer/v1/${string}`;
  auth: PeerAuth;
  request: PeerSchema<Req>;
  answer: PeerSchema<Ans>;
}

export type RequestOf<R> = R extends PeerRoute<infer Req, unknown> ? Req : never;
export type AnswerOf<R> = R extends PeerRoute<unknown, infer Ans> ? Ans : never;

const route = <Req, Ans>(r: { method: PeerRoute['method']; path: PeerRoute['path']; auth: PeerAuth; request: z.ZodType<Req>; answer: z.ZodType<Ans> }): PeerRoute<Req, Ans> => r;

/**
 * Every agent-to-agent route: the only place a `/peer/v1/…` path is written. The server refuses
 * a request body that does not match `request` (400, naming the field), the client an answer that
 * does not match `answer`; a route added here is covered by peer-routes.spec.ts automatically.
 */
export const PEER_ROUTES = {
  /** The member list, pushed by the member that changed it. */
  pushMembers: route({ method: 'PUT', path: '/peer/v1/members', auth: 'cluster', request: MemberListSchema, answer: AdoptedAnswerSchema }),
  /** The member list, pulled every 15 s (a member that was down catches up). */
  members: route({ method: 'GET', path: '/peer/v1/members', auth: 'cluster', request: EmptyBody, answer: MemberListSchema }),
  /** The committed cluster config. */
  config: route({ method: 'GET', path: '/peer/v1/config', auth: 'cluster', request: EmptyBody, answer: VersionedConfigSchema }),
  /** Phase one of a commit: store the next generation, not applied yet. */
  prepareConfig: route({ method: 'PUT', path: '/peer/v1/config/prepare', auth: 'cluster', request: VersionedConfigSchema, answer: PrepareAnswerSchema }),
  /** Phase two: apply the stored generation. */
  commitConfig: route({ method: 'POST', path: '/peer/v1/config/commit', auth: 'cluster', request: CommitRequestSchema, answer: CommitAnswerSchema }),
  /** A change sent to the leader, answered with the committed config. */
  proposeConfig: route({ method: 'POST', path: '/peer/v1/config/propose', auth: 'cluster', request: ConfigChangeSchema, answer: VersionedConfigSchema }),
  /** A joiner trades its invitation for membership (docs/design.md §2). */
  redeemInvitation: route({ method: 'POST', path: '/peer/v1/join/redeem', auth: 'invitation', request: RedeemRequestSchema, answer: RedeemAnswerSchema }),
  /** The fences this node ran, newest first. */
  fenceHistory: route({ method: 'GET', path: '/peer/v1/fencing/history', auth: 'cluster', request: EmptyBody, answer: z.array(FenceRecordSchema) }),
  /** Mesh addresses promised to this node's pending invitations. */
  invitedAddresses: route({ method: 'GET', path: '/peer/v1/mesh/invitations/pending-addresses', auth: 'cluster', request: EmptyBody, answer: AddressListSchema }),
  /** The newest events of this node's timeline (the cluster timeline merges every member's). */
  events: route({ method: 'GET', path: '/peer/v1/events', auth: 'cluster', request: EmptyBody, answer: z.array(EventRecordSchema) }),
  /** The sfha version and config protocol this node runs (mixed versions during an upgrade). */
  version: route({ method: 'GET', path: '/peer/v1/version', auth: 'cluster', request: EmptyBody, answer: z.object({ version: z.string().max(64), protocol: z.number().int().min(1) }) }),
  /** When each API token was last used on this node. */
  tokenUses: route({
    method: 'GET',
    path: '/peer/v1/api-tokens/use',
    auth: 'cluster',
    request: EmptyBody,
    answer: z.array(z.object({ tokenId: z.string(), lastUsedAt: z.string(), lastIp: z.string() })),
  }),
  /** A failed or successful credential check on this node: every member counts it (lockout shared by the cluster). */
  loginSignal: route({ method: 'POST', path: '/peer/v1/auth/login-signal', auth: 'cluster', request: LoginSignalSchema, answer: z.object({ applied: z.literal(true) }) }),
  /** This node's clock (sfha doctor measures the offset). */
  time: route({ method: 'GET', path: '/peer/v1/time', auth: 'open', request: EmptyBody, answer: z.object({ now: z.number() }) }),
  /** What this node runs and how healthy it is. */
  resourceState: route({ method: 'GET', path: '/peer/v1/resources/state', auth: 'cluster', request: EmptyBody, answer: ResourceReportSchema }),
  /** This node's view of its WireGuard peers: connected, handshake age, round trip (the mesh map). */
  linkView: route({ method: 'GET', path: '/peer/v1/mesh/links', auth: 'cluster', request: EmptyBody, answer: LinkViewSchema }),
} as const;

export type PeerRouteName = keyof typeof PEER_ROUTES;
