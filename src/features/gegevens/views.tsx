/** The pages of Mijn gegevens: the overview with its blocks, the contact-detail forms, and the processing log. */
import type { ComponentChildren } from 'preact';
import type { Doel } from '../../domain/medewerker.ts';
import type { Bedrijf, Contactmoment, DigitaalAdres, Persoon, RegisterDatum } from '../../domain/persoon.ts';
import { zaakPath } from '../../domain/zaak.ts';
import type { LoggedProcessing } from '../../platform/audit/processing-log.ts';
import { formatDate, formatDateTime, isoDay } from '../../platform/i18n/format.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { listHref } from '../../platform/http/paging.ts';
import { periodChoices, type PeriodForm } from './period.ts';
import { PageLinks, Unavailable } from '../../platform/ui/sections.tsx';
import { keptHtml } from '../../platform/ui/kept-html.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  DataList,
  Dutch,
  ErrorSummary,
  Form,
  Heading,
  Link,
  Paragraph,
  Table,
  TextField,
  type FieldError,
} from '../../platform/ui/components.tsx';
import type { Availability } from '../../domain/availability.ts';
import { channels, topics, type Channel, type Preferences } from '../../domain/preferences.ts';
import { shownContact, type ContactKind, type KlantcontactDetail } from '../../domain/persoon.ts';

interface Texts {
  t: Translate;
  lang: Lang;
}

export const contactKinds: readonly ContactKind[] = ['email', 'telefoonnummer'];

/** The register's own Dutch text ("14 maart 1985"), or the date in the reader's language. */
const registerDate = (lang: Lang, datum: RegisterDatum) => (datum.iso && lang !== 'nl' ? formatDate(lang, datum.iso) : datum.tekst);

function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/** `howToCorrect`: what the person can do when something is wrong (not in a staff member's view). */
export function PersoonBlock({ t, lang, persoon, howToCorrect = true }: Texts & { persoon: Availability<Persoon | null>; howToCorrect?: boolean }) {
  let body: ComponentChildren;
  if (persoon.unavailable) body = <Unavailable t={t} />;
  else if (!persoon.value) body = <Paragraph>{t('persoon.notFound')}</Paragraph>;
  else {
    const p = persoon.value;
    const geboren = p.geboortedatum
      ? p.geboorteplaats
        ? t('persoon.geborenIn', { datum: registerDate(lang, p.geboortedatum), plaats: p.geboorteplaats })
        : registerDate(lang, p.geboortedatum)
      : t('persoon.onbekend');
    // The same from page to page while the BRP's answer is kept: rendered once per language.
    body = keptHtml(p, lang, () => (
      <>
        {p.geheimhouding && <Alert type="info">{t('persoon.geheimhouding')}</Alert>}
        <DataList
          items={[
            { key: t('persoon.naam'), value: p.naam },
            { key: t('persoon.geboren'), value: geboren },
            { key: t('persoon.nationaliteit'), value: p.nationaliteiten.length ? p.nationaliteiten.join(', ') : t('persoon.onbekend') },
            {
              key: t('persoon.adres'),
              value: p.adres ? (
                <>
                  <Lines lines={p.adres} />
                  {p.adresSinds && (
                    <>
                      <br />
                      <span class="voordeur-secondary">{t('persoon.adresSinds', { datum: registerDate(lang, p.adresSinds) })}</span>
                    </>
                  )}
                </>
              ) : (
                t('persoon.onbekend')
              ),
            },
            {
              key: t('persoon.partner'),
              value: p.partners.length
                ? p.partners.map((partner, i) => (
                    <>
                      {i > 0 && <br />}
                      {partner.naam}
                      {partner.soortVerbintenis && partner.sinds && (
                        <span class="voordeur-secondary">
                          {' '}
                          ({t('persoon.partnerSinds', { soort: partner.soortVerbintenis, datum: registerDate(lang, partner.sinds) })})
                        </span>
                      )}
                    </>
                  ))
                : t('persoon.geen'),
            },
            {
              key: t('persoon.kinderen'),
              value: p.kinderen.length
                ? p.kinderen.map((kind, i) => (
                    <>
                      {i > 0 && <br />}
                      {kind.naam}
                      {kind.geboortedatum && (
                        <span class="voordeur-secondary"> ({t('persoon.geborenOp', { datum: registerDate(lang, kind.geboortedatum) })})</span>
                      )}
                    </>
                  ))
                : t('persoon.geen'),
            },
          ]}
        />
      </>
    ));
  }
  return (
    <section class="voordeur-block" aria-labelledby="persoon-title">
      <Heading level={2} id="persoon-title">
        {t('persoon.title')}
      </Heading>
      {body}
      <Paragraph small>{t('persoon.bron')}</Paragraph>
      {howToCorrect && (
        <>
          <Heading level={3}>{t('persoon.klopt.title')}</Heading>
          <Paragraph>{t('persoon.klopt.text')}</Paragraph>
        </>
      )}
    </section>
  );
}

