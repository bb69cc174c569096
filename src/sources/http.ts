/**
 * The one HTTP client set-up for every external source: a deadline on each call, the call timed
 * in the source metrics, the answer validated at the boundary (zod), and one error type for
 * "this source cannot answer now" that features turn into a degraded block.
 *
 * A 404 is not a failure: `getJson` returns null, so that "not found" and "not yours" can be
 * answered the same way by the feature.
 */
import type { Readable } from 'node:stream';
import { Readable as NodeReadable } from 'node:stream';
import type { z } from 'zod';
import type { Metrics } from '../platform/http/metrics.ts';

/** The source did not answer in time, answered with an error, or answered something unexpected. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly source: string,
    readonly reason: 'timeout' | 'network' | 'status' | 'invalid',
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${reason} (${detail})`, options);
    this.name = 'SourceUnavailableError';
  }
}

/** The source refused what was sent (4xx other than 404): a programming or data error, not an outage. */
export class SourceRejectedError extends Error {
  constructor(
    readonly source: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${source}: request refused with ${status}`);
    this.name = 'SourceRejectedError';
  }
}

export interface SourceClientOptions {
  /** Name in metrics and logs, e.g. "zgw-zaken". */
  name: string;
  /** Deadline for one call (connect to the last byte of a JSON answer; for downloads: to the headers). */
  timeoutMs: number;
  metrics: Metrics;
  /** Headers sent with every call (authorization, Accept-Crs…), computed per call. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
}

export interface DownloadResponse {
  body: Readable;
  contentType?: string;
  contentLength?: number;
}

export class SourceClient {
  constructor(private readonly options: SourceClientOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** GET a JSON resource; null when the source says 404. */
  async getJson<S extends z.ZodType>(url: string, schema: S): Promise<z.output<S> | null> {
    return this.call(url, { method: 'GET' }, async (response) => {
      if (response.status === 404) return null;
      return this.parse(response, schema);
    });
  }

  /** POST a JSON body; returns the validated answer. */
  async postJson<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.sendJson('POST', url, body, schema);
  }

  /** PATCH with a JSON body; returns the validated answer. */
  async patchJson<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.sendJson('PATCH', url, body, schema);
  }

  /** DELETE a resource; false when the source says it was not there (404). */
  async delete(url: string): Promise<boolean> {
    return this.call(url, { method: 'DELETE' }, async (response) => {
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 404) return false;
      if (response.status >= 400 && response.status < 500) throw new SourceRejectedError(this.name, response.status, undefined);
      if (response.status < 200 || response.status >= 300) throw new SourceUnavailableError(this.name, 'status', `HTTP ${response.status}`);
      return true;
    });
  }

  private async sendJson<S extends z.ZodType>(method: 'POST' | 'PATCH', url: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.call(url, { method, body: JSON.stringify(body), contentType: 'application/json' }, async (response) => {
      if (response.status >= 400 && response.status < 500) {
        throw new SourceRejectedError(this.name, response.status, await response.json().catch(() => undefined));
      }
      return this.parse(response, schema);
    });
  }

  /** GET a file as a stream; null when the source says 404. The deadline covers the headers only. */
  async download(url: string): Promise<DownloadResponse | null> {
    return this.call(url, { method: 'GET', stream: true }, async (response) => {
      if (response.status === 404) return null;
      if (!response.body) throw new SourceUnavailableError(this.name, 'invalid', 'no body');
      const length = Number(response.headers.get('content-length'));
      return {
        body: NodeReadable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        contentType: response.headers.get('content-type') ?? undefined,
        contentLength: Number.isFinite(length) && length >= 0 && response.headers.has('content-length') ? length : undefined,
      };
    });
  }

  private async call<T>(
    url: string,
    request: { method: string; body?: string; contentType?: string; stream?: boolean },
    handle: (response: Response) => Promise<T>,
  ): Promise<T> {
    const { metrics, timeoutMs, name } = this.options;
    return metrics.timeSource(name, async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const headers: Record<string, string> = { accept: 'application/json', ...(await this.options.headers?.()) };
        if (request.contentType) headers['content-type'] = request.contentType;
        let response: Response;
        try {
          response = await fetch(url, { method: request.method, headers, body: request.body, signal: controller.signal, redirect: 'error' });
        } catch (error) {
          if (controller.signal.aborted) throw new SourceUnavailableError(name, 'timeout', `no answer within ${timeoutMs} ms`, { cause: error });
          throw new SourceUnavailableError(name, 'network', error instanceof Error ? error.message : 'fetch failed', { cause: error });
        }
        if (response.status >= 500 || response.status === 401 || response.status === 403 || response.status === 412) {
          // 401/403/412 mean Voordeur's credentials or headers are not accepted: for the person it is the same outage.
          await response.body?.cancel().catch(() => undefined);
          throw new SourceUnavailableError(name, 'status', `HTTP ${response.status}`);
        }
        if (request.stream) {
          clearTimeout(timer); // a large file may take longer than the deadline; the headers came in time
          return await handle(response);
        }
        try {
          return await handle(response);
        } catch (error) {
          if (controller.signal.aborted) throw new SourceUnavailableError(name, 'timeout', `answer not complete within ${timeoutMs} ms`, { cause: error });
          throw error;
        }
      } finally {
        clearTimeout(timer);
      }
    });
  }

  private async parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
    if (response.status < 200 || response.status >= 300) {
      throw new SourceUnavailableError(this.name, 'status', `HTTP ${response.status}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new SourceUnavailableError(this.name, 'invalid', 'not JSON', { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SourceUnavailableError(this.name, 'invalid', `unexpected answer at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`);
    }
    return parsed.data;
  }
}

/** Runs `work`; a SourceUnavailableError becomes `{ unavailable: true }` (logged once), anything else is rethrown. */
export type Availability<T> = { unavailable: false; value: T } | { unavailable: true };

export async function whenAvailable<T>(work: () => Promise<T>, log: { warn(obj: object, msg: string): void }): Promise<Availability<T>> {
  try {
    return { unavailable: false, value: await work() };
  } catch (error) {
    if (error instanceof SourceUnavailableError) {
      log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return { unavailable: true };
    }
    throw error;
  }
}
