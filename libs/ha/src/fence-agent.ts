/** A fence agent's parameter, from its `-o metadata` (what the dashboard's form is built from). */
export interface FenceParameter {
  name: string;
  required: boolean;
  deprecated: boolean;
  type: 'string' | 'boolean' | 'integer' | 'second' | 'select';
  default: string | null;
  options: string[];
  description: string;
  /** A password or key: never returned by the API, masked in logs. */
  secret: boolean;
}

export interface FenceAgentMetadata {
  name: string;
  description: string;
  parameters: FenceParameter[];
  actions: string[];
}

/** Parameters sfha fills in itself for every call. */
export const SFHA_SUPPLIED_PARAMETERS = ['action', 'plug', 'port', 'nodename'] as const;
export const FENCE_AGENT_NAME = /^fence_[a-z0-9_]+$/;
const SECRET_NAME = /^(passw(or)?d|password_script|identity_file|snmp_priv_passwd|snmp_priv_passwd_script|api_key|token)$/;

const unescape = (text: string) =>
  text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? null : unescape(value);
};

/** Parses the XML a fence agent prints for `-o metadata`. Pure. */
export function parseFenceMetadata(xml: string): FenceAgentMetadata {
  const root = /<resource-agent\b[^>]*>/.exec(xml)?.[0];
  if (!root) throw new Error('not fence agent metadata (no <resource-agent>)');
  const parameters = [...xml.matchAll(/<parameter\b([^>]*)>([\s\S]*?)<\/parameter>/g)].map(([, head = '', body = '']) => {
    const content = /<content\b[^>]*\/?>/.exec(body)?.[0] ?? '';
    const name = attr(head, 'name') ?? '';
    return {
      name,
      required: attr(head, 'required') === '1',
      deprecated: attr(head, 'deprecated') === '1',
      type: (attr(content, 'type') ?? 'string') as FenceParameter['type'],
      default: attr(content, 'default'),
      options: [...body.matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((m) => unescape(m[1] ?? '')),
      description: unescape(/<shortdesc[^>]*>([\s\S]*?)<\/shortdesc>/.exec(body)?.[1]?.trim() ?? ''),
      secret: SECRET_NAME.test(name),
    };
  });
  return {
    name: attr(root, 'name') ?? '',
    description: attr(root, 'shortdesc') ?? '',
    parameters,
    actions: [...xml.matchAll(/<action\b[^>]*name="([^"]+)"/g)].map((m) => m[1] ?? ''),
  };
}

/** Every problem of a device's parameters against its agent's metadata. Pure. */
export function fenceParameterProblems(meta: FenceAgentMetadata, params: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const known = new Map(meta.parameters.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(params)) {
    const p = known.get(name);
    if (!p) problems.push(`${meta.name} has no parameter "${name}"`);
    else if ((SFHA_SUPPLIED_PARAMETERS as readonly string[]).includes(name)) problems.push(`"${name}" is set by sfha for each node, not on the device`);
    else if (/[\r\n]/.test(value)) problems.push(`${name} must be on one line`);
    else if (p.type === 'boolean' && !/^(0|1|true|false|on|off|yes|no)$/i.test(value)) problems.push(`${name} must be a boolean (1 or 0)`);
    else if ((p.type === 'integer' || p.type === 'second') && !/^\d+(\.\d+)?$/.test(value)) problems.push(`${name} must be a number`);
    else if (p.type === 'select' && p.options.length > 0 && !p.options.includes(value)) problems.push(`${name} must be one of ${p.options.join(', ')}`);
  }
  for (const p of meta.parameters) {
    if (p.required && !p.deprecated && !(SFHA_SUPPLIED_PARAMETERS as readonly string[]).includes(p.name) && params[p.name] === undefined) {
      // A required parameter may be given under the name it obsoletes (e.g. ipaddr for ip).
      problems.push(`${p.name} is required by ${meta.name}`);
    }
  }
  return problems;
}

/** The fence-agents stdin protocol: one `key=value` per line. Pure. */
export function renderFenceStdin(params: Readonly<Record<string, string>>, action: string, plug: string | null): string {
  const lines = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  lines.push(`action=${action}`);
  if (plug !== null) lines.push(`plug=${plug}`);
  return `${lines.join('\n')}\n`;
}