export function BedrijfBlock({ t, bedrijf, howToCorrect = true }: { t: Translate; bedrijf: Availability<Bedrijf | null>; howToCorrect?: boolean }) {
  let body: ComponentChildren;
  if (bedrijf.unavailable) body = <Unavailable t={t} />;
  else if (!bedrijf.value) body = <Paragraph>{t('bedrijf.notFound')}</Paragraph>;
  else {
    const b = bedrijf.value;
    body = (
      <DataList
        items={[
          { key: t('bedrijf.naam'), value: b.naam },
          { key: t('bedrijf.kvk'), value: b.kvkNummer },
          ...(b.rechtsvorm ? [{ key: t('bedrijf.rechtsvorm'), value: b.rechtsvorm }] : []),
          ...(b.handelsnamen.length ? [{ key: t('bedrijf.handelsnamen'), value: <Lines lines={b.handelsnamen} /> }] : []),
          {
            key: t('bedrijf.activiteiten'),
            value: (
              <Lines lines={b.activiteiten.map((a) => `${a.omschrijving} (SBI ${a.code})${a.hoofdactiviteit ? ` ${t('bedrijf.hoofdactiviteit')}` : ''}`)} />
            ),
          },
          {
            key: t('bedrijf.vestigingen'),
            value: (
              <ul class="utrecht-unordered-list">
                {b.vestigingen.map((v) => (
                  <li class="utrecht-unordered-list__item">
                    <strong>{v.naam}</strong>
                    {v.hoofdvestiging && ` (${t('bedrijf.hoofdvestiging')})`}
                    <br />
                    {t('bedrijf.vestigingsnummer', { nummer: v.vestigingsnummer })}
                    {v.adres && (
                      <>
                        <br />
                        <Lines lines={v.adres} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    );
  }
  return (
    <section class="voordeur-block" aria-labelledby="bedrijf-title">
      <Heading level={2} id="bedrijf-title">
        {t('bedrijf.title')}
      </Heading>
      {body}
      <Paragraph small>{t('bedrijf.bron')}</Paragraph>
      {howToCorrect && <Paragraph>{t('bedrijf.klopt.text')}</Paragraph>}
    </section>
  );
}

export function ContactBlock({
  t,
  adressen,
  undeliverable = [],
  mayChange = true,
}: {
  t: Translate;
  adressen: Availability<DigitaalAdres[]> | undefined;
  undeliverable?: DigitaalAdres[];
  /** False for a gemachtigde who may not change them: shown without the links to change. */
  mayChange?: boolean;
}) {
  if (!adressen) return null;
  return (
    <section class="voordeur-block" aria-labelledby="contact-title">
      <Heading level={2} id="contact-title">
        {t('contact.title')}
      </Heading>
      <Paragraph>{t('contact.intro')}</Paragraph>
      {!mayChange && <Paragraph>{t('machtiging.readOnly.contact')}</Paragraph>}
      {adressen.unavailable ? (
        <Unavailable t={t} />
      ) : (
        <DataList
          items={contactKinds.map((kind) => {
            const adres = adressen.value.find((a) => a.soort === kind);
            return {
              key: t(`contact.${kind}` as MessageKey),
              value: (
                <>
                  {adres ? (
                    <>
                      {shownContact(kind, adres.adres)} {!adres.geverifieerd && <span class="voordeur-secondary">{t('contact.unverified')}</span>}
                      {undeliverable.some((u) => u.uuid === adres.uuid) && (
                        <>
                          <br />
                          <strong>{t('contact.undeliverable.label')}</strong> {t(`contact.undeliverable.${kind}` as MessageKey)}
                        </>
                      )}
                    </>
                  ) : (
                    <span class="voordeur-secondary">{t('contact.none')}</span>
                  )}
                  {mayChange && <br />}
                  {!mayChange ? null : adres ? (
                    <>
                      {/* The form starts with the address filled in: confirming is sending it a code. */}
                      <Link href={`/gegevens/contact/${kind}`}>{t(`contact.${adres.geverifieerd ? 'change' : 'verify'}.${kind}` as MessageKey)}</Link>
                      {' · '}
                      <Link href={`/gegevens/contact/${kind}/verwijderen`}>{t(`contact.remove.${kind}` as MessageKey)}</Link>
                    </>
                  ) : (
                    <Link href={`/gegevens/contact/${kind}`}>{t(`contact.add.${kind}` as MessageKey)}</Link>
                  )}
                </>
              ),
            };
          })}
        />
      )}
    </section>
  );
}

export function PreferencesBlock({
  t,
  csrfToken,
  preferences,
  verified,
  errors,
  mayChange = true,
}: {
  t: Translate;
  csrfToken: string;
  preferences: Preferences;
  /** Channels with a confirmed address; undefined when that cannot be known now. */
  verified: Record<Channel, boolean> | undefined;
  errors: FieldError[];
  /** False for a gemachtigde who may not change them: the choices are shown, not the form. */
  mayChange?: boolean;
}) {
  if (!mayChange) {
    return (
      <section class="voordeur-block" aria-labelledby="voorkeuren-title">
        <Heading level={2} id="voorkeuren-title">
          {t('voorkeuren.title')}
        </Heading>
        <Paragraph>{t('machtiging.readOnly.meldingen')}</Paragraph>
        <DataList
          items={channels.map((channel) => {
            const on = topics.filter((topic) => preferences[channel][topic] && (verified?.[channel] ?? true));
            return {
              key: t(`voorkeuren.channel.${channel}` as MessageKey),
              value: on.length ? (
                <ul class="utrecht-unordered-list">
                  {on.map((topic) => (
                    <li class="utrecht-unordered-list__item">{t(`voorkeuren.topic.${topic}` as MessageKey)}</li>
                  ))}
                </ul>
              ) : (
                t('voorkeuren.geen')
              ),
            };
          })}
        />
      </section>
    );
  }
  return (
    <section class="voordeur-block" aria-labelledby="voorkeuren-title">
      <Heading level={2} id="voorkeuren-title">
        {t('voorkeuren.title')}
      </Heading>
      <Paragraph>{t('voorkeuren.intro')}</Paragraph>
      <Paragraph>{t('voorkeuren.taal')}</Paragraph>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <Form action="/gegevens/voorkeuren" csrfToken={csrfToken}>
        {channels.map((channel) => {
          const error = errors.find((e) => e.field === `voorkeur-${channel}-zaak`)?.message;
          const usable = verified?.[channel] ?? true;
          return (
            <fieldset
              class={`utrecht-form-fieldset voordeur-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
              aria-describedby={error ? `voorkeur-${channel}-error` : usable ? undefined : `voorkeur-${channel}-description`}
            >
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                {t(`voorkeuren.channel.${channel}` as MessageKey)}
              </legend>
              {!usable && (
                <p class="utrecht-form-field-description" id={`voorkeur-${channel}-description`}>
                  {t(`voorkeuren.needsAddress.${channel}` as MessageKey)}
                </p>
              )}
              {error && (
                <p class="utrecht-form-field-error-message" id={`voorkeur-${channel}-error`}>
                  {error}
                </p>
              )}
              {topics.map((topic) => {
                const id = `voorkeur-${channel}-${topic}`;
                return (
                  <CheckboxField
                    id={id}
                    name={`${channel}.${topic}`}
                    value="aan"
                    checked={preferences[channel][topic] && usable}
                    label={t(`voorkeuren.topic.${topic}` as MessageKey)}
                  />
                );
              })}
            </fieldset>
          );
        })}
        <Button appearance="secondary-action">{t('voorkeuren.save')}</Button>
      </Form>
    </section>
  );
}

export function ContactmomentenBlock({ t, lang, contactmomenten }: Texts & { contactmomenten: Availability<Contactmoment[]> | undefined }) {
  if (!contactmomenten) return null;
  let body: ComponentChildren;
  if (contactmomenten.unavailable) body = <Unavailable t={t} />;
  else if (contactmomenten.value.length === 0) body = <Paragraph>{t('contactmomenten.empty')}</Paragraph>;
  else
    body = (
      <>
        {contactmomenten.missing && <Paragraph>{t('contactmomenten.incomplete')}</Paragraph>}
        <Table
          caption={t('contactmomenten.caption')}
          captionHidden
          head={[t('contactmomenten.datum'), t('contactmomenten.kanaal'), t('contactmomenten.onderwerp'), t('contactmomenten.zaak')]}
          rows={contactmomenten.value.map((c) => ({
            key: c.uuid,
            keep: { owner: c, variant: lang },
            cells: () => [
              c.datum ? <time dateTime={isoDay(c.datum)}>{formatDate(lang, c.datum)}</time> : '',
              <Dutch>{c.kanaal}</Dutch>,
              <Link href={`/gegevens/contactmomenten/${encodeURIComponent(c.uuid)}`}>
                {c.onderwerp ? <Dutch>{c.onderwerp}</Dutch> : t('contactmomenten.geenOnderwerp')}
              </Link>,
              c.zaak ? <Link href={zaakPath(c.zaak)}>{t('contactmomenten.zaakLink')}</Link> : '',
            ],
          }))}
        />
      </>
    );
  return (
    <section class="voordeur-block" aria-labelledby="contactmomenten-title">
      <Heading level={2} id="contactmomenten-title">
        {t('contactmomenten.title')}
      </Heading>
      <Paragraph>{t('contactmomenten.intro')}</Paragraph>
      {body}
    </section>
  );
}

/** The form to add or change an e-mail address or mobile number. */
export function ContactForm({
  t,
  kind,
  csrfToken,
  value,
  errors,
}: {
  t: Translate;
  kind: ContactKind;
  csrfToken: string;
  value: string;
  errors: FieldError[];
}) {
  const error = errors.find((e) => e.field === 'adres')?.message;
  return (
    <>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <Form action={`/gegevens/contact/${kind}`} csrfToken={csrfToken}>
        <TextField
          id="adres"
          name="adres"
          type={kind === 'email' ? 'email' : 'tel'}
          autoComplete={kind === 'email' ? 'email' : 'tel'}
          label={t(`contact.form.${kind}.label` as MessageKey)}
          description={t(`contact.form.${kind}.description` as MessageKey)}
          value={value}
          error={error}
        />
        <ButtonGroup>
          <Button>{t('contact.form.send')}</Button>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--subtle" href="/gegevens#contact-title">
            {t('contact.form.cancel')}
          </a>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** The page where the code is typed. */
export function ConfirmForm({
  t,
  id,
  kind,
  adres,
  minutes,
  csrfToken,
  errors,
  problem,
}: {
  t: Translate;
  id: string;
  kind: ContactKind;
  adres: string;
  minutes: number;
  csrfToken: string;
  errors: FieldError[];
  /** The code can no longer be used: only a new code helps. */
  problem?: string;
}) {
  const error = errors.find((e) => e.field === 'code')?.message;
  return (
    <>
      <Heading level={1}>{t('contact.confirm.title')}</Heading>
      <Paragraph>{t(`contact.confirm.text.${kind}` as MessageKey, { adres: shownContact(kind, adres), minuten: minutes })}</Paragraph>
      {problem ? (
        <Alert type="error" role="alert">
          {problem}
        </Alert>
      ) : (
        <>
          <ErrorSummary errors={errors} title={t('form.errors.title')} />
          <Form action={`/gegevens/contact/bevestigen/${id}`} csrfToken={csrfToken}>
            <TextField
              id="code"
              name="code"
              label={t('contact.confirm.code')}
              description={t('contact.confirm.code.description')}
              inputMode="numeric"
              autoComplete="one-time-code"
              size={8}
              value=""
              error={error}
            />
            <Button>{t('contact.confirm.submit')}</Button>
          </Form>
        </>
      )}
      <Form action={`/gegevens/contact/bevestigen/${id}/opnieuw`} csrfToken={csrfToken}>
        <Button appearance="secondary-action">{t('contact.confirm.resend')}</Button>
      </Form>
      <Paragraph>
        <Link href="/gegevens#contact-title">{t('verwerkingen.back')}</Link>
      </Paragraph>
    </>
  );
}

export function RemoveConfirmation({ t, kind, adres, csrfToken }: { t: Translate; kind: ContactKind; adres: string; csrfToken: string }) {
  return (
    <>
      <Heading level={1}>{t('contact.remove.title')}</Heading>
      <Paragraph>{t('contact.remove.text', { adres })}</Paragraph>
      <Form action={`/gegevens/contact/${kind}/verwijderen`} csrfToken={csrfToken}>
        <ButtonGroup>
          <Button>{t('contact.remove.confirm')}</Button>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/gegevens#contact-title">
            {t('contact.remove.cancel')}
          </a>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** Who acted, named by role as the person knows them; a staff member only by department, never by name. */
export function processingActor(t: Translate, entry: Pick<LoggedProcessing, 'actor' | 'afdeling' | 'naam' | 'rol'>): string {
  switch (entry.actor) {
    case 'betrokkene':
      return t('verwerkingen.actor.betrokkene');
    case 'gemachtigde':
      if (!entry.naam) return t('verwerkingen.actor.gemachtigde');
      return (
        (entry.rol && t(`verwerkingen.actor.rol.${entry.rol}` as MessageKey, { naam: entry.naam })) ||
        t('verwerkingen.actor.gemachtigdeNaam', { naam: entry.naam })
      );
    case 'medewerker':
      return entry.afdeling ? t('verwerkingen.actor.medewerkerAfdeling', { afdeling: entry.afdeling }) : t('verwerkingen.actor.medewerker');
    case 'organisatie':
      return entry.naam ?? t('verwerkingen.actor.organisatie');
  }
}

/** Which data, in words a person understands ("uw zaken bij Gemeente Voorbeeldstad"), not the name of a system. */
export function processingData(t: Translate, organisation: string, entry: Pick<LoggedProcessing, 'category' | 'source'>): string {
  // The phrase for this data from this system, else for this data, else the category's own name.
  const key = [`verwerkingen.wat.${entry.category}.${entry.source}`, `verwerkingen.wat.${entry.category}`].find((k) => t(k as MessageKey) !== undefined);
  return key ? t(key as MessageKey, { organisatie: organisation }) : entry.category;
}

export interface ProcessingFilter {
  form: PeriodForm;
  errors: FieldError[];
}

export function ProcessingLogPage({
  t,
  lang,
  organisation,
  entries,
  staffPurposes = [],
  filter,
  page,
  pages,
}: Texts & {
  organisation: string;
  entries: LoggedProcessing[];
  staffPurposes?: readonly Doel[];
  filter: ProcessingFilter;
  page: number;
  pages: number;
}) {
  // Why: as the purpose a staff member stated says it to the person.
  const why = (purpose: string) => {
    if (!purpose.startsWith('doel:')) return t(`verwerkingen.purpose.${purpose}` as MessageKey) ?? purpose;
    const text = staffPurposes.find((doel) => doel.id === purpose.slice(5))?.inwoner[lang];
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : t('verwerkingen.purpose.doelOnbekend');
  };
  const { form, errors } = filter;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const filtered = form.periode !== 'alles';
  return (
    <>
      <Paragraph>
        <Link href="/gegevens">{t('verwerkingen.back')}</Link>
      </Paragraph>
      <Heading level={1}>{t('verwerkingen.title')}</Heading>
      <Paragraph lead>{t('verwerkingen.intro')}</Paragraph>
      <Paragraph>{t('verwerkingen.collapsed')}</Paragraph>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <form class="voordeur-filter" method="get" action="/gegevens/verwerkingen" aria-labelledby="verwerkingen-filter-title">
        <Heading level={2} id="verwerkingen-filter-title">
          {t('verwerkingen.filter.title')}
        </Heading>
        <div class="utrecht-form-field utrecht-form-field--select">
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="periode">
              {t('verwerkingen.filter.periode')}
            </label>
          </div>
          <div class="utrecht-form-field__input">
            <select class="utrecht-select utrecht-select--html-select" id="periode" name="periode">
              {periodChoices.map((choice) => (
                <option value={choice} selected={choice === form.periode}>
                  {t(`verwerkingen.filter.${choice}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset class="utrecht-form-fieldset voordeur-fieldset" aria-describedby="verwerkingen-dagen-description">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('verwerkingen.filter.dagen')}</legend>
          <p class="utrecht-form-field-description" id="verwerkingen-dagen-description">
            {t('verwerkingen.filter.dag')}
          </p>
          <div class="voordeur-filter__days">
            <TextField id="van" name="van" type="date" label={t('verwerkingen.filter.van')} value={form.van} error={error('van')} />
            <TextField id="tot" name="tot" type="date" label={t('verwerkingen.filter.tot')} value={form.tot} error={error('tot')} />
          </div>
        </fieldset>
        <Button appearance="secondary-action">{t('verwerkingen.filter.button')}</Button>
      </form>
      {errors.length > 0 ? null : entries.length === 0 ? (
        <Paragraph>{filtered ? t('verwerkingen.emptyPeriod') : t('verwerkingen.empty')}</Paragraph>
      ) : (
        <>
          <Table
            caption={t('verwerkingen.caption')}
            captionHidden
            scrollLabel={t('verwerkingen.caption')}
            head={[t('verwerkingen.wanneer'), t('verwerkingen.wat'), t('verwerkingen.wie'), t('verwerkingen.waarom')]}
            rows={entries.map((entry, i) => ({
              key: String(i),
              cells: [
                <time dateTime={entry.occurredAt.toISOString()}>{formatDateTime(lang, entry.occurredAt)}</time>,
                <>
                  {t(`verwerkingen.action.${entry.action}` as MessageKey)}: {processingData(t, organisation, entry)}
                  {entry.times > 1 && <strong class="voordeur-times"> ({t('verwerkingen.keer', { n: entry.times })})</strong>}
                </>,
                processingActor(t, entry),
                why(entry.purpose),
              ],
            }))}
          />
          <PageLinks
            t={t}
            label={t('verwerkingen.title')}
            paged={{
              page,
              pages,
              href: (n) =>
                listHref('/gegevens/verwerkingen', {
                  periode: form.periode === 'alles' || form.periode === 'zelf' ? undefined : form.periode,
                  van: form.van,
                  tot: form.tot,
                  pagina: n,
                }),
            }}
          />
        </>
      )}
    </>
  );
}

/** One contactmoment: what was asked and answered, unless it is confidential. */
export function ContactmomentPage({ t, lang, contact }: Texts & { contact: KlantcontactDetail }) {
  return (
    <>
      <Paragraph>
        <Link href="/gegevens#contactmomenten-title">{t('verwerkingen.back')}</Link>
      </Paragraph>
      <Heading level={1}>{contact.onderwerp ? <Dutch>{contact.onderwerp}</Dutch> : t('contactmomenten.geenOnderwerp')}</Heading>
      <DataList
        items={[
          {
            key: t('contactmomenten.datum'),
            value: contact.datum ? <time dateTime={isoDay(contact.datum)}>{formatDate(lang, contact.datum)}</time> : t('persoon.onbekend'),
          },
          { key: t('contactmomenten.kanaal'), value: <Dutch>{contact.kanaal}</Dutch> },
          ...(contact.zaak ? [{ key: t('contactmomenten.zaak'), value: <Link href={zaakPath(contact.zaak)}>{t('contactmomenten.zaakLink')}</Link> }] : []),
        ]}
      />
      {contact.vertrouwelijk ? (
        <Paragraph>{t('contactmomenten.vertrouwelijk')}</Paragraph>
      ) : (
        <>
          {contact.inhoud && (
            <>
              <Heading level={2}>{t('contactmomenten.inhoud')}</Heading>
              <Dutch block>
                <Paragraph>
                  <Lines lines={contact.inhoud.split(/\r?\n/)} />
                </Paragraph>
              </Dutch>
            </>
          )}
          {contact.reactie && (
            <>
              <Heading level={2}>{t('contactmomenten.reactie')}</Heading>
              <Dutch block>
                <Paragraph>
                  <Lines lines={contact.reactie.split(/\r?\n/)} />
                </Paragraph>
              </Dutch>
            </>
          )}
        </>
      )}
    </>
  );
}
