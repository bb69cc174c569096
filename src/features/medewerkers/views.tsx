/** The pages of the medewerkersportaal: logging in, finding a person with a purpose, the dossier. */
import type { ComponentChildren } from 'preact';
import type { Doel } from '../../domain/medewerker.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import { formatTime } from '../../platform/i18n/format.ts';
import { Alert, Button, CheckboxField, cx, ErrorSummary, Form, Heading, Link, Paragraph, TextArea, TextField } from '../../platform/ui/components.tsx';
import type { FieldError } from '../../platform/ui/components.tsx';

type Texts = { t: Translate; lang: Lang };

export interface SearchValues {
  nummer: string;
  vestiging: string;
  doel: string;
  kenmerk: string;
}

/** A group of radio buttons in a fieldset with a legend, as the NL Design System has it. */
function RadioGroup({
  id,
  name,
  legend,
  error,
  options,
  value,
}: {
  id: string;
  name: string;
  legend: ComponentChildren;
  error?: ComponentChildren;
  options: { value: string; label: string }[];
  value: string;
}) {
  return (
    <fieldset
      class={cx('utrecht-form-fieldset', 'voordeur-fieldset', !!error && 'utrecht-form-fieldset--invalid')}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {error && (
        <p class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      {options.map((option, index) => (
        <div class="utrecht-form-field utrecht-form-field--radio">
          <p class="utrecht-form-field__label utrecht-form-field__label--radio">
            <label class="utrecht-form-label utrecht-form-label--radio" for={index === 0 ? id : `${id}-${index + 1}`}>
              <input
                class={cx('utrecht-radio-button', 'utrecht-radio-button--html-input', 'utrecht-form-field__input', !!error && 'utrecht-radio-button--invalid')}
                type="radio"
                id={index === 0 ? id : `${id}-${index + 1}`}
                name={name}
                value={option.value}
                checked={option.value === value}
                aria-invalid={error ? 'true' : undefined}
              />
              {option.label}
            </label>
          </p>
        </div>
      ))}
    </fieldset>
  );
}

/** Find a person or company, and say why: nothing is looked up before a purpose is chosen. */
export function SearchPage({
  t,
  lang,
  name,
  csrfToken,
  doelen,
  minutes,
  values,
  errors,
  notice,
  mayLookUp,
}: Texts & {
  name: string;
  csrfToken: string;
  doelen: Doel[];
  minutes: number;
  values: SearchValues;
  errors: FieldError[];
  notice?: 'toegang-verlopen' | 'geen-toegang';
  mayLookUp: boolean;
}) {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <Heading level={1}>{t('medewerkers.search.title')}</Heading>
      <Paragraph>{t('medewerkers.welcome', { name })}</Paragraph>
      {notice && (
        <Alert type="info" role="status">
          <Paragraph>{t(notice === 'toegang-verlopen' ? 'medewerkers.access.expired' : 'medewerkers.access.none')}</Paragraph>
        </Alert>
      )}
      {!mayLookUp ? (
        <Alert type="warning">
          <Paragraph>{t('medewerkers.noRole')}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('medewerkers.search.intro', { minutes })}</Paragraph>
          <Form action="/medewerkers/zoeken" csrfToken={csrfToken}>
            <TextField
              id="nummer"
              name="nummer"
              label={t('medewerkers.search.nummer')}
              description={t('medewerkers.search.nummer.help')}
              value={values.nummer}
              error={error('nummer')}
              inputMode="numeric"
              autoComplete="off"
              size={12}
            />
            <TextField
              id="vestiging"
              name="vestiging"
              label={t('medewerkers.search.vestiging')}
              description={t('medewerkers.search.vestiging.help')}
              value={values.vestiging}
              error={error('vestiging')}
              inputMode="numeric"
              autoComplete="off"
              size={14}
            />
            <RadioGroup
              id="doel"
              name="doel"
              legend={t('medewerkers.search.doel')}
              error={error('doel')}
              value={values.doel}
              options={doelen.map((doel) => ({ value: doel.id, label: doel.label[lang] }))}
            />
            <TextField
              id="kenmerk"
              name="kenmerk"
              label={t('medewerkers.search.kenmerk')}
              description={t('medewerkers.search.kenmerk.help', {
                doelen: doelen
                  .filter((doel) => doel.kenmerkVerplicht)
                  .map((doel) => doel.label[lang])
                  .join(', '),
              })}
              value={values.kenmerk}
              error={error('kenmerk')}
              autoComplete="off"
              size={20}
            />
            <Button>{t('medewerkers.search.submit')}</Button>
          </Form>
        </>
      )}
    </>
  );
}

