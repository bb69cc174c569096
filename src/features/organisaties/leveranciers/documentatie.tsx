/**
 * The API's documentation in the leveranciersportaal: examples for this organisation (curl for a
 * token and a first bericht, with its own id and this Voordeur's URLs), the endpoints and the
 * fields of a bericht read from the OpenAPI document, and the sections of docs/organisaties.md an
 * organisation needs (calling the API, the webhook, limits), rendered from its Markdown. The
 * Markdown is English; it is marked so (lang="en") on a Dutch page.
 */
import { readFileSync } from 'node:fs';
import type { ComponentChildren, JSX } from 'preact';
import type { Lang, Translate } from '../../../platform/i18n/index.ts';
import { Heading, Link, Paragraph, Table } from '../../../platform/ui/components.tsx';
import { openApiDocument, schemas } from '../openapi.ts';
import { Code } from './views.tsx';

/** The sections of docs/organisaties.md shown to organisations (by their ## heading); the one on mutual TLS only where it is on. */
const shownSections = ['Calling the API', 'Mutual TLS (optional, per organisation)', 'Webhook', 'Lopende zaken', 'Limits and audit'];
const mtlsSection = shownSections[1];

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] }
  | { kind: 'table'; rows: string[][] };

/** The Markdown the documentation page shows: a small subset (headings, paragraphs, lists, fenced code, tables), enough for docs/organisaties.md. */
export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') {
      i++;
    } else if (trimmed.startsWith('```')) {
      const code: string[] = [];
      const indent = line.indexOf('```');
      for (i++; i < lines.length && !lines[i]!.trim().startsWith('```'); i++)
        code.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
      i++;
      blocks.push({ kind: 'code', text: code.join('\n') });
    } else if (/^#{2,4} /.test(trimmed)) {
      blocks.push({ kind: 'heading', text: trimmed.replace(/^#+ /, '') });
      i++;
    } else if (trimmed.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.trim().startsWith('|'); i++) {
        const cells = lines[i]!.trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((cell) => cell.trim());
        if (!cells.every((cell) => /^:?-+:?$/.test(cell))) rows.push(cells);
      }
      blocks.push({ kind: 'table', rows });
    } else if (/^(\d+\.|-) /.test(trimmed)) {
      // A list item runs on over indented lines; fenced code and tables inside it become blocks of their own.
      const ordered = /^\d+\./.test(trimmed);
      const start = ordered ? Number.parseInt(trimmed, 10) : 1;
      const items: string[] = [];
      while (i < lines.length && /^(\d+\.|-) /.test(lines[i]!.trim()) && !lines[i]!.startsWith('   ')) {
        let text = lines[i]!.trim().replace(/^(\d+\.|-) /, '');
        for (
          i++;
          i < lines.length && lines[i]!.startsWith('  ') && lines[i]!.trim() !== '' && !lines[i]!.trim().startsWith('```') && !lines[i]!.trim().startsWith('|');
          i++
        )
          text += ` ${lines[i]!.trim()}`;
        items.push(text);
        if (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.trim().startsWith('```') || lines[i]!.trim().startsWith('|'))) break;
      }
      blocks.push({ kind: 'list', ordered, start, items });
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.trim().startsWith('```') && !/^#{1,4} /.test(lines[i]!.trim()); i++)
        text.push(lines[i]!.trim());
      blocks.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return blocks;
}

/** Inline Markdown: `code`, **strong** and [links](https://…); everything else is text. */
function inline(text: string): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    if (match[1] !== undefined) parts.push(<code class="voordeur-breakable">{match[1]}</code>);
    else if (match[2] !== undefined) parts.push(<strong>{match[2]}</strong>);
    else if (/^https:\/\//.test(match[4]!)) parts.push(<Link href={match[4]!}>{match[3]}</Link>);
    else parts.push(match[3]);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function renderBlocks(blocks: Block[]): JSX.Element[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return <Heading level={3}>{inline(block.text)}</Heading>;
      case 'paragraph':
        return <Paragraph>{inline(block.text)}</Paragraph>;
      case 'code':
        return <Code>{block.text}</Code>;
      case 'list': {
        const items = block.items.map((item) => <li class={block.ordered ? 'utrecht-ordered-list__item' : 'utrecht-unordered-list__item'}>{inline(item)}</li>);
        return block.ordered ? (
          <ol class="utrecht-ordered-list" start={block.start}>
            {items}
          </ol>
        ) : (
          <ul class="utrecht-unordered-list">{items}</ul>
        );
      }
      case 'table': {
        const [head = [], ...rows] = block.rows;
        return (
          <Table
            caption={head.join(', ')}
            captionHidden
            head={head.map((cell) => inline(cell))}
            rows={rows.map((row, i) => ({ key: String(i), cells: row.map((cell) => inline(cell)) }))}
          />
        );
      }
    }
  });
}

