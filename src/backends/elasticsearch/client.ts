import { readFileSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { Client, errors, type TransportRequestOptions, type estypes } from '@elastic/elasticsearch';
import { ZodError, type z } from 'zod';
import { ParallaxError } from '../../errors/index.js';
import { isCompatVersionError, toEsError } from './errors.js';
import { healthResponseSchema, nodesVersionSchema } from './response.js';
import type { ElasticsearchEnvOptions } from './types.js';

const COMPAT_8 = 'application/vnd.elasticsearch+json; compatible-with=8';

/** ES 8 rejects the 9.x client's default `compatible-with=9`; these headers make it answer. */
const VERSION_HEADERS: Record<8 | 9, Record<string, string>> = {
  8: { accept: COMPAT_8, 'content-type': COMPAT_8 },
  9: {},
};

function caCertificate(env: string, caFile: string): Buffer {
  try {
    return readFileSync(caFile);
  } catch {
    throw new ParallaxError('CONFIG_INVALID', `elasticsearch of env ${env}: cannot read caFile ${caFile}`, {
      env,
      backend: 'elasticsearch',
    });
  }
}

function createClient(opts: ElasticsearchEnvOptions): Client {
  return new Client({
    nodes: [...opts.urls],
    headers: opts.headers,
    requestTimeout: opts.timeoutMs,
    // The federation owns retries and deadlines; a second node is the only retry worth making.
    maxRetries: opts.urls.length > 1 ? 1 : 0,
    // The default resurrection pings `HEAD /`, which some distributions answer with 405.
    resurrectStrategy: 'optimistic',
    maxResponseSize: Math.min(opts.maxResponseBytes, bufferConstants.MAX_STRING_LENGTH),
    ...(opts.caFile ? { tls: { ca: caCertificate(opts.env, opts.caFile) } } : {}),
  });
}

/**
 * One env's Elasticsearch connection: picks the wire version (8 or 9; `auto` tries 9, falls back
 * to 8 on the version error and remembers it), passes the request's abort signal, maps errors and
 * checks every answer with zod before it leaves the adapter.
 */
export class EsConnection {
  private readonly client: Client;
  private version: 8 | 9 | undefined;

  constructor(readonly opts: ElasticsearchEnvOptions) {
    this.client = createClient(opts);
    this.version = opts.version === 'auto' ? undefined : opts.version;
  }

  /** The wire version in use (undefined until `auto` has seen an answer). */
  get wireVersion(): 8 | 9 | undefined {
    return this.version;
  }

  async search<S extends z.ZodType>(
    request: estypes.SearchRequest,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.output<S>> {
    const body = await this.send((options) => this.client.search(request, options), signal);
    return this.parse(schema, body);
  }

  /** Readiness: `cluster.health` works where `GET /` and `HEAD /` do not. */
  async health(signal: AbortSignal): Promise<{ status: string }> {
    const body = await this.send((options) => this.client.cluster.health({}, options), signal);
    return this.parse(healthResponseSchema, body);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async send(
    call: (options: TransportRequestOptions) => Promise<unknown>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const scope = { env: this.opts.env, timeoutMs: this.opts.timeoutMs, signal };
    try {
      return await this.sendVersioned(call, signal);
    } catch (err) {
      if (this.opts.version !== 'auto' && isCompatVersionError(err)) throw this.versionMismatch(err);
      throw toEsError(err, scope);
    }
  }

  private versionMismatch(cause: unknown): ParallaxError {
    const { env, version } = this.opts;
    const message = `elasticsearch of env ${env} does not speak version ${version}; set logs.version to the server's major or auto`;
    return new ParallaxError('BACKEND_ERROR', message, { env, backend: 'elasticsearch', cause });
  }

  private async sendVersioned(
    call: (options: TransportRequestOptions) => Promise<unknown>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const version = this.version ?? (await this.detectVersion(signal));
    try {
      const body = await call({ signal, headers: VERSION_HEADERS[version ?? 9] });
      if (version) this.version = version;
      return body;
    } catch (err) {
      // Detection was not allowed (no monitor privilege): learn from the version error instead.
      if (version !== undefined || !isCompatVersionError(err)) throw err;
      const body = await call({ signal, headers: VERSION_HEADERS[8] });
      this.version = 8;
      return body;
    }
  }

  /**
   * `auto`: asks the node its version (ES 8 and 9 both accept compatible-with=8). A body-less GET
   * succeeds on ES 8 even with 9 headers, so the first answer alone cannot tell the version.
   */
  private async detectVersion(signal: AbortSignal): Promise<8 | 9 | undefined> {
    try {
      const options = { signal, headers: VERSION_HEADERS[8] };
      const body = await this.client.nodes.info(
        { node_id: '_local', filter_path: 'nodes.*.version' },
        options,
      );
      const versions = Object.values(nodesVersionSchema.parse(body).nodes).map((n) => n.version);
      const major = Number(versions[0]?.split('.')[0]);
      this.version = major >= 9 ? 9 : 8;
      return this.version;
    } catch (err) {
      if (err instanceof errors.ResponseError || err instanceof ZodError) return undefined;
      throw err;
    }
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ParallaxError(
      'BACKEND_INVALID_RESPONSE',
      `elasticsearch of env ${this.opts.env}: unexpected answer at "${where}"`,
      {
        env: this.opts.env,
        backend: 'elasticsearch',
      },
    );
  }
}
