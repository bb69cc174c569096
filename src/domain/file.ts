/** A file as it comes from where it is kept: a stream, with its type and length when the source says them. */
import type { Readable } from 'node:stream';

export interface FileStream {
  body: Readable;
  contentType?: string;
  contentLength?: number;
}