export interface ContactValues {
  kanaal: string;
  onderwerp: string;
  inhoud: string;
  /** The zaak it is about ('<systeem>/<uuid>'), when it was started from a zaak's page; '' for none. */
  zaak: string;
  /** Whether a terugbelverzoek is made with it: for which department (its actor), with what it must know. */
  terugbellen: boolean;
  afdeling: string;
  toelichting: string;
}

export const kanalen = ['telefoon', 'balie', 'e-mail'] as const;

/** Registers the conversation as a klantcontact, which the person then sees among their contactmomenten. */

export function ContactForm({
  t,
  action,
  csrfToken,
  values,
  errors,
  about,
  afdelingen,
}: {
  t: Translate;
  action: string;
  csrfToken: string;
  values: ContactValues;
  errors: FieldError[];
  /** The zaak's title, when the conversation is about one of the person's zaken. */
  about?: string;
  /** Where a terugbelverzoek can go; none: it is not offered. */
  afdelingen: readonly { actor: string; naam: string }[];
}) {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <section class="voordeur-block" aria-labelledby="dossier-contact-registreren-title">
      <Heading level={2} id="dossier-contact-registreren-title">
        {t('medewerkers.contact.title')}
      </Heading>
      <Paragraph>{t('medewerkers.contact.intro')}</Paragraph>
      <ErrorSummary errors={errors} title={t('form.errors.title')} />
      <Form action={action} csrfToken={csrfToken}>
        {about && (
          <Paragraph>
            {t('medewerkers.contact.about')} <strong lang="nl">{about}</strong>
            <input type="hidden" name="zaak" value={values.zaak} />
          </Paragraph>
        )}
        <RadioGroup
          id="kanaal"
          name="kanaal"
          legend={t('medewerkers.contact.kanaal')}
          error={error('kanaal')}
          value={values.kanaal}
          options={kanalen.map((kanaal) => ({ value: kanaal, label: t(`medewerkers.contact.kanaal.${kanaal}`) }))}
        />
        <TextField id="onderwerp" name="onderwerp" label={t('medewerkers.contact.onderwerp')} value={values.onderwerp} error={error('onderwerp')} />
        <TextArea
          id="inhoud"
          name="inhoud"
          label={t('medewerkers.contact.inhoud')}
          description={t('medewerkers.contact.inhoud.help')}
          value={values.inhoud}
          error={error('inhoud')}
          rows={5}
        />
        {afdelingen.length > 0 && (
          <fieldset class="utrecht-form-fieldset voordeur-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('medewerkers.terugbellen.legend')}</legend>
            <CheckboxField id="terugbellen" name="terugbellen" value="ja" checked={values.terugbellen} label={t('medewerkers.terugbellen.ja')} />
            <RadioGroup
              id="afdeling"
              name="afdeling"
              legend={t('medewerkers.terugbellen.afdeling')}
              error={error('afdeling')}
              value={values.afdeling}
              options={afdelingen.map((a) => ({ value: a.actor, label: a.naam }))}
            />
            <TextArea
              id="toelichting"
              name="toelichting"
              label={t('medewerkers.terugbellen.toelichting')}
              description={t('medewerkers.terugbellen.toelichting.help')}
              value={values.toelichting}
              error={error('toelichting')}
              rows={3}
            />
          </fieldset>
        )}
        <Button>{t('medewerkers.contact.submit')}</Button>
      </Form>
    </section>
  );
}

/** The dossier's head: whose it is, why it is open, until when; then the features' sections. */
export function DossierPage({
  t,
  lang,
  who,
  doel,
  kenmerk,
  until,
  notice,
  sections,
}: Texts & { who: string; doel: string; kenmerk?: string; until: Date; notice?: { ok: boolean; text: string }; sections: ComponentChildren }) {
  return (
    <>
      <Paragraph>
        <Link href="/medewerkers">{t('medewerkers.dossier.other')}</Link>
      </Paragraph>
      <Heading level={1}>{t('medewerkers.dossier.title', { who })}</Heading>
      {notice && (
        <Alert type={notice.ok ? 'ok' : 'error'} role={notice.ok ? 'status' : 'alert'}>
          <Paragraph>{notice.text}</Paragraph>
        </Alert>
      )}
      <Alert type="info">
        <Paragraph>
          {t('medewerkers.dossier.why', { doel })}
          {kenmerk && ` ${t('medewerkers.dossier.kenmerk', { kenmerk })}`} {t('medewerkers.dossier.until', { time: formatTime(lang, until) })}
        </Paragraph>
        <Paragraph>{t('medewerkers.dossier.logged')}</Paragraph>
      </Alert>
      {sections}
    </>
  );
}
