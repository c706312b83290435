import { expect, test, type Page } from '@playwright/test';
import { renderEvent } from '@sfha/contracts';
import { generateSync } from 'otplib';
import { LAB_BIN_DIR, LAB_MANAGEMENT_ADDRESS, machineManagementUrl, machineVipUrl } from '../lab/lab-layout';
import { labOk, sfhaJson } from '../lab/lab-runner';
import { CLUSTER, NODES, openDashboard, openLoggedIn, PASSWORD, setupCode, type LabNode } from './journey-lab';
import { ClusterSetupPage } from './pages/cluster-setup.page';
import { EventsPage } from './pages/events.page';
import { FencingPage } from './pages/fencing.page';
import { FirstRunPage } from './pages/first-run.page';
import { InvitationsPage } from './pages/invitations.page';
import { LoginPage } from './pages/login.page';
import { MeshPage } from './pages/mesh.page';
import { openFromNav } from './pages/nav';
import { OverviewPage } from './pages/overview.page';
import { ResourcesPage } from './pages/resources.page';
import { UsersPage } from './pages/users.page';
import { decodeQrPng } from './qr';
import { screenshot } from './screenshots';

// One admin's journey over the 3-host lab (fresh hosts, see lab-setup.ts), step after step.
test.describe.configure({ mode: 'serial' });

/** The admin's open tab on each node's own dashboard, kept from step to step. */
const tabs: Partial<Record<LabNode, Page>> = {};
const tab = (node: LabNode): Page => {
  const page = tabs[node];
  if (!page) throw new Error(`no tab open on ${node}: an earlier step failed`);
  return page;
};
const links = { node2: '', node3: '', expired: '' };

/** First run on a fresh node: the password, with the setup code the agent printed; then the cluster step. */
async function firstRun(page: Page, node: LabNode): Promise<ClusterSetupPage> {
  const firstRunPage = new FirstRunPage(page);
  await firstRunPage.open();
  await firstRunPage.fill(PASSWORD, PASSWORD, setupCode(node));
  const setup = new ClusterSetupPage(page);
  await setup.expectShown();
  return setup;
}

test('node1 first run: the setup code is asked for, bad input is explained, the password is set', async ({ browser }, testInfo) => {
  const page = (tabs.node1 = await openDashboard(browser, 'node1'));
  const firstRunPage = new FirstRunPage(page);
  await firstRunPage.open();
  // The browser is not on node1's machine: the setup code is asked for.
  await expect(firstRunPage.setupCode).toBeVisible();
  await screenshot(page, testInfo, '01-first-run');

  await firstRunPage.fill('short', 'short', '');
  await expect(page.getByText('Le mot de passe doit faire au moins 12 caractères.')).toBeVisible();
  await expect(firstRunPage.password).toHaveAttribute('aria-invalid', 'true');
  await firstRunPage.fill(PASSWORD, `${PASSWORD}!`, '');
  await expect(page.getByText('Les deux mots de passe diffèrent.')).toBeVisible();
  await firstRunPage.fill(PASSWORD, PASSWORD, 'AAAA-BBBB-CCCC');
  await expect(firstRunPage.alert).toHaveText('Code de configuration incorrect : reprenez celui du journal de l’agent.');
  await screenshot(page, testInfo, '02-first-run-wrong-code');

  await firstRunPage.fill(PASSWORD, PASSWORD, setupCode('node1'));
  await new ClusterSetupPage(page).expectShown();
  await screenshot(page, testInfo, '03-cluster-setup');
});

test('node1 creates the cluster from its dashboard', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(90_000);
  const page = tab('node1');
  const setup = new ClusterSetupPage(page);
  await setup.createCluster('Prod!', '192.0.2.1:51820');
  await expect(page.getByText('Le nom doit faire 1 à 63 caractères : lettres minuscules, chiffres ou tirets, sans tiret au début ni à la fin.')).toBeVisible();
  await setup.createCluster(CLUSTER, '192.0.2.1:51820');

  const overview = new OverviewPage(page);
  await overview.expectNode('node1');
  await overview.expectQuorate('node1');
  await overview.expectMembersOnline(['node1']);
  // No fence device and no watchdog yet: the overview says what that means for node1.
  await expect(overview.alerts).toContainText('Le nœud node1 n’a ni équipement de fencing ni watchdog armé : s’il tombe, ses groupes restent arrêtés jusqu’à son retour.');
  await screenshot(page, testInfo, '04-overview-one-node');
});

