import { settingsProblems, type ClusterConfig, type ConfigChange, type VersionedConfig } from '@sfha/ha';
import { z } from 'zod';

/**
 * The bodies agents send each other (docs/architecture.md, "Peer protocol"). Each schema is
 * checked once: by the server on a request, by the client on an answer. Domain rules that need
 * local state (a config change against the current config) stay with the service that applies them.
 */

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const WG_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw480]=$/;
const ENDPOINT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;

const nodeName = z.string().regex(NAME, 'must be a node name');
const generation = z.number().int().min(0);
const wgKey = z.string().regex(WG_KEY, 'must be a WireGuard key');

/** No body (GET routes, and POSTs that carry nothing). */
export const EmptyBody = z.object({}).strict();

export const MemberSchema = z.object({
  name: nodeName,
  meshIp: z.string().regex(IPV4, 'must be an IPv4 address'),
  publicKey: wgKey,
  pendingPublicKey: wgKey.nullable(),
  endpoint: z.string().regex(ENDPOINT, 'must be HOST:PORT').nullable(),
  keepalive: z.number().int().min(0).max(3600),
  joinedAt: z.string(),
  /** Absent: a full member (lists written before witnesses, and full members still, so their digest does not change). */
  role: z.literal('witness').optional(),
});
/** A member of the cluster's mesh, as replicated to every node. */
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z
  .object({ generation, members: z.array(MemberSchema) })
  .refine((list) => new Set(list.members.map((m) => m.name)).size === list.members.length, { message: 'member names must be unique', path: ['members'] });
/** The member list and its generation. */
export type MemberList = z.infer<typeof MemberListSchema>;

/**
 * The cluster config's envelope: settings checked by libs/ha's own rules, the other fields'
 * shape; fields added by newer agents pass through (a rolling upgrade must not break commits).
 */
const ClusterConfigSchema = z
  .looseObject({
    settings: z.looseObject({}).superRefine((settings, ctx) => {
      for (const problem of settingsProblems(settings)) ctx.addIssue({ code: 'custom', message: problem });
    }),
    fenceDevices: z.array(z.looseObject({ name: z.string() })).optional(),
    groups: z.array(z.looseObject({ name: z.string(), resources: z.array(z.looseObject({ kind: z.string(), name: z.string() })) })).optional(),
    assignments: z.record(z.string(), z.string().nullable()).optional(),
    moves: z.record(z.string(), z.string()).optional(),
    standby: z.array(z.string()).optional(),
    bans: z.record(z.string(), z.array(z.string())).optional(),
    maintenance: z.boolean().optional(),
    constraints: z.array(z.looseObject({ kind: z.string() })).optional(),
  })
  .transform((config) => config as unknown as ClusterConfig);

export const VersionedConfigSchema: z.ZodType<VersionedConfig> = z.object({ generation, config: ClusterConfigSchema });

/** A change on its way to the leader: its kind here, its content by libs/ha's changeProblems there. */
export const ConfigChangeSchema: z.ZodType<ConfigChange> = z
  .looseObject({ kind: z.string().regex(/^[a-z][a-z-]*$/, 'must be a change kind') })
  .transform((change) => change as unknown as ConfigChange);

export const CommitRequestSchema = z.object({ generation });
export const CommitAnswerSchema = z.object({ committed: generation });
export const PrepareAnswerSchema = z.object({ stored: z.literal(true) });
export const AdoptedAnswerSchema = z.object({ adopted: z.boolean() });

/** What a joiner sends through the bootstrap tunnel. */
export const RedeemRequestSchema = z.object({
  token: z.string().min(1).max(8192),
  publicKey: wgKey,
  endpoint: z.string().regex(ENDPOINT, 'must be HOST:PORT'),
  name: nodeName,
});
export type RedeemRequest = z.infer<typeof RedeemRequestSchema>;

/** What it gets back: everything to become a member. */
export const RedeemAnswerSchema = z.object({
  cluster: z.object({ clusterId: z.string(), name: z.string(), network: z.string(), secret: z.string().min(16) }),
  generation,
  members: z.array(MemberSchema),
  self: MemberSchema,
});
export type RedeemAnswer = z.infer<typeof RedeemAnswerSchema>;

export const FenceRecordSchema = z.object({
  id: z.number().int(),
  node: z.string(),
  action: z.string(),
  device: z.string(),
  requestedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  exitCode: z.number().int(),
  output: z.string(),
  durationMs: z.number(),
});

const ResourceHealthSchema = z.object({ status: z.enum(['unknown', 'healthy', 'unhealthy', 'not-checked']), detail: z.string(), restarts: z.number().int().min(0) });
/** What a node says it runs (group → resource → running) and how healthy each resource is. */
export const ResourceReportSchema = z.object({
  running: z.record(z.string(), z.record(z.string(), z.boolean())),
  health: z.record(z.string(), z.record(z.string(), ResourceHealthSchema)),
});

/** A timeline event as a member shares it (its origin is checked by the cluster timeline). */
export const EventRecordSchema = z.looseObject({ id: z.number().int(), at: z.string(), code: z.string(), origin: z.string(), params: z.unknown() });

export const AddressListSchema = z.array(z.string().regex(IPV4, 'must be an IPv4 address'));

/** A credential check one member tells the others about (rate limits and lockout, shared by the cluster). */
export const LoginSignalSchema = z.object({
  route: z.enum(['setup', 'login', 'local', 'password', 'totp']),
  outcome: z.enum(['failed', 'succeeded']),
  ip: z.string().min(1).max(64).nullable(),
  user: z.string().min(1).max(64).nullable(),
  at: z.number().int().min(0),
  totpStep: z.number().int().min(0).nullable(),
});

/** The body of a refusal, from any route. */
export const PeerErrorSchema = z.looseObject({ code: z.string().optional(), message: z.string().optional() });

/** One line naming every problem and where it is: "members[0].meshIp: must be an IPv4 address". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** One member's view of its WireGuard peers (the mesh map asks every member for it). */
export const LinkViewSchema = z.object({
  peers: z
    .array(
      z.object({
        name: z.string().min(1).max(63),
        connected: z.boolean(),
        handshakeAgeSeconds: z.number().int().min(0).nullable(),
        rttMs: z.number().min(0).nullable(),
      }),
    )
    .max(256),
});
export type LinkView = z.infer<typeof LinkViewSchema>;
