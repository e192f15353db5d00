import type { Readable } from 'node:stream';
import { ParallaxError } from '../../errors/index.js';
import { currentBudgets, type BufferBudgets } from './budget.js';
import type { HttpTarget } from './target.js';

function tooLarge(target: HttpTarget, why: string): ParallaxError {
  return new ParallaxError('BACKEND_RESPONSE_TOO_LARGE', `${target.backend} of env ${target.env}: ${why}`, {
    env: target.env,
    backend: target.backend,
  });
}

/** Charges `bytes` to the request and global budgets; undefined when both agreed, else the refusal. */
function charge(
  budgets: BufferBudgets | undefined,
  bytes: number,
  target: HttpTarget,
): ParallaxError | undefined {
  if (!budgets) return undefined;
  if (!budgets.request.take(bytes))
    return tooLarge(target, `answers of this request exceed ${budgets.request.limit} buffered bytes`);
  if (budgets.global.take(bytes)) return undefined;
  budgets.request.give(bytes);
  return tooLarge(target, `the gateway already buffers ${budgets.global.limit} bytes of backend answers`);
}

/**
 * Reads a backend body as a stream and cuts it at `target.maxBytes` (or when the request or gateway
 * buffer budget is spent): the stream is destroyed there, so an oversized answer is never held whole
 * and its socket is not kept reading. A Content-Length above the cap is refused before any read.
 */
export async function readCapped(
  body: Readable,
  target: HttpTarget,
  contentLength: number | undefined,
): Promise<string> {
  const cap = `response larger than ${target.maxBytes} bytes`;
  if (contentLength !== undefined && contentLength > target.maxBytes) {
    body.destroy();
    throw tooLarge(target, cap);
  }
  const budgets = currentBudgets();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      const refused = size > target.maxBytes ? tooLarge(target, cap) : charge(budgets, chunk.length, target);
      if (refused) {
        size -= chunk.length; // this chunk was never charged
        throw refused;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  } finally {
    chunks.length = 0;
    body.destroy();
    budgets?.request.give(size);
    budgets?.global.give(size);
  }
}
