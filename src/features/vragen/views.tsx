/** The pages of "Stel een vraag": the form, and the ontvangstbevestiging. */
import type { Availability } from '../../domain/availability.ts';
import type { KlantcontactDetail } from '../../domain/persoon.ts';
import { type ZaakRef, zaakPath } from '../../domain/zaak.ts';
import type { ZaakChoice } from '../../platform/http/feature.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import {
  Alert,
  Button,
  DataList,
  ErrorSummary,
  type FieldError,
  Form,
  Heading,
  Link,
  Paragraph,
  SelectField,
  TextArea,
  TextField,
} from '../../platform/ui/components.tsx';

interface Texts {
  t: Translate;
  lang: Lang;
}

export const vraagPath = '/vraag';

/** The question form, about this zaak when given (it is preselected, if it is the person's). */
export const vraagHref = (zaak?: ZaakRef) => (zaak ? `${vraagPath}?zaak=${encodeURIComponent(zaakValue(zaak))}` : vraagPath);

export const receiptHref = (uuid: string) => `${vraagPath}/ontvangen/${encodeURIComponent(uuid)}`;

/** A zaak as the form's select names it: '<systeem>/<uuid>'. */
export const zaakValue = (zaak: ZaakRef) => `${zaak.systeem}/${zaak.uuid}`;

/** What the person reads out when they call about the question: "VR-" and eight characters of the klantcontact's UUID. */
export const vraagKenmerk = (uuid: string) => `VR-${uuid.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

export interface VraagValues {
  /** '<systeem>/<uuid>' of one of the person's zaken, or '' for none. */
  zaak: string;
  onderwerp: string;
  vraag: string;
}

/** The limits the person is told about (the onderwerp shorter than Open Klant allows: it is a subject line). */
export const vraagLimits = { onderwerp: 100, vraag: 1000 } as const;

export function VraagPage({
  t,
  organisation,
  values,
  errors,
  zaken,
  mayAsk,
  csrfToken,
  token,
}: Texts & {
  organisation: string;
  csrfToken: string;
  /** The form's one-time token: the question is registered once, however often the form is sent. */
  token: string;
  values: VraagValues;
  errors: FieldError[];
  /** The person's zaken to choose from; unavailable when they cannot be read now. */
  zaken: Availability<ZaakChoice[]>;
  /** False for a gemachtigde whose machtiging does not include asking questions. */
  mayAsk: boolean;
}) {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const label = (zaak: ZaakChoice) => ({ value: zaakValue(zaak.ref), label: `${zaak.title} (${zaak.identificatie})`, lang: 'nl' as const });
  const lopend = zaken.unavailable ? [] : zaken.value.filter((zaak) => zaak.open);
  const afgerond = zaken.unavailable ? [] : zaken.value.filter((zaak) => !zaak.open);
  return (
    <>
      <Heading level={1}>{t('vraag.title')}</Heading>
      <Paragraph lead>{t('vraag.intro', { organisation })}</Paragraph>
      {!mayAsk ? (
        <Alert type="info">{t('vraag.gemachtigde')}</Alert>
      ) : (
        <>
          <ErrorSummary errors={errors} title={t('form.errors.title')} />
          <Form action={vraagPath} csrfToken={csrfToken}>
            <input type="hidden" name="verzending" value={token} />
            {(zaken.unavailable || Boolean(zaken.missing?.length)) && <Paragraph>{t('vraag.zaken.unavailable')}</Paragraph>}
            {!zaken.unavailable && (lopend.length > 0 || afgerond.length > 0) && (
              <SelectField
                id="zaak"
                name="zaak"
                label={t('vraag.zaak')}
                description={t('vraag.zaak.help')}
                value={values.zaak}
                error={error('zaak')}
                options={[
                  { value: '', label: t('vraag.zaak.geen') },
                  ...(lopend.length > 0 ? [{ group: t('vraag.zaak.lopend'), options: lopend.map(label) }] : []),
                  ...(afgerond.length > 0 ? [{ group: t('vraag.zaak.afgerond'), options: afgerond.map(label) }] : []),
                ]}
              />
            )}
            <TextField
              id="onderwerp"
              name="onderwerp"
              label={t('vraag.onderwerp')}
              description={t('vraag.onderwerp.help', { max: vraagLimits.onderwerp })}
              value={values.onderwerp}
              error={error('onderwerp')}
            />
            <TextArea
              id="vraag"
              name="vraag"
              label={t('vraag.vraag')}
              description={t('vraag.vraag.help', { max: vraagLimits.vraag })}
              value={values.vraag}
              error={error('vraag')}
              rows={8}
            />
            <Button>{t('vraag.submit')}</Button>
          </Form>
        </>
      )}
    </>
  );
}

/** The ontvangstbevestiging: kenmerk, date and time, what it is about, and what happens next. */
export function ReceiptPage({
  t,
  lang,
  organisation,
  contact,
  berichtHref,
}: Texts & { organisation: string; contact: KlantcontactDetail; berichtHref?: string }) {
  return (
    <>
      <Heading level={1}>{t('vraag.ontvangen.title')}</Heading>
      <Alert type="ok" role="status" id="bevestiging">
        <Paragraph>{t('vraag.ontvangen.text')}</Paragraph>
      </Alert>
      <DataList
        items={[
          { key: t('vraag.kenmerk'), value: vraagKenmerk(contact.uuid) },
          { key: t('vraag.ontvangen.op'), value: contact.datum ? formatDateTime(lang, contact.datum) : '' },
          { key: t('vraag.onderwerp'), value: contact.onderwerp },
          ...(contact.zaak ? [{ key: t('vraag.ontvangen.zaak'), value: <Link href={zaakPath(contact.zaak)}>{t('contactmomenten.zaakLink')}</Link> }] : []),
        ]}
      />
      <Heading level={2}>{t('vraag.ontvangen.verder')}</Heading>
      <Paragraph>{t('vraag.ontvangen.verderText', { organisation })}</Paragraph>
      {berichtHref && (
        <Paragraph>
          {t('vraag.ontvangen.bericht')} <Link href={berichtHref}>{t('vraag.ontvangen.berichtLink')}</Link>
        </Paragraph>
      )}
      <Paragraph>
        {t('vraag.ontvangen.gegevens')} <Link href="/gegevens#contactmomenten-title">{t('vraag.ontvangen.gegevensLink')}</Link>
      </Paragraph>
      <Paragraph>
        <Link href={vraagPath}>{t('vraag.nogEen')}</Link>
      </Paragraph>
    </>
  );
}

/** On a zaak's page: ask a question about this zaak. */
export function AskAboutZaak({ t, href }: { t: Translate; href: string }) {
  return (
    <section aria-labelledby="zaak-vraag-title">
      <Heading level={2} id="zaak-vraag-title">
        {t('vraag.zaakSection.title')}
      </Heading>
      <Paragraph>
        <Link href={href}>{t('vraag.zaakSection.link')}</Link>
      </Paragraph>
    </section>
  );
}
