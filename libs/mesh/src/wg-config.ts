/** Renders a wg-quick configuration, for export and debugging (sfha itself drives `wg set`). */
export interface WgQuickConfig {
  privateKey: string;
  address: string;
  listenPort: number;
  mtu: number;
  peers: { name: string; publicKey: string; endpoint: string | null; allowedIps: string[]; keepalive: number }[];
}

export function renderWgQuickConfig(config: WgQuickConfig): string {
  const lines = ['[Interface]', `PrivateKey = ${config.privateKey}`, `Address = ${config.address}`, `ListenPort = ${config.listenPort}`, `MTU = ${config.mtu}`];
  for (const peer of config.peers) {
    lines.push('', `# ${peer.name}`, '[Peer]', `PublicKey = ${peer.publicKey}`, `AllowedIPs = ${peer.allowedIps.join(', ')}`);
    if (peer.endpoint) lines.push(`Endpoint = ${peer.endpoint}`);
    if (peer.keepalive > 0) lines.push(`PersistentKeepalive = ${peer.keepalive}`);
  }
  return `${lines.join('\n')}\n`;
}
