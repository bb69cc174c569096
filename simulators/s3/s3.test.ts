/**
 * The S3 simulator as an S3 client meets it (@aws-sdk/client-s3, path-style, Signature Version 4):
 * objects put, read back as a stream, their headers, deleted one by one or many at once; requests
 * not signed with the configured key refused with S3's own error codes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../src/platform/files/object-store.ts';
import { freePort } from '../../test/support/ports.ts';
import { registerS3Simulator, type S3Simulator } from './index.ts';

const app = Fastify({ logger: false, forceCloseConnections: true });
let simulator: S3Simulator;
let dir: string;
const settings = (secretAccessKey = 'geheim-s3', accessKeyId = 'voordeur') => ({
  endpoint: new URL(simulator.url),
  bucket: 'bijlagen',
  region: 'eu-west-1',
  accessKeyId,
  secretAccessKey,
  forcePathStyle: true,
  timeoutMs: 3000,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voordeur-s3-sim-'));
  const port = await freePort();
  simulator = await registerS3Simulator(app, {
    prefix: '/s3',
    baseUrl: `http://127.0.0.1:${port}`,
    bucket: 'bijlagen',
    region: 'eu-west-1',
    accessKeyId: 'voordeur',
    secretAccessKey: 'geheim-s3',
    dir,
  });
  await app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the S3 simulator', () => {
  it('stores, streams, describes and deletes objects under keys with slashes and spaces', async () => {
    const store = new S3ObjectStore(settings());
    const content = Buffer.from('%PDF-1.7 een bijlage');
    await store.put('organisatie-bijlagen/a b+c', content, 'application/pdf');
    await store.put('organisatie-bijlagen/tweede', content, 'application/pdf');
    expect(await simulator.keys()).toEqual(['organisatie-bijlagen/a b+c', 'organisatie-bijlagen/tweede']);
    const object = await store.get('organisatie-bijlagen/a b+c');
    expect(object?.contentLength).toBe(content.length);
    const chunks: Buffer[] = [];
    for await (const chunk of object!.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(content);
    const client = new S3Client({ ...settings(), endpoint: simulator.url, credentials: { accessKeyId: 'voordeur', secretAccessKey: 'geheim-s3' } });
    const head = await client.send(new HeadObjectCommand({ Bucket: 'bijlagen', Key: 'organisatie-bijlagen/tweede' }));
    expect([head.ContentType, head.ContentLength]).toEqual(['application/pdf', content.length]);
    await expect(client.send(new GetObjectCommand({ Bucket: 'bijlagen', Key: 'er-niet' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect(await store.get('er-niet')).toBeNull();
    await store.delete(['organisatie-bijlagen/a b+c', 'organisatie-bijlagen/tweede', 'er-niet']);
    expect(await simulator.keys()).toEqual([]);
    client.destroy();
  });

  it('refuses a request signed with another secret or key, or for another bucket, with S3 error codes; and is down when told', async () => {
    const refusal = (store: S3ObjectStore) =>
      store.put('x', Buffer.from('x'), 'application/pdf').then(
        () => 'accepted',
        (error: Error) => (error.cause as Error).name,
      );
    expect(await refusal(new S3ObjectStore(settings('ander-geheim')))).toBe('SignatureDoesNotMatch');
    expect(await refusal(new S3ObjectStore(settings('geheim-s3', 'iemand-anders')))).toBe('InvalidAccessKeyId');
    expect(await refusal(new S3ObjectStore({ ...settings(), bucket: 'andere-bucket' }))).toBe('NoSuchBucket');
    const unsigned = await fetch(`${simulator.url}/bijlagen/x`, { method: 'PUT', body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    simulator.setFault('down');
    expect(await refusal(new S3ObjectStore(settings()))).toBe('ServiceUnavailable');
    simulator.setFault('none');
    expect(await simulator.keys()).toEqual([]);
  });
});
