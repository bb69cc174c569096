/**
 * The leveranciersportaal's pages: plain server-rendered NL Design System pages that work without
 * JavaScript. Every form that changes something is a POST with the portal session's CSRF token.
 */
import type { ComponentChildren } from 'preact';
import type { Lang, Translate } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import {
  Alert,
  Button,
  DataList,
  DateText,
  ErrorSummary,
  type FieldError,
  Form,
  Heading,
  Link,
  Message,
  Paragraph,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import type { AuditRegel, DagResultaten, MisluktWebhook, OngeopendBericht, ResultaatCode } from '../../../sources/voordeur/organisatie-aansluiting.ts';
import { resultaatCodes } from '../../../sources/voordeur/organisatie-aansluiting.ts';
import { type Bewaartermijn, maxBewaarDagen } from '../../../sources/voordeur/organisatie-bewaartermijnen.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Certificaat } from '../../../sources/voordeur/organisaties.ts';

export const portaalPages = [
  { path: '/leveranciers', key: 'leveranciers.nav.overzicht' },
  { path: '/leveranciers/berichten', key: 'leveranciers.nav.berichten' },
  { path: '/leveranciers/webhook', key: 'leveranciers.nav.webhook' },
  { path: '/leveranciers/sleutels', key: 'leveranciers.nav.sleutels' },
  { path: '/leveranciers/bewaartermijn', key: 'leveranciers.nav.bewaartermijn' },
  { path: '/leveranciers/documentatie', key: 'leveranciers.nav.documentatie' },
] as const satisfies readonly { path: string; key: MessageKey }[];

export type PortaalPath = (typeof portaalPages)[number]['path'];

const resultaatKeys: Record<ResultaatCode, MessageKey> = {
  verwerkt: 'leveranciers.resultaat.verwerkt',
  bestaatAl: 'leveranciers.resultaat.bestaatAl',
  ontvangerOnbekend: 'leveranciers.resultaat.ontvangerOnbekend',
  bijlageTeGroot: 'leveranciers.resultaat.bijlageTeGroot',
  bijlageOngeldig: 'leveranciers.resultaat.bijlageOngeldig',
  ongeldig: 'leveranciers.resultaat.ongeldig',
  opslagNietBeschikbaar: 'leveranciers.resultaat.opslagNietBeschikbaar',
};

/** The portal's own menu, above each page's content. */
function PortaalNav({ t, current }: { t: Translate; current: PortaalPath }) {
  return (
    <nav class="voordeur-portaal-nav" aria-label={t('leveranciers.nav.label')}>
      <ul class="voordeur-portaal-nav__list">
        {portaalPages.map((page) => (
          <li class="voordeur-portaal-nav__item">
            <Link href={page.path} current={page.path === current}>
              {t(page.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PortaalPage({
  t,
  current,
  title,
  organisatie,
  children,
}: {
  t: Translate;
  current: PortaalPath;
  title: string;
  organisatie: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="voordeur-leveranciers">
      <PortaalNav t={t} current={current} />
      <Heading level={1}>{title}</Heading>
      <Paragraph small>{t('leveranciers.organisatie', { naam: organisatie })}</Paragraph>
      {children}
    </div>
  );
}

export function OverzichtTable({ t, lang, dagen }: { t: Translate; lang: Lang; dagen: DagResultaten[] }) {
  const totaal = Object.fromEntries(resultaatCodes.map((code) => [code, dagen.reduce((sum, dag) => sum + dag.aantallen[code], 0)])) as Record<
    ResultaatCode,
    number
  >;
  return (
    <>
      <Paragraph>{t('leveranciers.overzicht.intro', { dagen: dagen.length })}</Paragraph>
      <Table
        caption={t('leveranciers.overzicht.caption', { dagen: dagen.length })}
        head={[t('leveranciers.overzicht.dag'), ...resultaatCodes.map((code) => t(resultaatKeys[code]))]}
        rows={[
          ...dagen.map((dag) => ({
            key: dag.dag,
            cells: [<DateText lang={lang} value={dag.dag} />, ...resultaatCodes.map((code) => String(dag.aantallen[code]))],
          })),
          { key: 'totaal', cells: [t('leveranciers.overzicht.totaal'), ...resultaatCodes.map((code) => String(totaal[code]))] },
        ]}
      />
      <Heading level={2}>{t('leveranciers.overzicht.codes')}</Heading>
      <DataList items={resultaatCodes.map((code) => ({ key: <code>{code}</code>, value: t(`${resultaatKeys[code]}.uitleg` as MessageKey) }))} />
    </>
  );
}

/** Who a term is for: one bericht type, or every type without a term of its own. */
function TermijnVoor({ t, berichtType }: { t: Translate; berichtType: string }) {
  return berichtType ? (
    <Message t={t} id="leveranciers.bewaartermijn.type" params={{ type: <code>{berichtType}</code> }} />
  ) : (
    t('leveranciers.bewaartermijn.overige')
  );
}

/** How long the organisation's berichten are kept, per bericht type, on the overview; changed on its own page. */
export function BewaartermijnSection({ t, termijnen }: { t: Translate; termijnen: Bewaartermijn[] }) {
  return (
    <section aria-labelledby="bewaartermijn-title">
      <Heading level={2} id="bewaartermijn-title">
        {t('leveranciers.bewaartermijn.title')}
      </Heading>
      {termijnen.length === 0 ? (
        <Paragraph>{t('leveranciers.bewaartermijn.geen')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('leveranciers.bewaartermijn.intro')}</Paragraph>
          <DataList
            items={termijnen.map((termijn) => ({
              key: <TermijnVoor t={t} berichtType={termijn.berichtType} />,
              value: t('leveranciers.bewaartermijn.dagen', { dagen: termijn.dagen }),
            }))}
          />
        </>
      )}
      <Paragraph>
        <Link href="/leveranciers/bewaartermijn">{t('leveranciers.bewaartermijn.wijzigen')}</Link>
      </Paragraph>
    </section>
  );
}

export interface BewaartermijnView {
  termijnen: Bewaartermijn[];
  /** What was typed in the form. */
  berichtType: string;
  dagen: string;
  errors: FieldError[];
  notice?: 'opgeslagen' | 'verwijderd';
  /** A change that would delete berichten already sent: shown to confirm first. */
  bevestigen?: { berichtType: string; dagen: number | null; teVerwijderen: number };
}

/** The organisation's terms, with a form to set one and a button to remove each; a change that deletes berichten is confirmed first. */
export function BewaartermijnPage({ t, lang, csrfToken, view }: { t: Translate; lang: Lang; csrfToken: string; view: BewaartermijnView }) {
  const errorOf = (field: string) => view.errors.find((e) => e.field === field)?.message;
  const { bevestigen } = view;
  return (
    <>
      <ErrorSummary errors={view.errors} title={t('form.errors.title')} />
      {view.notice && (
        <Alert type="ok" role="status">
          <Paragraph>{t(`leveranciers.bewaartermijn.notice.${view.notice}`)}</Paragraph>
        </Alert>
      )}
      {bevestigen && (
        <Alert type="warning" role="alert">
          <Heading level={2}>{t('leveranciers.bewaartermijn.bevestigen.title')}</Heading>
          <Paragraph>
            {t(bevestigen.teVerwijderen === 1 ? 'leveranciers.bewaartermijn.bevestigen.een' : 'leveranciers.bewaartermijn.bevestigen.tekst', {
              n: bevestigen.teVerwijderen,
            })}
          </Paragraph>
          <Form action={bevestigen.dagen === null ? '/leveranciers/bewaartermijn/verwijderen' : '/leveranciers/bewaartermijn'} csrfToken={csrfToken}>
            <input type="hidden" name="berichtType" value={bevestigen.berichtType} />
            {bevestigen.dagen !== null && <input type="hidden" name="dagen" value={String(bevestigen.dagen)} />}
            <input type="hidden" name="bevestigd" value={String(bevestigen.teVerwijderen)} />
            <Button>{t('leveranciers.bewaartermijn.bevestigen.ja')}</Button>
          </Form>
          <Paragraph>
            <Link href="/leveranciers/bewaartermijn">{t('leveranciers.bewaartermijn.bevestigen.nee')}</Link>
          </Paragraph>
        </Alert>
      )}
      <Paragraph>{t('leveranciers.bewaartermijn.intro')}</Paragraph>
      <Paragraph>{t('leveranciers.bewaartermijn.volgorde')}</Paragraph>
      {view.termijnen.length === 0 ? (
        <Paragraph>{t('leveranciers.bewaartermijn.geen')}</Paragraph>
      ) : (
        <Table
          caption={t('leveranciers.bewaartermijn.title')}
          captionHidden
          head={[t('leveranciers.bewaartermijn.berichten'), t('leveranciers.bewaartermijn.bewaren'), t('leveranciers.webhook.actie')]}
          rows={view.termijnen.map((termijn) => ({
            key: termijn.berichtType || '*',
            cells: [
              <TermijnVoor t={t} berichtType={termijn.berichtType} />,
              t('leveranciers.bewaartermijn.dagen', { dagen: termijn.dagen }),
              <RowButton
                action="/leveranciers/bewaartermijn/verwijderen"
                csrfToken={csrfToken}
                field={['berichtType', termijn.berichtType]}
                label={t('leveranciers.bewaartermijn.verwijderen')}
                row={<TermijnVoor t={t} berichtType={termijn.berichtType} />}
              />,
            ],
          }))}
        />
      )}
      <Heading level={2}>{t('leveranciers.bewaartermijn.instellen')}</Heading>
      <Form action="/leveranciers/bewaartermijn" csrfToken={csrfToken}>
        <TextField
          id="berichtType"
          name="berichtType"
          label={t('leveranciers.bewaartermijn.berichtType')}
          description={t('leveranciers.bewaartermijn.berichtType.help')}
          value={view.berichtType}
          error={errorOf('berichtType')}
        />
        <TextField
          id="dagen"
          name="dagen"
          label={t('leveranciers.bewaartermijn.dagen.veld')}
          description={t('leveranciers.bewaartermijn.dagen.help', { max: maxBewaarDagen.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') })}
          value={view.dagen}
          error={errorOf('dagen')}
          inputMode="numeric"
          size={6}
        />
        <Button>{t('leveranciers.bewaartermijn.opslaan')}</Button>
      </Form>
    </>
  );
}

export function OngeopendSection({
  t,
  lang,
  dagen,
  error,
  found,
}: {
  t: Translate;
  lang: Lang;
  dagen: string;
  error?: string;
  found?: { berichten: OngeopendBericht[]; totaal: number };
}) {
  const errors: FieldError[] = error ? [{ field: 'dagen', message: error }] : [];
  return (
    <>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <Paragraph>{t('leveranciers.berichten.intro')}</Paragraph>
      <form class="utrecht-form" method="get" action="/leveranciers/berichten" noValidate>
        <TextField
          id="dagen"
          name="dagen"
          label={t('leveranciers.berichten.dagen')}
          description={t('leveranciers.berichten.dagen.help')}
          value={dagen}
          error={error}
          inputMode="numeric"
          size={4}
        />
        <Button>{t('leveranciers.berichten.tonen')}</Button>
      </form>
      {found &&
        (found.totaal === 0 ? (
          <Paragraph>{t('leveranciers.berichten.geen', { dagen })}</Paragraph>
        ) : (
          <>
            <Paragraph>
              {t(found.totaal === 1 ? 'leveranciers.berichten.aantal.een' : 'leveranciers.berichten.aantal', { n: found.totaal, dagen })}
              {found.totaal > found.berichten.length && ` ${t('leveranciers.berichten.eerste', { n: found.berichten.length })}`}
            </Paragraph>
            <Table
              caption={t('leveranciers.berichten.caption', { dagen })}
              head={[t('leveranciers.berichten.berichtId'), t('leveranciers.berichten.onderwerp'), t('leveranciers.berichten.publicatiedatum')]}
              rows={found.berichten.map((b) => ({
                key: b.berichtId,
                cells: [
                  <code class="voordeur-breakable">{b.berichtId}</code>,
                  <span lang="nl">{b.onderwerp}</span>,
                  <DateText lang={lang} value={b.publicatiedatum} />,
                ],
              }))}
            />
          </>
        ))}
    </>
  );
}

export interface WebhookView {
  url: string | null;
  /** The new secret, right after the URL was set: shown this once. */
  nieuwGeheim?: string;
  mislukt: MisluktWebhook[];
  urlValue: string;
  error?: string;
  notice?: 'opnieuw' | 'nietOpnieuw' | 'verwijderd';
}

export function WebhookSection({ t, lang, csrfToken, view }: { t: Translate; lang: Lang; csrfToken: string; view: WebhookView }) {
  const errors: FieldError[] = view.error ? [{ field: 'url', message: view.error }] : [];
  return (
    <>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      {view.notice && (
        <Alert type={view.notice === 'nietOpnieuw' ? 'warning' : 'ok'} role="status">
          <Paragraph>{t(`leveranciers.webhook.notice.${view.notice}` as MessageKey)}</Paragraph>
        </Alert>
      )}
      {view.nieuwGeheim && (
        <Alert type="ok" role="status">
          <Paragraph>{t('leveranciers.webhook.geheim.intro')}</Paragraph>
          <Paragraph>
            <code class="voordeur-breakable" id="webhook-geheim">
              {view.nieuwGeheim}
            </code>
          </Paragraph>
          <Paragraph small>{t('leveranciers.webhook.geheim.eenmaal')}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('leveranciers.webhook.intro')}</Paragraph>
      <Heading level={2}>{t('leveranciers.webhook.adres')}</Heading>
      <Paragraph>{view.url ? <code class="voordeur-breakable">{view.url}</code> : t('leveranciers.webhook.geen')}</Paragraph>
      <Form action="/leveranciers/webhook" csrfToken={csrfToken}>
        <TextField
          id="url"
          name="url"
          label={t(view.url ? 'leveranciers.webhook.url.nieuw' : 'leveranciers.webhook.url')}
          description={t('leveranciers.webhook.url.help')}
          value={view.urlValue}
          error={view.error}
          autoComplete="url"
        />
        <Button>{t('leveranciers.webhook.opslaan')}</Button>
      </Form>
      {view.url && (
        <Form action="/leveranciers/webhook/verwijderen" csrfToken={csrfToken}>
          <Button appearance="secondary-action">{t('leveranciers.webhook.verwijderen')}</Button>
        </Form>
      )}
      <Heading level={2}>{t('leveranciers.webhook.mislukt')}</Heading>
      {view.mislukt.length === 0 ? (
        <Paragraph>{t('leveranciers.webhook.mislukt.geen')}</Paragraph>
      ) : (
        <Table
          caption={t('leveranciers.webhook.mislukt')}
          captionHidden
          head={[t('leveranciers.webhook.gebeurtenis'), t('leveranciers.webhook.staat'), t('leveranciers.webhook.fout'), t('leveranciers.webhook.actie')]}
          rows={view.mislukt.map((m) => ({
            key: m.jobId,
            cells: [
              <>
                <code>{m.type}</code>
                {m.berichtId && (
                  <>
                    {' '}
                    <code class="voordeur-breakable">{m.berichtId}</code>
                  </>
                )}
              </>,
              m.staat === 'failed' ? (
                t('leveranciers.webhook.staat.mislukt', { n: m.pogingen })
              ) : (
                <>
                  {t('leveranciers.webhook.staat.opnieuw', { n: m.pogingen, max: m.maxPogingen })}{' '}
                  {m.volgendePoging && <DateTime lang={lang} value={m.volgendePoging} />}
                </>
              ),
              m.fout ?? '',
              m.staat === 'failed' ? (
                <RowButton
                  action="/leveranciers/webhook/opnieuw"
                  csrfToken={csrfToken}
                  field={['job', m.jobId]}
                  label={t('leveranciers.webhook.opnieuw')}
                  row={m.berichtId ?? m.jobId}
                />
              ) : (
                ''
              ),
            ],
          }))}
        />
      )}
    </>
  );
}

export interface SleutelsView {
  keys: { kid: string; alg: string; toegevoegd: Date | null }[];
  jwksUrl: string | null;
  /** The client certificates of mutual TLS; absent when the API has no mutual TLS. */
  certificaten?: Certificaat[];
  audit: AuditRegel[];
  sleutel: string;
  jwksUrlValue: string;
  certificaat: string;
  errors: FieldError[];
  notice?: (typeof sleutelsNotices)[number];
  /** When the page is shown (whether a certificate has expired). */
  now: Date;
}

export const sleutelsNotices = ['toegevoegd', 'verwijderd', 'jwksUrl', 'jwksUrlVerwijderd', 'certificaatToegevoegd', 'certificaatVerwijderd'] as const;
const noticeKeys: Record<(typeof sleutelsNotices)[number], MessageKey> = {
  toegevoegd: 'leveranciers.sleutels.notice.toegevoegd',
  verwijderd: 'leveranciers.sleutels.notice.verwijderd',
  jwksUrl: 'leveranciers.sleutels.notice.jwksUrl',
  jwksUrlVerwijderd: 'leveranciers.sleutels.notice.jwksUrlVerwijderd',
  certificaatToegevoegd: 'leveranciers.certificaten.notice.toegevoegd',
  certificaatVerwijderd: 'leveranciers.certificaten.notice.verwijderd',
};

export function SleutelsSection({ t, lang, csrfToken, view }: { t: Translate; lang: Lang; csrfToken: string; view: SleutelsView }) {
  const errorOf = (field: string) => view.errors.find((e) => e.field === field)?.message;
  const last = view.keys.length <= 1;
  return (
    <>
      <ErrorSummary errors={view.errors} title={t('form.errors.title')} />
      {view.notice && (
        <Alert type="ok" role="status">
          <Paragraph>{t(noticeKeys[view.notice])}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('leveranciers.sleutels.intro')}</Paragraph>
      <Table
        caption={t('leveranciers.sleutels.caption')}
        head={[t('leveranciers.sleutels.kid'), t('leveranciers.sleutels.alg'), t('leveranciers.sleutels.toegevoegd'), t('leveranciers.webhook.actie')]}
        rows={view.keys.map((key) => ({
          key: key.kid,
          cells: [
            <code class="voordeur-breakable">{key.kid}</code>,
            key.alg,
            key.toegevoegd ? <DateText lang={lang} value={key.toegevoegd} /> : t('leveranciers.sleutels.onbekend'),
            last ? (
              t('leveranciers.sleutels.laatste')
            ) : (
              <RowButton
                action="/leveranciers/sleutels/verwijderen"
                csrfToken={csrfToken}
                field={['kid', key.kid]}
                label={t('leveranciers.sleutels.verwijderen')}
                row={key.kid}
              />
            ),
          ],
        }))}
      />
      <Heading level={2}>{t('leveranciers.sleutels.toevoegen')}</Heading>
      <Form action="/leveranciers/sleutels" csrfToken={csrfToken}>
        <TextArea
          id="sleutel"
          name="sleutel"
          label={t('leveranciers.sleutels.sleutel')}
          description={t('leveranciers.sleutels.sleutel.help')}
          error={errorOf('sleutel')}
          value={view.sleutel}
          rows={8}
          spellcheck={false}
        />
        <Button>{t('leveranciers.sleutels.toevoegen.knop')}</Button>
      </Form>
      <Heading level={2}>{t('leveranciers.sleutels.jwksUrl')}</Heading>
      <Paragraph>{view.jwksUrl ? <code class="voordeur-breakable">{view.jwksUrl}</code> : t('leveranciers.sleutels.jwksUrl.geen')}</Paragraph>
      <Form action="/leveranciers/sleutels/jwks-url" csrfToken={csrfToken}>
        <TextField
          id="jwksUrl"
          name="jwksUrl"
          label={t('leveranciers.sleutels.jwksUrl.veld')}
          description={t('leveranciers.sleutels.jwksUrl.help')}
          value={view.jwksUrlValue}
          error={errorOf('jwksUrl')}
          autoComplete="url"
        />
        <Button>{t('leveranciers.sleutels.jwksUrl.opslaan')}</Button>
      </Form>
      {view.jwksUrl && (
        <Form action="/leveranciers/sleutels/jwks-url/verwijderen" csrfToken={csrfToken}>
          <Button appearance="secondary-action">{t('leveranciers.sleutels.jwksUrl.verwijderen')}</Button>
        </Form>
      )}
      {view.certificaten && (
        <CertificatenSection
          t={t}
          lang={lang}
          csrfToken={csrfToken}
          certificaten={view.certificaten}
          value={view.certificaat}
          error={errorOf('certificaat')}
          now={view.now}
        />
      )}
      <Heading level={2}>{t('leveranciers.audit.title')}</Heading>
      {view.audit.length === 0 ? (
        <Paragraph>{t('leveranciers.audit.geen')}</Paragraph>
      ) : (
        <Table
          caption={t('leveranciers.audit.title')}
          captionHidden
          head={[t('leveranciers.audit.wanneer'), t('leveranciers.audit.wie'), t('leveranciers.audit.wat')]}
          rows={view.audit.map((regel, i) => ({
            key: String(i),
            cells: [
              <DateTime lang={lang} value={regel.tijdstip} />,
              regel.gebruikerNaam,
              <>
                {t(`leveranciers.audit.${regel.handeling}` as MessageKey)}
                {regel.detail && (
                  <>
                    {': '}
                    <code class="voordeur-breakable">{regel.detail}</code>
                  </>
                )}
              </>,
            ],
          }))}
        />
      )}
    </>
  );
}

/** The client certificates of mutual TLS: the registered ones, each to remove, and a form to add one. */
function CertificatenSection(props: {
  t: Translate;
  lang: Lang;
  csrfToken: string;
  certificaten: Certificaat[];
  value: string;
  error: ComponentChildren;
  now: Date;
}) {
  const { t, lang, csrfToken } = props;
  return (
    <>
      <Heading level={2} id="certificaten">
        {t('leveranciers.certificaten.title')}
      </Heading>
      <Paragraph>{t('leveranciers.certificaten.intro')}</Paragraph>
      {props.certificaten.length === 0 ? (
        <Paragraph>{t('leveranciers.certificaten.geen')}</Paragraph>
      ) : (
        <Table
          caption={t('leveranciers.certificaten.caption')}
          head={[
            t('leveranciers.certificaten.onderwerp'),
            t('leveranciers.certificaten.geldigTot'),
            t('leveranciers.certificaten.thumbprint'),
            t('leveranciers.sleutels.toegevoegd'),
            t('leveranciers.webhook.actie'),
          ]}
          rows={props.certificaten.map((certificaat) => ({
            key: certificaat.thumbprint,
            cells: [
              <span class="voordeur-breakable">{certificaat.onderwerp}</span>,
              <>
                <DateText lang={lang} value={certificaat.geldigTot} />
                {certificaat.geldigTot < props.now && ` (${t('leveranciers.certificaten.verlopen')})`}
              </>,
              <code class="voordeur-breakable">{certificaat.thumbprint}</code>,
              <DateText lang={lang} value={certificaat.toegevoegd} />,
              <RowButton
                action="/leveranciers/sleutels/certificaat/verwijderen"
                csrfToken={csrfToken}
                field={['thumbprint', certificaat.thumbprint]}
                label={t('leveranciers.certificaten.verwijderen')}
                row={certificaat.onderwerp}
              />,
            ],
          }))}
        />
      )}
      <Heading level={3}>{t('leveranciers.certificaten.toevoegen')}</Heading>
      <Form action="/leveranciers/sleutels/certificaat" csrfToken={csrfToken}>
        <TextArea
          id="certificaat"
          name="certificaat"
          label={t('leveranciers.certificaten.certificaat')}
          description={t('leveranciers.certificaten.certificaat.help')}
          error={props.error}
          value={props.value}
          rows={8}
          spellcheck={false}
        />
        <Button>{t('leveranciers.certificaten.toevoegen.knop')}</Button>
      </Form>
    </>
  );
}

/** A button in a table's row that posts one hidden field; for a screen reader its text names the row ("Verwijderen k1"). */
function RowButton(props: { action: string; csrfToken: string; field: [name: string, value: string]; label: string; row: ComponentChildren }) {
  return (
    <Form action={props.action} csrfToken={props.csrfToken}>
      <input type="hidden" name={props.field[0]} value={props.field[1]} />
      <Button appearance="secondary-action">
        {props.label}
        <span class="voordeur-visually-hidden"> {props.row}</span>
      </Button>
    </Form>
  );
}

/** A moment in the reader's language, in Dutch time: "5 december 2026 om 09:12". */
function DateTime({ lang, value }: { lang: Lang; value: Date }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(lang, value)}</time>;
}

export function Code({ children }: { children: string }) {
  return (
    <pre class="voordeur-code">
      <code>{children}</code>
    </pre>
  );
}