test('login: a wrong password is refused clearly; a page opened by its address survives a reload', async ({ browser: _browser }, testInfo) => {
  const page = tab('node1');
  const overview = new OverviewPage(page);
  await overview.logOut();
  const login = new LoginPage(page);
  await expect(login.heading()).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await screenshot(page, testInfo, '05-login');
  await login.logIn('not the password');
  await expect(page.getByRole('alert')).toHaveText('Mot de passe incorrect.');
  await screenshot(page, testInfo, '06-login-wrong-password');
  await login.logIn(PASSWORD);
  await overview.expectNode('node1');

  await page.goto('/mesh');
  await expect(page.getByRole('heading', { level: 1, name: 'Mesh' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mesh' })).toBeVisible();
  await expect(page).toHaveURL(/\/mesh$/);
  await expect(page.getByRole('link', { name: 'Mesh', exact: true })).toHaveAttribute('aria-current', 'page');
});

test('invitations: each link is shown once with a QR code holding the same link; list, expiry, revoke', async ({ browser: _browser }, testInfo) => {
  const page = tab('node1');
  const invitations = new InvitationsPage(page);
  await invitations.open();

  // The shortest expiry the agent accepts (1 s) makes an honestly expired invitation.
  links.expired = (await invitations.create('1')).link;
  await invitations.dismiss();

  const shown = await invitations.create('1h');
  expect(shown.link).toMatch(/^sfha-join:\/\//);
  expect(decodeQrPng(shown.qrSrc)).toBe(shown.link);
  expect(decodeQrPng(shown.qrScreenshot)).toBe(shown.link);
  await screenshot(page, testInfo, '07-invitation-created');
  await invitations.copyLink();
  await expect(page.getByRole('status')).toHaveText('Lien copié.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown.link);
  links.node2 = shown.link;
  await invitations.dismiss();
  // Shown once: nothing on the page holds the link any more.
  await expect(page.getByText(shown.link)).toHaveCount(0);

  links.node3 = (await invitations.create('1h')).link;
  await invitations.dismiss();

  const spare = await invitations.create('30m', '10.100.0.50');
  await invitations.dismiss();
  await expect(invitations.row('10.100.0.50')).toContainText('En attente');
  await invitations.revoke('10.100.0.50');
  await expect(invitations.row('10.100.0.50')).toContainText('Révoquée');
  expect(spare.link).not.toBe(links.node3);
  await expect(invitations.table.getByRole('row').filter({ hasText: 'Expirée' })).toHaveCount(1, { timeout: 15_000 });
  await screenshot(page, testInfo, '08-invitations');
});

for (const node of ['node2', 'node3'] as const) {
  test(`${node} joins by pasting its link into its own dashboard; ${node === 'node2' ? 'an expired' : 'a used'} link is refused clearly`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const page = (tabs[node] = await openDashboard(browser, node));
    const setup = await firstRun(page, node);
    if (node === 'node2') {
      await setup.join(links.expired);
      await expect(setup.alert).toHaveText('Cette invitation a expiré : demandez-en une nouvelle à un membre du cluster.');
      await setup.expectShown();
      await screenshot(page, testInfo, '09-join-expired-link');
    } else {
      // node2's link, already redeemed: node1 dropped its one-time key, so no tunnel comes up.
      await setup.join(links.node2);
      await expect(setup.alert).toHaveText('Le nœud qui invite n’accepte pas cette invitation : elle a déjà servi ou a été révoquée, ou il est injoignable à son adresse. Demandez-en une nouvelle.', {
        timeout: 20_000,
      });
      await setup.expectShown();
    }
    await setup.join(links[node]);
    // The node now uses the cluster's users (node1's admin): its own first-run account is gone.
    const login = new LoginPage(page);
    await expect(page.getByText('Ce nœud a rejoint le cluster et utilise désormais ses comptes : connectez-vous avec le vôtre.')).toBeVisible({ timeout: 60_000 });
    await login.logIn(PASSWORD);
    const overview = new OverviewPage(page);
    await expect(page.getByTestId('node-name')).toHaveText(node, { timeout: 60_000 });
    await overview.expectNode(node);
    await overview.expectMembersOnline(node === 'node2' ? ['node1', 'node2'] : ['node1', 'node2', 'node3']);
    await screenshot(page, testInfo, node === 'node2' ? '10-node2-joined' : '11-node3-joined');
  });
}

test('node1 sees both peers connected with recent handshakes, and the whole cluster on its overview', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const page = tab('node1');
  const mesh = new MeshPage(page);
  await mesh.open();
  await mesh.expectConnected('node2', 120);
  await mesh.expectConnected('node3', 120);
  await screenshot(page, testInfo, '12-mesh');
  // Removing a peer asks first; cancelled here (the rest of the journey needs three nodes).
  await mesh.askToRemove('node3');
  await expect(page.getByRole('alertdialog')).toContainText('Retirer node3 du cluster ?');
  await screenshot(page, testInfo, '12b-mesh-remove-confirmation');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await mesh.expectConnected('node3', 120);

  // Keyboard: a focused navigation link opens its page with Enter.
  await page.getByRole('link', { name: 'Vue d’ensemble', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  const overview = new OverviewPage(page);
  await overview.expectQuorate('node1');
  await overview.expectMembersOnline(['node1', 'node2', 'node3']);
  await screenshot(page, testInfo, '13-overview-three-nodes');

  const events = new EventsPage(page);
  await events.open();
  await expect(page.getByRole('heading', { level: 1 }).getByRole('status')).toHaveText('En direct');
  await events.expectEvent('node2 a rejoint le mesh (invité par node1)');
  await events.expectEvent('node3 a rejoint le mesh (invité par node1)');
  await screenshot(page, testInfo, '14-events');

  const phone = await openDashboard(browser, 'node1', { width: 390, height: 844 });
  const login = new LoginPage(phone);
  await login.open();
  await login.logIn(PASSWORD);
  await new OverviewPage(phone).expectMembersOnline(['node1', 'node2', 'node3']);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(phone, testInfo, '15-overview-phone');
  await phone.context().close();
});

test('mesh picture: a cut between node2 and node3 shows on node1’s picture and matrix, from both ends, node1’s links up; healed, every link is up again; the last hour is charted', async ({
  browser: _browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const page = tab('node1');
  const mesh = new MeshPage(page);
  await mesh.open();
  await mesh.expectLinks(NODES, 'up');
  await expect(mesh.picture()).toHaveAccessibleDescription('Tous les liens sont actifs.');
  labOk('partition', 'node2', 'node3');
  try {
    await expect(mesh.link('node2', 'node3')).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
    await expect(mesh.link('node3', 'node2')).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
    for (const [from, to] of [
      ['node1', 'node2'],
      ['node2', 'node1'],
      ['node1', 'node3'],
      ['node3', 'node1'],
    ] as const)
      await expect(mesh.link(from, to)).toHaveAttribute('data-state', 'up');
    // Drawn in the page's colours: a cut half in the error red, dashed; an up one in the OK green.
    await expect(mesh.link('node2', 'node3')).toHaveCSS('stroke', 'rgb(180, 35, 24)');
    await expect(mesh.link('node2', 'node3')).toHaveCSS('stroke-dasharray', '8px, 6px');
    await expect(mesh.link('node1', 'node2')).toHaveCSS('stroke', 'rgb(27, 127, 59)');
    await expect(mesh.matrixCell('node2', 'node3')).toHaveText('coupé');
    await expect(mesh.matrixCell('node1', 'node2')).toHaveText(/^\d+(,\d)? ms$/);
    await expect(mesh.picture()).toHaveAccessibleDescription(/node2 → node3 : coupé/);
    await screenshot(page, testInfo, '12c-mesh-picture-cut');
  } finally {
    labOk('heal');
  }
  await mesh.expectLinks(NODES, 'up', 60_000);
  // A sample every 30 s since each agent started: node2's round trip has points by now.
  await expect.poll(async () => Number(await page.getByTestId('spark-rtt-node2').getAttribute('data-points')), { timeout: 40_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('history-node2')).toContainText(/\d+(,\d)? ms/);
  await screenshot(page, testInfo, '12d-mesh-picture-healed');
});

test('node2 rotates its WireGuard key from its mesh page; node1 keeps a live tunnel to it', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(90_000);
  const node2Mesh = new MeshPage(tab('node2'));
  await node2Mesh.open();
  await node2Mesh.expectConnected('node1', 120);
  const rotatedAt = Date.now();
  const newKey = await node2Mesh.rotateKey();
  await screenshot(tab('node2'), testInfo, '16-mesh-key-rotated');

  // node1 now knows node2 by its new key, and the tunnel made with it is up.
  const node1 = tab('node1');
  const node1Mesh = new MeshPage(node1);
  await node1Mesh.open();
  await expect(node1Mesh.peer('node2')).toContainText(newKey.slice(0, 16), { timeout: 30_000 });
  // A handshake younger than the rotation: made with the new key.
  await node1Mesh.expectConnected('node2', Math.ceil((Date.now() - rotatedAt) / 1000));
});

// ---- HA steps (webB): resources, fencing, events timeline, English ----
// The second half of the journey continues on node1's tab, with the cluster the first half formed.

/** The demo VIP: the lab gateway relays machineVipUrl() (default lab: 127.0.0.1:7880) to VIP:8080 on the LAN. */
const VIP = '192.0.2.100';

/** Who answers through the demo VIP (192.0.2.100:8080), as a client on the machine sees it through the lab gateway. */
async function vipClient(): Promise<string | null> {
  try {
    const res = await fetch(`${machineVipUrl()}/`, { signal: AbortSignal.timeout(1_000) });
    return (await res.text()).trim() || null;
  } catch {
    return null;
  }
}

test('resources: an invalid VIP is explained next to its field; a VIP and a web service are created from the UI', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(90_000);
  const page = tab('node1');
  const resources = new ResourcesPage(page);
  await resources.open();
  await screenshot(page, testInfo, '20-resources-empty');

  await resources.startGroup();
  await resources.fillGroup({ name: 'web', preferredNode: 'node1', vip: '300.1.1.1/24', command: `${LAB_BIN_DIR}/lab-web-server 8080`, healthUrl: 'http://127.0.0.1:8080/' });
  await resources.save();
  await expect(resources.vipAddress()).toHaveAttribute('aria-invalid', 'true');
  await expect(resources.vipAddress()).toHaveAccessibleDescription(/Adresse IPv4 avec son préfixe attendue, ex\. 192\.0\.2\.100\/24\./);
  await screenshot(page, testInfo, '21-resources-invalid-vip');

  await resources.fillGroup({ vip: `${VIP}/24` });
  await resources.save();
  await expect(resources.form).toBeHidden();
  await resources.expectOwner('web', 'node1');
  await resources.expectAllRunning('web');
  await expect.poll(vipClient, { timeout: 30_000 }).toBe('node1');

  // The same VIP in a second group: the agent refuses it, and says so next to the address.
  await resources.startGroup();
  await resources.fillGroup({ name: 'web2', vip: `${VIP}/24`, command: '/bin/sleep 1000' });
  await resources.save();
  await expect(resources.vipAddress()).toHaveAccessibleDescription(new RegExp(`${VIP}/24 is already a VIP of group web$`));
  await screenshot(page, testInfo, '22-resources-vip-taken');
  await resources.form.getByRole('button', { name: 'Annuler' }).click();
  await screenshot(page, testInfo, '23-resources-web-on-node1');
});

test('resources: the group moves to node2 from the UI after a confirmation; the owner changes and the client follows', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(90_000);
  const page = tab('node1');
  const resources = new ResourcesPage(page);
  const dialog = await resources.askMove('web', 'node2');
  await expect(dialog).toContainText('Le groupe « web » est arrêté sur node1, puis démarré sur node2.');
  await screenshot(page, testInfo, '24-resources-move-confirm');
  const askedAt = Date.now();
  await dialog.getByRole('button', { name: 'Déplacer' }).click();
  await resources.expectOwner('web', 'node2');
  await resources.expectAllRunning('web');
  await expect.poll(vipClient, { timeout: 30_000 }).toBe('node2');
  testInfo.annotations.push({ type: 'move seen by the client (ms)', description: String(Date.now() - askedAt) });
  await expect(resources.group('web')).toContainText('Déplacé vers (épinglé)');
  await screenshot(page, testInfo, '25-resources-web-on-node2');

  // Released: it stays where it runs (stickiness).
  await resources.clearMove('web');
  await expect(resources.group('web')).not.toContainText('Déplacé vers (épinglé)');
  await resources.expectOwner('web', 'node2');

  // The edit form starts from the group as configured.
  await resources.edit('web');
  await expect(resources.vipAddress()).toHaveValue(`${VIP}/24`);
  await expect(resources.resourceSection('Service (processus supervisé)').getByLabel('Commande', { exact: true })).toHaveValue(`${LAB_BIN_DIR}/lab-web-server 8080`);
  await resources.form.getByRole('button', { name: 'Annuler' }).click();

  // Standby and maintenance, each back as it was.
  await resources.toggleStandby('node3', true);
  await resources.toggleStandby('node3', false);
  await resources.toggleMaintenance(true);
  await screenshot(page, testInfo, '26-resources-maintenance');
  await resources.toggleMaintenance(false);
  await expect.poll(vipClient).toBe('node2');
});

test('fencing: the lab device from the agent’s metadata form; node3 fenced after typing its name, seen off, then unfenced', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = tab('node1');
  const fencing = new FencingPage(page);
  await fencing.open();
  await expect(page.getByRole('status').filter({ hasText: 'Aucun équipement de fencing' })).toBeVisible();
  await fencing.startDevice('lab', 'fence_sfha_lab');
  // Fields from the metadata: the agent's own parameters, not the ones sfha fills per node.
  await expect(fencing.parameter('ip')).toBeVisible();
  await expect(fencing.parameter('power_timeout')).toBeVisible();
  await expect(fencing.form.getByLabel('plug', { exact: true })).toHaveCount(0);
  await fencing.parameter('ipport').fill('port');
  await fencing.saveDevice();
  await expect(fencing.parameter('ipport')).toHaveAccessibleDescription(/Un nombre attendu\./);
  await screenshot(page, testInfo, '27-fencing-device-form');
  await fencing.parameter('ipport').fill('7700');
  await fencing.saveDevice();
  // Saving reads the agent's metadata (a Python fence agent: seconds on a loaded machine) and commits on a majority.
  await expect(fencing.form).toBeHidden({ timeout: 15_000 });
  for (const node of NODES) await expect(fencing.power(node)).toHaveText('allumé', { timeout: 15_000 });
  // Fencing levels: with one device, each node's order is that device, by default.
  await expect(page.getByTestId('levels-node3').getByTestId('levels-order')).toHaveText('lab');
  await expect(page.getByTestId('levels-node3')).toContainText('par défaut (par nom)');
  await screenshot(page, testInfo, '28-fencing-device-set');

  await fencing.fenceWithTypedConfirmation('node3', 'off', (dialog) => screenshot(page, testInfo, '29-fencing-typed-confirm').then(() => expect(dialog).toBeVisible()));
  await expect(fencing.power('node3')).toHaveText('éteint', { timeout: 30_000 });
  await expect(fencing.historyRows('node3', 'mise hors tension').filter({ hasText: 'confirmé' })).toHaveCount(1, { timeout: 15_000 });
  await screenshot(page, testInfo, '30-fencing-node3-off');

  await fencing.fenceWithTypedConfirmation('node3', 'on');
  await expect(fencing.power('node3')).toHaveText('allumé', { timeout: 30_000 });
  await expect(fencing.historyRows('node3', 'remise sous tension').filter({ hasText: 'confirmé' })).toHaveCount(1, { timeout: 15_000 });
  // Powered on, node3's agent starts and it rejoins the membership.
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.expectMembersOnline(['node1', 'node2', 'node3']);
  await fencing.open();
  await screenshot(page, testInfo, '31-fencing-history');
});

test('what if: node2 dying is predicted on the resources page, in French: the fence, with this cluster’s measured fence time, then web started elsewhere; nothing changes', async ({
  browser: _browser,
}, testInfo) => {
  const page = tab('node1');
  const resources = new ResourcesPage(page);
  await resources.open();
  const result = await resources.whatIf({ node2: 'tombe' });
  await expect(result.getByRole('listitem').first()).toHaveText(/^\+\d+,\d s node2 quitte le cluster \(détecté par Corosync\)$/);
  await expect(result.locator('li[data-kind="fence"]')).toContainText('isole node2 (fence off) : node2 est parti en possédant des ressources');
  await expect(result.locator('li[data-kind="start"]').first()).toContainText(/web\S* démarre sur node[13]$/);
  // node3 was fenced once in the fencing step: the fence time is that measured one.
  await expect(result.getByTestId('what-if-timings')).toContainText(/fencing \d+,\d s \(médiane mesurée sur 1 dans ce cluster\)/);
  await expect(result).not.toContainText(/leaves|fences|starts on|measured|estimated/);
  await screenshot(page, testInfo, '31b-resources-what-if');
  await resources.expectOwner('web', 'node2');
});

/** The operator the users step creates (the two-factor step logs in with it too). */
const OPERATOR_PASSWORD = 'operator password 1';

test('users and roles: an operator and a viewer made on node1 log in on node2 and node3 and see what their role allows; a password changed on node3 no longer opens node1', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const [viewerPassword, viewerNewPassword] = ['viewer password 1', 'viewer password 2'];
  const users = new UsersPage(tab('node1'));
  await users.open();
  await users.create('olga', 'opérateur', OPERATOR_PASSWORD);
  await users.create('victor', 'lecteur', viewerPassword);
  await screenshot(tab('node1'), testInfo, '32a-users');

  // The operator runs the cluster: moves and standby, but neither groups nor users.
  const operator = await openLoggedIn(browser, 'node2', { username: 'olga', password: OPERATOR_PASSWORD });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav(operator).getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
  const operatorResources = new ResourcesPage(operator);
  await operatorResources.open();
  await expect(operatorResources.group('web').getByRole('button', { name: 'Déplacer', exact: true })).toBeVisible();
  await expect(operator.getByRole('button', { name: 'Mettre en veille' }).first()).toBeVisible();
  await expect(operator.getByRole('button', { name: 'Nouveau groupe' })).toHaveCount(0);
  await expect(operatorResources.group('web').getByRole('button', { name: 'Supprimer' })).toHaveCount(0);
  await screenshot(operator, testInfo, '32b-operator-resources');

  // The viewer reads: no action at all.
  const viewer = await openLoggedIn(browser, 'node3', { username: 'victor', password: viewerPassword });
  await expect(nav(viewer).getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
  const viewerResources = new ResourcesPage(viewer);
  await viewerResources.open();
  await expect(viewerResources.group('web')).toBeVisible();
  for (const action of ['Déplacer', 'Mettre en veille', 'Nouveau groupe', 'Activer le mode maintenance']) await expect(viewer.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  await screenshot(viewer, testInfo, '32c-viewer-resources');

  // The viewer changes its password on node3: its sessions end, and node1 refuses the old one.
  await openFromNav(viewer, 'Mon compte', '/account');
  await viewer.getByLabel('Mot de passe actuel', { exact: true }).fill(viewerPassword);
  await viewer.getByLabel('Nouveau mot de passe', { exact: true }).fill(viewerNewPassword);
  await viewer.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(new LoginPage(viewer).heading()).toBeVisible({ timeout: 15_000 });
  const elsewhere = await openDashboard(browser, 'node1');
  const login = new LoginPage(elsewhere);
  await login.open();
  await login.logIn(viewerPassword, 'fr', 'victor');
  await expect(elsewhere.getByRole('alert')).toHaveText('Mot de passe incorrect.');
  await login.logIn(viewerNewPassword, 'fr', 'victor');
  await login.expectLoggedIn();
  for (const page of [operator, viewer, elsewhere]) await page.context().close();
});

/** What an authenticator app shows for `secret` at `atMs` (RFC 6238: SHA-1, 6 digits, 30 s). */
const totpAt = (secret: string, atMs: number) => generateSync({ secret, epoch: Math.floor(atMs / 1000), period: 30 });

test('two-factor: olga turns TOTP on from her account page on node2 (its QR code holds the key); node3 then asks for her code; the same code is refused on node1', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const page = await openLoggedIn(browser, 'node2', { username: 'olga', password: OPERATOR_PASSWORD });
  await openFromNav(page, 'Mon compte', '/account');
  const card = page.getByTestId('totp-card');
  await expect(card.getByTestId('totp-state')).toHaveText(/^Désactivée/);
  await card.getByRole('button', { name: 'Activer la double authentification' }).click();
  const enrolment = page.getByTestId('totp-enrolment');
  const secret = await enrolment.getByLabel('Clé (à saisir à la main)', { exact: true }).inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const qr = decodeQrPng((await enrolment.getByRole('img', { name: 'QR code de la clé TOTP' }).getAttribute('src')) ?? '');
  expect(qr).toMatch(new RegExp(`^otpauth://totp/.*[?&]secret=${secret}(&|$)`));
  await screenshot(page, testInfo, '33a-totp-enrolment');
  // A code from ten minutes ago is refused; the current one turns TOTP on and shows the recovery codes once.
  const codeField = enrolment.getByLabel('Code à usage unique', { exact: true });
  await codeField.fill(totpAt(secret, Date.now() - 600_000));
  await enrolment.getByRole('button', { name: 'Confirmer et activer' }).click();
  await expect(page.getByRole('alert')).toContainText('Code à usage unique faux');
  await codeField.fill(totpAt(secret, Date.now()));
  await enrolment.getByRole('button', { name: 'Confirmer et activer' }).click();
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
  await page.getByRole('button', { name: 'Je les ai notés' }).click();
  await expect(card.getByTestId('totp-state')).toHaveText(/^Activée/);

  // node3 asks for the code after the password. The next step's code: the enrolment spent this one.
  const other = await openDashboard(browser, 'node3');
  const login = new LoginPage(other);
  await login.open();
  await login.logIn(OPERATOR_PASSWORD, 'fr', 'olga');
  await expect(other.getByText('Double authentification : saisissez le code à 6 chiffres de votre application.')).toBeVisible();
  await screenshot(other, testInfo, '33b-totp-asked');
  const code = totpAt(secret, Date.now() + 30_000);
  await other.getByLabel('Code à usage unique', { exact: true }).fill(code);
  await other.getByRole('button', { name: 'Se connecter' }).click();
  await login.expectLoggedIn();

  // A code is good once in the whole cluster: node1 refuses it.
  const third = await openDashboard(browser, 'node1');
  const thirdLogin = new LoginPage(third);
  await thirdLogin.open();
  await thirdLogin.logIn(OPERATOR_PASSWORD, 'fr', 'olga');
  await third.getByLabel('Code à usage unique', { exact: true }).fill(code);
  await third.getByRole('button', { name: 'Se connecter' }).click();
  await expect(third.getByRole('alert')).toHaveText('Code à usage unique faux ou déjà utilisé.');
  for (const tabPage of [page, other, third]) await tabPage.context().close();
});

test('events: every step of the journey is in node1’s timeline', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(60_000);
  const page = tab('node1');
  const events = new EventsPage(page);
  await events.open();
  for (const step of [
    'mot de passe administrateur défini (premier démarrage)',
    'node2 a rejoint le mesh',
    'node3 a rejoint le mesh',
    /configuration modifiée : groupe web enregistré/,
    /configuration modifiée : groupe web déplacé vers node2/,
    /configuration modifiée : groupe web libéré/,
    /configuration modifiée : node3 mis en veille/,
    /configuration modifiée : maintenance activée/,
    /configuration modifiée : équipement de fencing lab \(fence_sfha_lab\) enregistré/,
    /node3 isolé \(éteint\) par lab : confirmé/,
    'node3 a quitté le cluster',
    /node3 rallumé par lab : confirmé/,
    'node3 a rejoint le cluster',
  ])
    await events.expectEvent(step);
  await screenshot(page, testInfo, '32-events-timeline');
});

/** English texts that differ from their French one, cut at their placeholders (pieces of 6 characters or more): none may show in French. */
function englishOnly(pairs: readonly (readonly [string, string])[]): string[] {
  const pieces = pairs.filter(([e, f]) => e !== f).flatMap(([e]) => e.split(/\{\w+\}/).map((piece) => piece.trim()));
  return [...new Set(pieces.filter((piece) => piece.length >= 6))];
}

/** The incident card's own English words (apps/web/src/i18n/messages.en.ts, `incidents`). */
const INCIDENT_ENGLISH = ['Resolved', 'Opened', 'Duration:', 'fenced by', 'confirmed', 'not served yet', 'Incident timeline', 'nowhere', 'No incident'];

test('French: no event or incident text is left in English on the events and incidents pages', async ({ browser: _browser }, testInfo) => {
  test.setTimeout(60_000);
  const page = tab('node1');
  // The journey's timeline, rendered both ways from the one catalogue the dashboard uses.
  const timeline = sfhaJson<{ code: string; params: unknown }[]>('node1', 'events', '--limit', '200');
  const englishEvents = englishOnly(timeline.map((e) => [renderEvent('en', e), renderEvent('fr', e)] as const));
  expect(englishEvents.length).toBeGreaterThan(10);
  const events = new EventsPage(page);
  await events.open();
  await events.expectEvent('node3 a rejoint le cluster');
  const rows = await events.table.getByRole('row').allInnerTexts();
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((row) => englishEvents.some((text) => row.includes(text)))).toEqual([]);

  await openFromNav(page, 'Incidents', '/incidents');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  // node3 was fenced and came back: its incident is there, in French.
  await expect(page.getByText('node3 perdu').first()).toBeVisible();
  const shown = await page.getByRole('main').innerText();
  expect(INCIDENT_ENGLISH.concat(englishEvents).filter((text) => shown.includes(text))).toEqual([]);
  await screenshot(page, testInfo, '32b-incidents-fr');
});

test('phone screen: the resources and fencing pages stay readable (tables scroll inside their card)', async ({ browser }, testInfo) => {
  // A new logged-in context and two full-page screenshots: 36 s once on a loaded machine.
  test.setTimeout(90_000);
  const phone = await openLoggedIn(browser, 'node1', { viewport: { width: 390, height: 844 } });
  for (const [path, heading, shot] of [
    ['/resources', 'Ressources', '33-resources-phone'],
    ['/fencing', 'Fencing (STONITH)', '34-fencing-phone'],
  ] as const) {
    await phone.goto(path);
    await expect(phone.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(phone.getByRole('rowheader', { name: 'node2' }).first()).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, testInfo, shot);
  }
  await phone.context().close();
});

test('English: the switch turns every page to English and is remembered', async ({ browser: _browser }, testInfo) => {
  const page = tab('node1');
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/resources');
  await expect(page.getByRole('heading', { level: 1, name: 'Resources' })).toBeVisible();
  await expect(page.getByTestId('group-web')).toContainText('Owner node');
  await screenshot(page, testInfo, '35-resources-en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Resources' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Fencing', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Node power' })).toBeVisible();
  await expect(page.getByTestId('power-node3').getByTestId('power-state')).toHaveText('on');
  await screenshot(page, testInfo, '36-fencing-en');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Events', exact: true }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Events/ })).toBeVisible();
  await screenshot(page, testInfo, '37-events-en');
});

