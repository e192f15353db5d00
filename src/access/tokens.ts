import { createHash, timingSafeEqual } from 'node:crypto';
import { resolveSecret, type SecretInput } from '../config/index.js';
import { ParallaxError } from '../errors/index.js';

export interface StaticIdentity {
  name: string;
  roles: readonly string[];
}

interface Entry extends StaticIdentity {
  hash: Buffer;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Static bearer tokens, kept only as sha256 digests; resolved (env / file) when the config loads. */
export class StaticTokens {
  private readonly entries: Entry[];

  constructor(tokens: ReadonlyArray<{ name: string; sha256: SecretInput; roles: readonly string[] }>) {
    this.entries = tokens.map((t, i) => ({ name: t.name, roles: t.roles, hash: digestOf(t.sha256, i) }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The identity whose digest matches; every entry is compared so timing says nothing. */
  match(token: string): StaticIdentity | undefined {
    const got = createHash('sha256').update(token).digest();
    let found: Entry | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.hash, got) && !found) found = e;
    return found ? { name: found.name, roles: found.roles } : undefined;
  }
}

function digestOf(secret: SecretInput, i: number): Buffer {
  const hex = resolveSecret(secret).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new ParallaxError(
      'CONFIG_INVALID',
      `access.tokens[${i}].sha256: expected 64 hex digits (sha256 of the token, e.g. \`printf %s "$TOKEN" | sha256sum\`)`,
      { field: `access.tokens[${i}].sha256` },
    );
  return Buffer.from(hex, 'hex');
}
