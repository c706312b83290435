import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../src/app/start-agent';
import type { AgentConfig } from '../src/config/agent-config';

export interface TestAgent {
  url: string;
  dataDir: string;
  /** Every log line the agent wrote. */
  logs: string[];
  /** Every route the HTTP server really has ("GET /api/v1/health"…, parameters as {name}), whatever registered it. */
  routes(): string[];
  request(method: string, path: string, init?: { token?: string; body?: unknown; rawBody?: string }): Promise<{ status: number; body: unknown; text: string; headers: Headers }>;
  close(): Promise<void>;
  /** Stops this agent and boots a new one on the same data directory (a restart): use the one returned. */
  restart(): Promise<TestAgent>;
}

/** Boots a real agent on a temporary SQLite file, on a free loopback port. */
export async function bootTestAgent(overrides: Partial<AgentConfig> = {}): Promise<TestAgent> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'sfha-agent-'));
  const logs: string[] = [];
  const config: AgentConfig = {
    dataDir,
    bindHost: '127.0.0.1',
    bindPort: 0,
    logLevel: 'debug',
    nodeName: 'test-node',
    tokenTtlSeconds: 3600,
    membershipPollMs: 1000,
    webDir: null,
    // Never the machine's /etc/hosts: a test agent keeps no member names unless a test asks.
    hostsFile: null,
    watchdogDevice: null,
    ...overrides,
  };
  const { app, url } = await startAgent(config, { writeLog: (line) => logs.push(line) });
  return {
    url,
    dataDir,
    logs,
    routes() {
      const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
      return express.router.stack
        .filter((layer) => layer.route)
        .flatMap((layer) =>
          Object.keys(layer.route?.methods ?? {})
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${(layer.route?.path ?? '').replace(/:(\w+)/g, '{$1}')}`),
        );
    },
    async request(method, path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.rawBody !== undefined || init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = init.rawBody ?? JSON.stringify(init.body);
      }
      const res = await fetch(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed, text, headers: res.headers };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await app.close();
      return bootTestAgent({ ...overrides, dataDir });
    },
  };
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

/** Completes the first run and returns an admin token. */
export async function setUpAdmin(agent: TestAgent): Promise<string> {
  const res = await agent.request('POST', '/api/v1/auth/setup', { body: { password: ADMIN_PASSWORD } });
  if (res.status !== 200) throw new Error(`setup failed: ${res.status} ${res.text}`);
  return (res.body as { accessToken: string }).accessToken;
}

/** A fresh agent with its admin set up: what most spec files start from. */
export async function bootWithAdmin(overrides: Partial<AgentConfig> = {}): Promise<{ agent: TestAgent; token: string }> {
  const agent = await bootTestAgent(overrides);
  return { agent, token: await setUpAdmin(agent) };
}

/** Creates a user (as the given admin) and returns a session token for it. */
export async function addUser(agent: TestAgent, adminToken: string, name: string, role: 'admin' | 'operator' | 'viewer', password = `${name} password 123`): Promise<string> {
  const created = await agent.request('POST', '/api/v1/users', { token: adminToken, body: { name, role, password } });
  if (created.status !== 200) throw new Error(`user ${name} not created: ${created.status} ${created.text}`);
  const login = await agent.request('POST', '/api/v1/auth/login', { body: { username: name, password } });
  if (login.status !== 200) throw new Error(`user ${name} cannot log in: ${login.status} ${login.text}`);
  return (login.body as { accessToken: string }).accessToken;
}
