/**
 * What an uploaded file is, by its content (magic bytes, with file-type), never by what the
 * browser says: for documents a person adds to a zaak or sends with a form.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Types without magic bytes, recognised by their extension only. */
const textTypes: Record<string, string> = { txt: 'text/plain', csv: 'text/csv' };

/** The file's content type from its content, if its type is one of `allowed` (extensions, lower case); else undefined. */
export async function detectType(filename: string, content: Buffer, allowed: readonly string[]): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    const ext = detected.ext === 'jpg' ? ['jpg', 'jpeg'] : [detected.ext];
    return ext.some((e) => allowed.includes(e)) ? detected.mime : undefined;
  }
  const extension = filename.toLowerCase().split('.').at(-1) ?? '';
  return allowed.includes(extension) ? textTypes[extension] : undefined;
}
