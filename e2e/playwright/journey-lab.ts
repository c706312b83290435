import type { Browser, Page } from '@playwright/test';
import { machineUrl } from '../lab/lab-layout';
import { labOk } from '../lab/lab-runner';
import { LoginPage } from './pages/login.page';

/** What the journey's later steps (resources, fencing, events) need from its first half. */
export const PASSWORD = 'dashboard admin password';
export const CLUSTER = 'prod';
export type LabNode = 'node1' | 'node2' | 'node3';
export const NODES: readonly LabNode[] = ['node1', 'node2', 'node3'];

/** Host i's dashboard as this machine reaches it (the lab gateway on loopback). */
export function dashboardUrl(node: LabNode): string {
  return machineUrl(NODES.indexOf(node) + 1);
}

/** The one-time first-run code the host's agent printed. */
export function setupCode(node: LabNode): string {
  return labOk('setup-code', node).trim();
}

/** A fresh browser tab (French, laptop screen unless told) on a node's dashboard. */
export async function openDashboard(browser: Browser, node: LabNode, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: dashboardUrl(node), locale: 'fr-FR', viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  return context.newPage();
}

/** Opens a node's dashboard in a tab of its own and logs in: as admin with the journey's password unless told. */
export async function openLoggedIn(browser: Browser, node: LabNode, options: { viewport?: { width: number; height: number }; username?: string; password?: string } = {}): Promise<Page> {
  const page = await openDashboard(browser, node, options.viewport);
  const login = new LoginPage(page);
  await login.open();
  await login.logIn(options.password ?? PASSWORD, 'fr', options.username ?? '');
  await login.expectLoggedIn();
  return page;
}
