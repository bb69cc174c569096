/**
 * Files in S3-compatible storage (AWS S3, MinIO, Ceph, Garage…) through @aws-sdk/client-s3:
 * put, read as a stream, delete. One bucket; keys are chosen by the caller and never hold personal
 * data. Each call has a deadline, and a failure is an `ObjectStoreUnavailable` (the caller decides
 * what it means for the person or organisation).
 */
import type { Readable } from 'node:stream';
import type { DeleteObjectsCommandOutput, S3Client } from '@aws-sdk/client-s3';

export interface ObjectStoreSettings {
  /** The S3 endpoint, e.g. https://s3.eu-central-1.amazonaws.com or http://minio:9000. */
  endpoint: URL;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key` (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
  /** Deadline of one call, in milliseconds. */
  timeoutMs: number;
}

/** The store could not be reached or refused the call (not: the object is not there). */
export class ObjectStoreUnavailable extends Error {
  constructor(what: string, cause: unknown) {
    super(`object storage unavailable (${what}): ${cause instanceof Error ? cause.name : 'error'}`, { cause });
    this.name = 'ObjectStoreUnavailable';
  }
}

export interface StoredObject {
  body: Readable;
  contentLength: number;
}

export interface ObjectStore {
  /** Stores `content` under `key` (durably: resolved only after the store answered). */
  put(key: string, content: Buffer, contentType: string): Promise<void>;
  /** The object as a stream (not read into memory); null when there is none under `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Deletes the objects (one that is not there counts as deleted). */
  delete(keys: string[]): Promise<void>;
}

/** At most this many keys per DeleteObjects call (the S3 limit). */
const deleteChunk = 1_000;

/**
 * The AWS SDK is loaded on first use, not at start: importing it takes ~0.25 s of CPU (more on a
 * busy machine), and a web process serves pages long before it stores or reads an attachment.
 */
const loadSdk = () => Promise.all([import('@aws-sdk/client-s3'), import('@smithy/node-http-handler')]);

export class S3ObjectStore implements ObjectStore {
  private connection: Promise<{ sdk: Awaited<ReturnType<typeof loadSdk>>[0]; client: S3Client }> | undefined;

  constructor(private readonly settings: ObjectStoreSettings) {}

  /** The SDK's commands and the client, made on first use. */
  private connect() {
    this.connection ??= loadSdk().then(([sdk, { NodeHttpHandler }]) => {
      const settings = this.settings;
      const client = new sdk.S3Client({
        endpoint: settings.endpoint.href,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        // Checksums only where S3 requires them (DeleteObjects): what every S3-compatible store accepts.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 2,
        requestHandler: new NodeHttpHandler({ connectionTimeout: settings.timeoutMs, requestTimeout: settings.timeoutMs }),
      });
      return { sdk, client };
    });
    return this.connection;
  }

  async put(key: string, content: Buffer, contentType: string): Promise<void> {
    try {
      const { sdk, client } = await this.connect();
      await client.send(
        new sdk.PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: content, ContentType: contentType, ContentLength: content.length }),
        { abortSignal: AbortSignal.timeout(this.settings.timeoutMs) },
      );
    } catch (error) {
      throw new ObjectStoreUnavailable('put', error);
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const { sdk, client } = await this.connect();
    try {
      const answer = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }), {
        abortSignal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      return { body: answer.Body as Readable, contentLength: Number(answer.ContentLength) };
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return null;
      throw new ObjectStoreUnavailable('get', error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const { sdk, client } = await this.connect();
    for (let start = 0; start < keys.length; start += deleteChunk) {
      const chunk = keys.slice(start, start + deleteChunk);
      let answer: DeleteObjectsCommandOutput;
      try {
        answer = await client.send(
          new sdk.DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }),
          { abortSignal: AbortSignal.timeout(this.settings.timeoutMs) },
        );
      } catch (error) {
        throw new ObjectStoreUnavailable('delete', error);
      }
      const failed = (answer.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) throw new ObjectStoreUnavailable('delete', new Error(failed[0]?.Code ?? 'delete refused'));
    }
  }

  close(): void {
    this.connection?.then(({ client }) => client.destroy()).catch(() => {});
  }
}
