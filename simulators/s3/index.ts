/**
 * An S3-compatible object store (a stand-in for MinIO or AWS S3, which cannot be installed here):
 * the calls Voordeur makes, on one bucket, path-style (`<url>/<bucket>/<key>`), as the S3 REST API
 * (docs.aws.amazon.com/AmazonS3/latest/API) describes them:
 *
 *   PUT    /<bucket>/<key>            PutObject: 200 with an ETag, stored durably (fsync) before the answer
 *   GET    /<bucket>/<key>            GetObject: streamed from disk, with Content-Length, Content-Type, ETag
 *   HEAD   /<bucket>/<key>            HeadObject: the same headers, no body
 *   DELETE /<bucket>/<key>            DeleteObject: 204, also for a key that is not there
 *   POST   /<bucket>?delete           DeleteObjects: <Delete><Object><Key>… ; <DeleteResult> (nothing listed when Quiet)
 *
 * Every request must be signed with AWS Signature Version 4 for the configured access key (the
 * Authorization header, as @aws-sdk/client-s3 sends it): an unknown key is 403
 * InvalidAccessKeyId, a wrong signature 403 SignatureDoesNotMatch, a body that does not match its
 * signed x-amz-content-sha256 400 XAmzContentSHA256Mismatch, a request more than 15 minutes off
 * 403 RequestTimeTooSkewed. Errors are S3's XML <Error><Code>…</Code><Message>…</Message></Error>;
 * an unknown bucket is 404 NoSuchBucket, an unknown key 404 NoSuchKey. The faults of
 * shared/faults.ts play on every request ('down': 503 ServiceUnavailable).
 *
 * Objects are files in `dir` (one per key, the key URL-encoded as its name), with their content
 * type beside them.
 */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceData } from '@smithy/types';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Faults, type FaultControls } from '../shared/faults.ts';

export interface S3SimulatorOptions {
  /** Where the store lives on `app`, e.g. '/s3': the endpoint is `${baseUrl}${prefix}`. */
  prefix: string;
  /** The public base URL where `app` listens (for `url`). */
  baseUrl: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The directory the objects are kept in (made when missing). */
  dir: string;
}

export interface S3Simulator extends FaultControls {
  /** The endpoint to configure (ORGANISATIE_BIJLAGEN_S3_ENDPOINT). */
  readonly url: string;
  /** The keys of the objects in the bucket, sorted. */
  keys(): Promise<string[]>;
  /** An object's content; null when there is none. */
  content(key: string): Promise<Buffer | null>;
}

const maxObjectBytes = 50 * 1024 * 1024;
const maxSkewMs = 15 * 60 * 1000;

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function xmlUnescape(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[name]!);
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, resource?: string): FastifyReply {
  return reply
    .code(status)
    .type('application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${resource ? `<Resource>${xmlEscape(resource)}</Resource>` : ''}</Error>`,
    );
}

/** `Credential=AKID/date/region/s3/aws4_request, SignedHeaders=a;b, Signature=hex` of an Authorization header. */
function parseAuthorization(header: string | undefined): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(header ?? '');
  return match ? { accessKeyId: match[1]!, signedHeaders: match[2]!.split(';'), signature: match[3]! } : undefined;
}

