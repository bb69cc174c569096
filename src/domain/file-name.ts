/**
 * The name a document is stored under: the name the person gave, with the extension of what the
 * file really is (its type detected from its content). "scan.png" that is a PDF is stored as
 * "scan.pdf": whoever opens it later — a caseworker in the zaaksysteem, the person downloading it
 * — gets the program the content needs, and a file cannot pass as another type by its name.
 */

/** The extensions of each content type Voordeur accepts; the first is the one a name gets. */
const extensionsByType: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'image/bmp': ['bmp'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'application/zip': ['zip'],
  'application/xml': ['xml'],
  'application/rtf': ['rtf'],
  'application/x-cfb': ['doc', 'xls', 'ppt', 'msg'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
};

const maxLength = 255;

/** The extensions that fit a content type (without parameters such as "; charset="), or undefined when unknown. */
export function extensionsOf(contentType: string): readonly string[] | undefined {
  return extensionsByType[contentType.split(';')[0]!.trim().toLowerCase()];
}

/**
 * `given` (as the browser sent it) made safe to store and show, with an extension that matches
 * `contentType`: kept when it already fits (".jpeg" for a JPEG), replaced when it does not
 * ("foto.png" → "foto.jpg"), added when there is none ("scan" → "scan.pdf"). Folders, control
 * characters and backslashes are dropped; at most 255 characters, the extension kept.
 */
export function storedFileName(given: string, contentType: string): string {
  const base = given.split(/[/\\]/).at(-1) ?? '';
  let name = [...base]
    .filter((char) => {
      const code = char.codePointAt(0)!;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
    })
    .join('')
    .trim();
  const extensions = extensionsOf(contentType);
  const match = /^(.*)\.([A-Za-z0-9]{1,8})$/.exec(name);
  let stem = match ? match[1]! : name;
  let extension = match ? match[2]! : '';
  if (extensions && !extensions.includes(extension.toLowerCase())) extension = extensions[0]!;
  stem = stem.replace(/[.\s]+$/, '');
  if (stem === '') stem = 'document';
  const suffix = extension ? `.${extension}` : '';
  name = `${[...stem].slice(0, maxLength - suffix.length).join('')}${suffix}`;
  return name;
}
