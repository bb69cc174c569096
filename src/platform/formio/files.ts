/**
 * File fields of a form (Form.io's file, NL Portal's portalFileUpload): which files a field
 * accepts (what Voordeur accepts, narrowed by the definition), each uploaded file checked as a
 * zaak upload is (type by its content, size, a safe name), and the files of a sent form stored as
 * documents, their references put in the submitted data.
 */
import { extensionsOf, storedFileName } from '../../domain/file-name.ts';
import { detectType } from '../files/detect.ts';
import { numberFormat } from '../i18n/format.ts';
import { isInput, type FileModel, type FormModel } from './definition.ts';
import { setAt, valueAt, type UploadedFile } from './validate.ts';

/** What Voordeur accepts for uploads (the configuration's UPLOAD_* settings). */
export interface UploadRules {
  /** Extensions, lower case ("pdf", "jpg"). */
  allowedTypes: readonly string[];
  maxBytes: number;
}

/** A file as it came from the browser. */
export interface Upload {
  filename: string;
  content: Buffer;
  /** Cut off at the size limit. */
  truncated: boolean;
}

const imageTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/tiff', 'image/webp', 'image/heic', 'image/heif', 'image/bmp'];

/** The extensions one entry of a definition's accept list stands for (".pdf", "application/pdf", "image/*"). */
function extensionsFor(entry: string): readonly string[] {
  const lower = entry.trim().toLowerCase();
  if (lower.startsWith('.')) return [lower.slice(1)];
  if (lower === 'image/*') return imageTypes.flatMap((type) => extensionsOf(type) ?? []);
  if (lower.endsWith('/*')) return [];
  return extensionsOf(lower) ?? [];
}

/** The extensions and largest size a file field takes: Voordeur's rules, narrowed by the definition. */
export function fileRules(field: FileModel, rules: UploadRules): { extensions: string[]; maxBytes: number } {
  const allowed = rules.allowedTypes.map((type) => type.toLowerCase());
  const wanted = field.accept.length > 0 ? new Set(field.accept.flatMap(extensionsFor)) : undefined;
  // jpg and jpeg are the same type: one of them in the definition allows both.
  if (wanted?.has('jpg') || wanted?.has('jpeg')) wanted.add('jpg').add('jpeg');
  return {
    extensions: wanted ? allowed.filter((type) => wanted.has(type)) : allowed,
    maxBytes: Math.min(rules.maxBytes, field.maxBytes ?? Number.POSITIVE_INFINITY),
  };
}

/** "10 MB", "500 kB". */
export function formatSize(bytes: number, lang: 'nl' | 'en'): string {
  const [value, unit] = bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'kB'] : [bytes, 'bytes'];
  return `${numberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

/** "PDF, JPG, PNG". */
export const typeList = (extensions: readonly string[]) => extensions.map((type) => type.toUpperCase()).join(', ');

/** One uploaded file checked for a field: empty, too large, or not a type it takes (by its content). */
export async function inspectUpload(field: FileModel, rules: UploadRules, upload: Upload, lang: 'nl' | 'en'): Promise<UploadedFile> {
  const { extensions, maxBytes } = fileRules(field, rules);
  const given = { size: upload.content.length, content: upload.content };
  const name = storedFileName(upload.filename, '');
  if (upload.truncated || upload.content.length > maxBytes) return { ...given, name, problem: 'fileSize', detail: formatSize(maxBytes, lang) };
  if (upload.content.length === 0) return { ...given, name, problem: 'fileEmpty' };
  const formaat = await detectType(upload.filename, upload.content, extensions);
  if (!formaat) return { ...given, name, problem: 'fileType', detail: typeList(extensions) };
  // Stored under the name given, with the extension of what the content is ("scan.png" that is a PDF: "scan.pdf").
  return { ...given, name: storedFileName(upload.filename, formaat), formaat };
}

/** The stored document of one file: its URL. */
export type StoreFile = (field: FileModel, file: UploadedFile & { formaat: string }) => Promise<string>;

/**
 * Stores the files of the shown file fields in `data` (validateSubmission's data) and puts their
 * references in their place: for portalFileUpload the document URLs, for file Form.io's file
 * objects ({storage: "url", name, originalName, url, size, type}). Files of a field that was not
 * shown are not in `data`, so they are not stored.
 */
export async function storeFiles(form: FormModel, data: Record<string, unknown>, store: StoreFile): Promise<void> {
  for (const field of form.fields.filter(isInput)) {
    if (field.kind !== 'file' || field.disabled) continue;
    const files = valueAt(data, field.key);
    if (!Array.isArray(files)) continue;
    const references: unknown[] = [];
    for (const file of files as UploadedFile[]) {
      const url = await store(field, file as UploadedFile & { formaat: string });
      references.push(field.submitAs === 'urls' ? url : { storage: 'url', name: file.name, originalName: file.name, url, size: file.size, type: file.formaat });
    }
    setAt(data, field.key, references);
  }
}
