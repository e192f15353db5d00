import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Socket inodes among a process's open file descriptors. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // closed between readdir and readlink
    }
  }
  return inodes;
}

/**
 * TCP sockets the process `pid` holds to each of `ports` (remote side): its fd table's socket
 * inodes matched against /proc/<pid>/net/tcp and tcp6 (which list the whole network namespace).
 */
export function socketsTo(pid: number, ports: readonly number[]): Record<number, number> {
  const mine = socketInodes(pid);
  const counts: Record<number, number> = Object.fromEntries(ports.map((p) => [p, 0]));
  for (const table of ['tcp', 'tcp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      const remote = cols[2];
      const inode = cols[9];
      if (!remote || !inode || !mine.has(inode)) continue;
      const port = parseInt(remote.split(':')[1] ?? '', 16);
      if (port in counts) counts[port] = (counts[port] ?? 0) + 1;
    }
  }
  return counts;
}

/** Open file descriptors of a process. */
export const fdCount = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** Resident set size of a process, in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

export const portOf = (url: string): number => Number(new URL(url).port);