/** `20261205T183500Z` as a date. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`) : undefined;
}

export async function registerS3Simulator(app: FastifyInstance, options: S3SimulatorOptions): Promise<S3Simulator> {
  const faults = new Faults();
  await mkdir(options.dir, { recursive: true });
  // Loaded here, not at the top, so that `npm start` does not load it before Voordeur's first page.
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region: options.region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const fileOf = (key: string) => join(options.dir, encodeURIComponent(key));

  /** The refusal of a request whose signature is missing or wrong; undefined when it is signed for the configured key. */
  async function refusal(request: FastifyRequest, body: Buffer | undefined): Promise<[number, string, string] | undefined> {
    const auth = parseAuthorization(request.headers.authorization);
    if (!auth) return [403, 'AccessDenied', 'Access Denied: sign the request with AWS Signature Version 4.'];
    if (auth.accessKeyId !== options.accessKeyId) return [403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
    const signingDate = parseAmzDate(request.headers['x-amz-date'] as string | undefined);
    if (!signingDate) return [403, 'AccessDenied', 'x-amz-date is missing or malformed.'];
    if (Math.abs(signingDate.getTime() - Date.now()) > maxSkewMs)
      return [403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'];
    const payloadHash = request.headers['x-amz-content-sha256'];
    if (typeof payloadHash !== 'string') return [400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256'];
    if (
      payloadHash !== 'UNSIGNED-PAYLOAD' &&
      payloadHash !==
        createHash('sha256')
          .update(body ?? Buffer.alloc(0))
          .digest('hex')
    )
      return [400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed."];
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = request.headers[name];
      if (value === undefined) return [403, 'SignatureDoesNotMatch', `Signed header ${name} is missing.`];
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const url = new URL(request.raw.url ?? '/', 'http://s3.invalid');
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const earlier = query[name];
      query[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    }
    const [hostname, port] = (request.headers.host ?? '').split(':');
    const signed = await signer.sign(
      { method: request.method, protocol: 'http:', hostname: hostname ?? '', port: port ? Number(port) : undefined, path: url.pathname, query, headers },
      { signingDate, unsignableHeaders: new Set() },
    );
    const expected = parseAuthorization(signed.headers.authorization)?.signature ?? '';
    const ok = expected.length === auth.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature));
    return ok ? undefined : [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'];
  }

  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxObjectBytes }, (_request, body, done) => done(null, body));
      scope.addHook('onRequest', async (request, reply) => {
        faults.counted();
        if (faults.latencyMs > 0) await sleep(faults.latencyMs);
        let fault = faults.take(true);
        if (fault === 'hang') {
          await faults.hang((done) => request.raw.once('close', done));
          fault = faults.fault;
        }
        if (fault === 'down' || faults.closed) return sendError(reply, 503, 'ServiceUnavailable', 'Please reduce your request rate.');
        if (fault === 'garbage') return reply.code(200).type('text/html').send('<html><body>Gateway</body></html>');
        return undefined;
      });
      scope.addHook('preHandler', async (request, reply) => {
        const refused = await refusal(request, Buffer.isBuffer(request.body) ? request.body : undefined);
        if (refused) return sendError(reply, ...refused);
        const bucket = (request.params as { bucket?: string }).bucket;
        if (bucket !== options.bucket) return sendError(reply, 404, 'NoSuchBucket', 'The specified bucket does not exist.', bucket);
        return undefined;
      });

      scope.put<{ Params: { bucket: string; '*': string }; Body: Buffer }>('/:bucket/*', async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const file = fileOf(request.params['*']);
        const temporary = `${file}.${process.pid}.${Date.now()}.part`;
        const handle = await open(temporary, 'w');
        try {
          await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, file);
        await writeMeta(file, String(request.headers['content-type'] ?? 'binary/octet-stream'));
        return reply
          .header('etag', `"${createHash('md5').update(body).digest('hex')}"`)
          .code(200)
          .send();
      });

      scope.get<{ Params: { bucket: string; '*': string } }>('/:bucket/*', async (request, reply) => {
        const key = request.params['*'];
        const file = fileOf(key);
        const size = await stat(file).then(
          (s) => s.size,
          () => undefined,
        );
        if (size === undefined) return sendError(reply, 404, 'NoSuchKey', 'The specified key does not exist.', key);
        const meta = await readFile(`${file}.meta`, 'utf8').catch(() => 'binary/octet-stream');
        // HEAD is this route too (Fastify's own HEAD route): the same headers, the body left out.
        reply.header('content-length', String(size)).header('content-type', meta).header('etag', `"${size}"`);
        return reply.code(200).send(createReadStream(file));
      });

      scope.delete<{ Params: { bucket: string; '*': string } }>('/:bucket/*', async (request, reply) => {
        await removeObject(fileOf(request.params['*']));
        return reply.code(204).send();
      });

      const deleteObjects = async (request: FastifyRequest<{ Params: { bucket: string }; Querystring: Record<string, string> }>, reply: FastifyReply) => {
        if (!('delete' in request.query)) return sendError(reply, 400, 'InvalidRequest', 'Only DeleteObjects (?delete) is supported on a bucket.');
        const xml = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
        const keys = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => xmlUnescape(m[1]!));
        if (keys.length === 0 || keys.length > 1000) return sendError(reply, 400, 'MalformedXML', 'The XML you provided was not well-formed.');
        for (const key of keys) await removeObject(fileOf(key));
        const quiet = /<Quiet>true<\/Quiet>/.test(xml);
        const deleted = quiet ? '' : keys.map((key) => `<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`).join('');
        return reply
          .code(200)
          .type('application/xml')
          .send(`<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${deleted}</DeleteResult>`);
      };
      // The SDK asks for a bucket path-style as /<bucket>/ (with the slash); either is the bucket.
      scope.post('/:bucket', deleteObjects);
      scope.post('/:bucket/', deleteObjects);
    },
    { prefix: options.prefix },
  );
  app.addHook('onClose', async () => faults.close());

  async function writeMeta(file: string, contentType: string) {
    const handle = await open(`${file}.meta`, 'w');
    await handle.writeFile(contentType);
    await handle.close();
  }

  async function removeObject(file: string) {
    await rm(file, { force: true });
    await rm(`${file}.meta`, { force: true });
  }

  return {
    url: `${options.baseUrl.replace(/\/$/, '')}${options.prefix}`,
    ...faults.controls(),
    async keys() {
      const names = await readdir(options.dir);
      return names
        .filter((name) => !name.endsWith('.meta') && !name.endsWith('.part'))
        .map(decodeURIComponent)
        .sort();
    },
    async content(key) {
      return readFile(fileOf(key)).catch(() => null);
    },
  };
}

/** SHA-256, or HMAC-SHA256 when given a key: the hash class the signer asks for. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: SourceData): Uint8Array | string {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
