// Run by memory.test.ts as its own process (node --expose-gc): the gateway in this process answers
// over-limit backend bodies, and this process's memory is what is measured.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Gateway } from '../../src/app/index.js';
import { parseConfig } from '../../src/config/index.js';

const [faultUrl, warmups, rounds] = [process.argv[2] ?? '', Number(process.argv[3]), Number(process.argv[4])];
const exposed = (globalThis as { gc?: () => void }).gc;
if (!exposed) throw new Error('run with --expose-gc');
const gc: () => void = exposed;

const config = parseConfig(
  `federation: { maxResponseBytes: ${64 * 1024 * 1024}, breakerThreshold: 1000 }\nenvs:\n  - name: big\n    prometheus: { url: "${faultUrl}" }\n`,
);
const gateway = new Gateway(config);
const rss = (): number => process.memoryUsage.rss();

async function ask(query: string): Promise<{ status: number; error: string }> {
  const res = await gateway.fetch(new Request(`http://gw/api/v1/query?query=${query}&time=1`));
  const body = (await res.json()) as { error?: string };
  return { status: res.status, error: body.error ?? '' };
}

/** Resident bytes of glibc's main heap ([heap] in smaps): where freed buffers under the mmap threshold stay. */
function mallocHeap(): number {
  const lines = readFileSync('/proc/self/smaps', 'utf8').split('\n');
  const start = lines.findIndex((l) => l.endsWith('[heap]'));
  const rssLine = start < 0 ? undefined : lines.slice(start + 1).find((l) => l.startsWith('Rss:'));
  return rssLine ? Number(rssLine.split(/\s+/)[1]) * 1024 : 0;
}

/** Memory once the heap has settled: full GCs a few hundred ms apart (V8 and glibc hand pages back lazily). */
async function settle(): Promise<{ rss: number; js: number; mallocHeap: number }> {
  let low = Infinity;
  for (let i = 0; i < 8; i++) {
    gc();
    await sleep(250);
    low = Math.min(low, rss());
  }
  const { heapUsed, external } = process.memoryUsage();
  return { rss: low, js: heapUsed + external, mallocHeap: mallocHeap() };
}

for (let i = 0; i < 20; i++) await ask('small');
const cold = await settle();
// A few over-limit answers first: the baseline is the warmed-up gateway (code compiled, pools grown,
// glibc's heap at the size its fragments settle at), so what is measured is whether answers accumulate.
for (let i = 0; i < warmups; i++) await ask('huge');
const baseline = await settle();
let peak = baseline.rss;
const answers: Array<{ status: number; error: string }> = [];
const timer = setInterval(() => (peak = Math.max(peak, rss())), 5);
for (let r = 0; r < rounds; r++) {
  answers.push(await ask('huge'));
  peak = Math.max(peak, rss());
}
clearInterval(timer);
const small = await ask('small');
const after = await settle();
await gateway.close();
process.stdout.write(`${JSON.stringify({ cold, baseline, peak, after, answers, small })}\n`);
