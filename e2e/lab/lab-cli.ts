// First: it moves --lab NAME into SFHA_LAB before lab-layout.ts reads it.
import { LAB_ARGS } from './lab-cli-args';
import { down, execIn, heal, kill, list, logs, partition, pause, setupCode, start, status, up } from './lab';
import { acquireLab } from './lab-lock';

const USAGE = `Usage: npm run lab -- <verb> [--lab NAME]
  up N [--systemd]          hosts node1..nodeN, an agent in each (http://192.0.2.<i>:7780);
                            --systemd: each host boots a real systemd first, its agent runs under it
                            --packaged (with --systemd): the agent is the installed package's unit
                            --watchdog: each agent arms a lab watchdog (/run/sfha-lab-watchdog in
                            the host, a FIFO); not petted in time, the host is powered off
  down                      stop everything, delete namespaces and mounts
  list [--json]             every lab on this machine: namespaces, ports, checkout, who holds it
  status [--json]           hosts, agents, health
  exec NODE -- CMD…         run a command inside a host (sfha is on its PATH)
  kill NODE                 kill -9 every process of the host (its network stays)
  pause NODE | resume NODE  SIGSTOP / SIGCONT every process of the host (a hung machine, link up)
  start NODE                start the host's agent again
  partition A,B C[,D…]      cut traffic between the groups (nftables)
  heal                      remove every partition
  logs NODE                 the host's agent log
  setup-code NODE           the first-run code the host's agent printed
--lab NAME (or env SFHA_LAB=NAME): which lab; several run side by side (default: "default")`;

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'up':
      await acquireLab(0);
      await up(Number(rest.find((a) => !a.startsWith('--')) ?? 3), print, { systemd: rest.includes('--systemd'), packaged: rest.includes('--packaged'), watchdog: rest.includes('--watchdog') });
      print('lab up: open a URL above; the first-run code of each host: npm run lab -- setup-code NODE');
      return 0;
    case 'down':
      await acquireLab(0);
      await down(print);
      return 0;
    case 'list': {
      const labs = await list();
      if (rest.includes('--json')) print(JSON.stringify(labs, null, 2));
      else if (labs.length === 0) print('no lab on this machine');
      else {
        labs.forEach((l) => {
          const hosts = l.namespaces.filter((ns) => !ns.endsWith('br')).length;
          const where = l.record ? `  ports ${l.record.ports.first}…  ${l.record.labDir}` : '';
          print(`${l.name.padEnd(12)} ${hosts} host(s)${where}${l.heldBy ? `  held by pid ${l.heldBy.pid} (${l.heldBy.command})` : ''}`);
        });
        print('take one down: npm run lab -- down --lab NAME');
      }
      return 0;
    }
    case 'status': {
      const hosts = await status();
      if (rest.includes('--json')) print(JSON.stringify(hosts, null, 2));
      else if (hosts.length === 0) print('lab is down');
      else
        hosts.forEach((h) =>
          print(
            `${h.name.padEnd(7)} ${h.url.padEnd(24)} agent ${h.agentPid ? `pid ${h.agentPid}` : 'stopped'}  ${h.healthy ? 'healthy' : 'not answering'}  ${h.processes} process(es)${h.partitioned ? '  PARTITIONED' : ''}`,
          ),
        );
      return 0;
    }
    case 'exec': {
      const [name, sep, ...command] = rest;
      if (!name || sep !== '--') throw new Error('usage: exec NODE -- COMMAND…');
      return execIn(name, command);
    }
    case 'kill':
    case 'pause':
    case 'resume':
    case 'start':
    case 'logs':
    case 'setup-code': {
      const name = rest[0];
      if (!name) throw new Error(`usage: ${verb} NODE`);
      if (verb === 'kill') await kill(name, print);
      else if (verb === 'pause' || verb === 'resume') await pause(name, print, verb === 'resume');
      else if (verb === 'start') await start(name, print);
      else if (verb === 'logs') process.stdout.write(await logs(name));
      else print((await setupCode(name)) ?? `${name}: no setup code (the admin password is set)`);
      return 0;
    }
    case 'partition':
      await partition(
        rest.map((group) => group.split(',').filter(Boolean)),
        print,
      );
      return 0;
    case 'heal':
      await heal(print);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      print(USAGE);
      return verb === undefined ? 2 : 0;
    default:
      process.stderr.write(`lab: unknown verb "${verb}"\n${USAGE}\n`);
      return 2;
  }
}

// Node exits quietly with code 0 when only unref'd timers are left (an abandoned fetch):
// keep the loop alive until the verb settles, so a verb can never "succeed" without finishing.
const keepAlive = setInterval(() => undefined, 60_000);
main(LAB_ARGS).then(
  (code) => {
    clearInterval(keepAlive);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`lab: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
