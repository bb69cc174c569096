/**
 * What the browser sent with a form: its fields (a list when a name comes more than once) and, for
 * a multipart form, its files by field name. The CSRF token must come before any file is read.
 */
import type { FastifyRequest } from 'fastify';
import { assertCsrfToken } from '../http/session.ts';
import type { Upload } from './files.ts';

export interface SentForm {
  body: Record<string, unknown>;
  uploads: Map<string, Upload[]>;
}

/** The most files one form may send, of all its file fields together (more: the request is refused, 413). */
export const maxFilesPerForm = 20;

/** Reads a form sent as application/x-www-form-urlencoded or multipart/form-data, checking its CSRF token. */
export async function readSentForm(request: FastifyRequest): Promise<SentForm> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    assertCsrfToken(request, body._csrf);
    return { body, uploads: new Map() };
  }
  const body: Record<string, unknown> = {};
  const uploads = new Map<string, Upload[]>();
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value !== 'string') continue;
      const before = body[part.fieldname];
      body[part.fieldname] = before === undefined ? part.value : [...(Array.isArray(before) ? before : [before]), part.value];
      continue;
    }
    assertCsrfToken(request, body._csrf);
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    // A file input where nothing was chosen sends an empty part without a name.
    if (!part.filename) continue;
    const list = uploads.get(part.fieldname) ?? [];
    list.push({ filename: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated });
    uploads.set(part.fieldname, list);
  }
  assertCsrfToken(request, body._csrf);
  return { body, uploads };
}