/** The ## sections of the Markdown by their heading. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

let docs: Map<string, string> | undefined;
function organisatieDocs(): Map<string, string> {
  if (!docs) {
    try {
      docs = sections(readFileSync(new URL('../../../../docs/organisaties.md', import.meta.url), 'utf8'));
    } catch {
      docs = new Map();
    }
  }
  return docs;
}

type Operation = { summary?: string };

export function DocumentatieSection({
  t,
  lang,
  organisatieId,
  apiUrl,
  mtls,
}: {
  t: Translate;
  lang: Lang;
  organisatieId: string;
  apiUrl: string;
  /** Whether the API has mutual TLS (ORGANISATIE_API_CLIENT_CERT_HEADER). */
  mtls: boolean;
}) {
  const document = openApiDocument(apiUrl) as unknown as { paths: Record<string, Record<string, Operation>> };
  const endpoints = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, summary: operation.summary ?? '' })),
  );
  const bericht = schemas.BerichtIn as unknown as {
    required: readonly string[];
    properties: Record<string, { type?: string; maxLength?: number; description?: string }>;
  };
  const english = lang === 'en' ? undefined : 'en';
  const shown = organisatieDocs();
  return (
    <>
      <Paragraph>{t('leveranciers.docs.intro')}</Paragraph>
      <Paragraph>
        <Link href={`${apiUrl}/openapi.json`}>{t('leveranciers.docs.openapi')}</Link>
      </Paragraph>
      <Heading level={2}>{t('leveranciers.docs.token')}</Heading>
      <Paragraph>{t('leveranciers.docs.token.uitleg', { id: organisatieId })}</Paragraph>
      <Code>{`curl -s ${apiUrl}/token \\
  -d grant_type=client_credentials \\
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \\
  -d client_assertion="$ASSERTION"
# {"access_token":"…","token_type":"Bearer","expires_in":300}`}</Code>
      <Heading level={2}>{t('leveranciers.docs.bericht')}</Heading>
      <Paragraph>{t('leveranciers.docs.bericht.uitleg')}</Paragraph>
      <Code>{`curl -s ${apiUrl}/berichten \\
  -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
  -d '{"berichten":[{"berichtId":"TEST-0001","ontvanger":{"bsn":"999993653"},
       "onderwerp":"Uw eerste bericht","tekst":"Dit is een test."}]}'
# {"resultaten":[{"berichtId":"TEST-0001","resultaat":"verwerkt"}]}`}</Code>
      <Heading level={2}>{t('leveranciers.docs.endpoints')}</Heading>
      <Table
        caption={t('leveranciers.docs.endpoints')}
        captionHidden
        head={[t('leveranciers.docs.endpoint'), t('leveranciers.docs.wat')]}
        rows={endpoints.map((e) => ({
          key: `${e.method} ${e.path}`,
          cells: [
            <code class="voordeur-breakable">
              {e.method} {e.path}
            </code>,
            <span lang={english}>{e.summary}</span>,
          ],
        }))}
      />
      <Heading level={2}>{t('leveranciers.docs.velden')}</Heading>
      <Table
        caption={t('leveranciers.docs.velden')}
        captionHidden
        head={[t('leveranciers.docs.veld'), t('leveranciers.docs.verplicht'), t('leveranciers.docs.uitleg')]}
        rows={Object.entries(bericht.properties).map(([name, property]) => ({
          key: name,
          cells: [
            <code>{name}</code>,
            t(bericht.required.includes(name) ? 'leveranciers.docs.ja' : 'leveranciers.docs.nee'),
            <span lang={english}>{[property.description, property.maxLength ? `max. ${property.maxLength}` : undefined].filter(Boolean).join(' — ')}</span>,
          ],
        }))}
      />
      {shownSections
        .filter((name) => shown.has(name) && (mtls || name !== mtlsSection))
        .map((name) => (
          <section lang={english} aria-labelledby={`docs-${name.toLowerCase().replace(/\W+/g, '-')}`}>
            <Heading level={2} id={`docs-${name.toLowerCase().replace(/\W+/g, '-')}`}>
              {name}
            </Heading>
            {renderBlocks(markdownBlocks(shown.get(name)!))}
          </section>
        ))}
    </>
  );
}
