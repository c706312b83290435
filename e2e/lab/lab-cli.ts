import { down, execIn, heal, kill, logs, partition, setupCode, start, status, up } from './lab';

const USAGE = `Usage: npm run lab -- <verb>
  up N [--systemd]          hosts node1..nodeN, an agent in each (http://192.0.2.<i>:7780);
                            --systemd: each host boots a real systemd first, its agent runs under it
  down                      stop everything, delete namespaces and mounts
  status [--json]           hosts, agents, health
  exec NODE -- CMD…         run a command inside a host (sfha is on its PATH)
  kill NODE                 kill -9 every process of the host (its network stays)
  start NODE                start the host's agent again
  partition A,B C[,D…]      cut traffic between the groups (nftables)
  heal                      remove every partition
  logs NODE                 the host's agent log
  setup-code NODE           the first-run code the host's agent printed`;

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'up':
      await up(Number(rest.find((a) => !a.startsWith('--')) ?? 3), print, { systemd: rest.includes('--systemd') });
      print('lab up: open a URL above; the first-run code of each host: npm run lab -- setup-code NODE');
      return 0;
    case 'down':
      await down(print);
      return 0;
    case 'status': {
      const hosts = await status();
      if (rest.includes('--json')) print(JSON.stringify(hosts, null, 2));
      else if (hosts.length === 0) print('lab is down');
      else hosts.forEach((h) => print(`${h.name.padEnd(7)} ${h.url.padEnd(24)} agent ${h.agentPid ? `pid ${h.agentPid}` : 'stopped'}  ${h.healthy ? 'healthy' : 'not answering'}  ${h.processes} process(es)${h.partitioned ? '  PARTITIONED' : ''}`));
      return 0;
    }
    case 'exec': {
      const [name, sep, ...command] = rest;
      if (!name || sep !== '--') throw new Error('usage: exec NODE -- COMMAND…');
      return execIn(name, command);
    }
    case 'kill':
    case 'start':
    case 'logs':
    case 'setup-code': {
      const name = rest[0];
      if (!name) throw new Error(`usage: ${verb} NODE`);
      if (verb === 'kill') await kill(name, print);
      else if (verb === 'start') await start(name, print);
      else if (verb === 'logs') process.stdout.write(await logs(name));
      else print((await setupCode(name)) ?? `${name}: no setup code (the admin password is set)`);
      return 0;
    }
    case 'partition':
      await partition(rest.map((group) => group.split(',').filter(Boolean)), print);
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
main(process.argv.slice(2)).then(
  (code) => {
    clearInterval(keepAlive);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`lab: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
