/**
 * The one HTTP client set-up for every external source: a deadline on each call, the call timed
 * in the source metrics, the answer validated at the boundary (zod), and one error type for
 * "this source cannot answer now" that features turn into a degraded block. Calls go through
 * undici's request API, which costs a third of the CPU of fetch (docs/decisions/0006-http-client.md);
 * redirects are not followed.
 *
 * A 404 is not a failure: `getJson` returns null, so that "not found" and "not yours" can be
 * answered the same way by the feature.
 */
import { request as send, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Metrics } from '../platform/metrics.ts';
import { roundTripStarted } from '../platform/round-trips.ts';
import { SourceRejectedError, SourceUnavailableError } from '../domain/availability.ts';
import type { FileStream } from '../domain/file.ts';

export interface SourceClientOptions {
  /** Name in metrics and logs, e.g. "zgw-zaken". */
  name: string;
  /** Deadline for one call (connect to the last byte of a JSON answer; for downloads: to the headers). */
  timeoutMs: number;
  metrics: Metrics;
  /** Headers sent with every call (authorization, Accept-Crs…), computed per call. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
}

export class SourceClient {
  constructor(private readonly options: SourceClientOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** GET a JSON resource; null when the source says 404. */
  async getJson<S extends z.ZodType>(url: string, schema: S): Promise<z.output<S> | null> {
    return this.call(url, { method: 'GET' }, async (response) => {
      if (response.statusCode === 404) {
        await discard(response);
        return null;
      }
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
      await discard(response);
      if (response.statusCode === 404) return false;
      if (response.statusCode >= 400 && response.statusCode < 500) throw new SourceRejectedError(this.name, response.statusCode, undefined);
      if (response.statusCode < 200 || response.statusCode >= 300) throw new SourceUnavailableError(this.name, 'status', `HTTP ${response.statusCode}`);
      return true;
    });
  }

  private async sendJson<S extends z.ZodType>(method: 'POST' | 'PATCH', url: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.call(url, { method, body: JSON.stringify(body), contentType: 'application/json' }, async (response) => {
      if (response.statusCode >= 400 && response.statusCode < 500) {
        throw new SourceRejectedError(this.name, response.statusCode, await response.body.json().catch(() => undefined));
      }
      return this.parse(response, schema);
    });
  }

  /** GET a file as a stream; null when the source says 404. The deadline covers the headers only. */
  async download(url: string): Promise<FileStream | null> {
    return this.call(url, { method: 'GET', stream: true }, async (response) => {
      if (response.statusCode === 404) {
        await discard(response);
        return null;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await discard(response);
        throw new SourceUnavailableError(this.name, 'status', `HTTP ${response.statusCode}`);
      }
      const length = header(response, 'content-length');
      return {
        body: response.body,
        contentType: header(response, 'content-type'),
        contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
      };
    });
  }

  private async call<T>(
    url: string,
    request: { method: string; body?: string; contentType?: string; stream?: boolean },
    handle: (response: Dispatcher.ResponseData) => Promise<T>,
  ): Promise<T> {
    const { metrics, timeoutMs, name } = this.options;
    // Noted for the request's count of round trips, when counted (the benchmark only: platform/round-trips.ts).
    const counted = roundTripStarted();
    return metrics.timeSource(name, async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const headers: Record<string, string> = { accept: 'application/json', ...(await this.options.headers?.()) };
        if (request.contentType) headers['content-type'] = request.contentType;
        let response: Dispatcher.ResponseData;
        try {
          response = await send(url, { method: request.method as Dispatcher.HttpMethod, headers, body: request.body, signal: controller.signal });
        } catch (error) {
          if (controller.signal.aborted) throw new SourceUnavailableError(name, 'timeout', `no answer within ${timeoutMs} ms`, { cause: error });
          throw new SourceUnavailableError(name, 'network', error instanceof Error ? error.message : 'request failed', { cause: error });
        }
        const status = response.statusCode;
        // 401/403/412 mean Voordeur's credentials or headers are not accepted: for the person it is the same outage.
        // A redirect is not followed: a source is configured by its real address.
        if (status >= 500 || status === 401 || status === 403 || status === 412 || (status >= 300 && status < 400)) {
          await discard(response);
          throw new SourceUnavailableError(name, 'status', `HTTP ${status}`);
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
        counted?.();
      }
    });
  }

  private async parse<S extends z.ZodType>(response: Dispatcher.ResponseData, schema: S): Promise<z.output<S>> {
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await discard(response);
      throw new SourceUnavailableError(this.name, 'status', `HTTP ${response.statusCode}`);
    }
    let json: unknown;
    try {
      json = await response.body.json();
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

/** Reads an answer's body away unread, so that its connection can be used again. */
async function discard(response: Dispatcher.ResponseData): Promise<void> {
  await response.body.dump().catch(() => undefined);
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
