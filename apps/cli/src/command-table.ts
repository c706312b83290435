import type { Command } from './command-context';
import { backupCommand, restoreCommand } from './backup/node-backup.command';
import { configExport, configImport } from './backup/config-transfer.command';
import { drainCommand, failoverCommand, maintenanceCommand, standbyCommand, unstandbyCommand, undrainCommand } from './commands/admin.command';
import { initCommand, joinCommand } from './commands/cluster.command';
import { configSetCommand, configShowCommand } from './commands/config.command';
import { constraintsAddCommand, constraintsListCommand, constraintsRemoveCommand } from './commands/constraints.command';
import { doctorCommand } from './commands/doctor.command';
import { eventsCommand } from './commands/events.command';
import { completionCommand, helpCommand } from './commands/help.command';
import { incidentsCommand } from './commands/incidents.command';
import { simulateCommand, whyCommand } from './commands/insight.command';
import * as mesh from './commands/mesh.command';
import * as notify from './commands/notify.command';
import { groupRemoveCommand, groupSetCommand, healthCommand, resourcesListCommand } from './commands/resources.command';
import { statusCommand } from './commands/status.command';
import * as stonith from './commands/stonith.command';
import * as users from './commands/users.command';
import { watchdogStatusCommand, watchdogTestCommand } from './commands/watchdog.command';
import type { CommandKey } from './spec/command-spec';

/** The code of every command of the spec: the type refuses a command without its code, or code without its spec. */
export const COMMAND_TABLE: Record<CommandKey, Command> = {
  status: statusCommand,
  doctor: doctorCommand,
  init: initCommand,
  join: joinCommand,
  'mesh status': mesh.meshStatusCommand,
  'mesh token': mesh.meshTokenCommand,
  'mesh invitations': mesh.meshInvitationsCommand,
  'mesh revoke': mesh.meshRevokeCommand,
  'mesh up': mesh.meshUpCommand,
  'mesh down': mesh.meshDownCommand,
  'mesh add-peer': mesh.meshAddPeerCommand,
  'mesh remove-peer': mesh.meshRemovePeerCommand,
  'mesh set-endpoint': mesh.meshSetEndpointCommand,
  'mesh rotate-keys': mesh.meshRotateKeysCommand,
  'config show': configShowCommand,
  'config set': configSetCommand,
  'config export': configExport,
  'config import': configImport,
  backup: backupCommand,
  restore: restoreCommand,
  'resources list': resourcesListCommand,
  'resources group-set': groupSetCommand,
  'resources group-remove': groupRemoveCommand,
  health: healthCommand,
  'constraints list': constraintsListCommand,
  'constraints add': constraintsAddCommand,
  'constraints remove': constraintsRemoveCommand,
  events: eventsCommand,
  incidents: incidentsCommand,
  failover: failoverCommand,
  why: whyCommand,
  simulate: simulateCommand,
  standby: standbyCommand,
  unstandby: unstandbyCommand,
  'node drain': drainCommand,
  'node undrain': undrainCommand,
  'node watchdog status': watchdogStatusCommand,
  'node watchdog test': watchdogTestCommand,
  maintenance: maintenanceCommand,
  'stonith status': stonith.stonithStatusCommand,
  'stonith history': stonith.stonithHistoryCommand,
  'stonith agent': stonith.fenceAgentCommand,
  'stonith device-set': stonith.deviceSetCommand,
  'stonith device-remove': stonith.deviceRemoveCommand,
  'stonith fence': stonith.fenceCommand,
  'stonith unfence': stonith.unfenceCommand,
  'stonith level': stonith.fenceLevelCommand,
  'user list': users.userListCommand,
  'user add': users.userAddCommand,
  'user remove': users.userRemoveCommand,
  'user role': users.userRoleCommand,
  'user passwd': users.userPasswdCommand,
  'user totp-reset': users.userTotpResetCommand,
  'token list': users.tokenListCommand,
  'token create': users.tokenCreateCommand,
  'token revoke': users.tokenRevokeCommand,
  'notify list': notify.notifyListCommand,
  'notify log': notify.notifyLogCommand,
  'notify set': notify.notifySetCommand,
  'notify test': notify.notifyTestCommand,
  'notify remove': notify.notifyRemoveCommand,
  completion: completionCommand,
  help: helpCommand,
};