test('management address: a session opened on it goes on at the same URL, without logging in again, when the leader holding it is killed', async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  sfhaJson('node1', 'config', 'set', '--management-address', `${LAB_MANAGEMENT_ADDRESS}/24@eth0`);
  const context = await browser.newContext({ baseURL: machineManagementUrl(), locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  // The leader takes the address within a few seconds of the setting.
  await expect(async () => {
    await page.goto('/', { timeout: 3_000 });
    await expect(login.heading()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await login.logIn(PASSWORD);
  const overview = new OverviewPage(page);
  await overview.expectNode('node1');
  await expect(page.getByText(`(sur eth0 de node1, le leader : à garder en favori, elle suit le leader)`)).toBeVisible();
  await screenshot(page, testInfo, '40-management-address-node1');

  labOk('kill', 'node1');
  // The same tab, the same session: the new leader answers on the address (node2 or node3,
  // whichever has the lower mesh address: the invitations step decides).
  await expect(page.getByTestId('node-name')).toHaveText(/^node[23]$/, { timeout: 60_000 });
  await expect(login.heading()).toHaveCount(0);
  const next = (await page.getByTestId('node-name').textContent()) ?? '';
  await overview.expectQuorate(next);
  await expect(page.getByText(`(sur eth0 de ${next}, le leader : à garder en favori, elle suit le leader)`)).toBeVisible();
  await screenshot(page, testInfo, '41-management-address-new-leader');
  await context.close();
});
