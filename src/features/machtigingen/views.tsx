/** "Voor wie regelt u dit?": choosing for whom one acts, and the machtigingen that are active. */
import type { Machtiging } from '../../domain/identity.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { Button, cx, ErrorSummary, Form, Heading, Paragraph, Table } from '../../platform/ui/components.tsx';

/** What a machtiging makes the person who logged in, in words. */
export const roleText = (t: Translate, machtiging: Machtiging) => t(`machtigingen.rol.${machtiging.rol ?? 'gemachtigde'}` as MessageKey);

export interface ChoosePageProps {
  t: Translate;
  csrfToken: string;
  /** The person who logged in. */
  self: { bsn: string; name: string };
  machtigingen: (Machtiging & { name: string })[];
  /** The BSN of the person acted for now. */
  current: string;
  /** Where to go after choosing. */
  terug: string;
  error?: string;
}

export function ChoosePage({ t, csrfToken, self, machtigingen, current, terug, error }: ChoosePageProps) {
  const options = [
    { value: 'zelf', bsn: self.bsn, label: t('machtigingen.choose.self', { name: self.name }), hint: undefined as string | undefined },
    ...machtigingen.map((m) => ({ value: m.bsn, bsn: m.bsn, label: m.name, hint: roleText(t, m) })),
  ];
  const id = 'voor';
  return (
    <>
      {error && <ErrorSummary title={t('form.errors.title')} errors={[{ field: id, message: error }]} />}
      <Heading level={1}>{t('machtigingen.title')}</Heading>
      <Paragraph lead>{t('machtigingen.intro', { name: self.name })}</Paragraph>
      <Form action="/machtigingen" csrfToken={csrfToken}>
        <input type="hidden" name="terug" value={terug} />
        <fieldset
          class={cx('utrecht-form-fieldset', 'voordeur-fieldset', error && 'utrecht-form-fieldset--invalid')}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('machtigingen.choose.legend')}</legend>
          {error && (
            <p class="utrecht-form-field-error-message" id={`${id}-error`}>
              {error}
            </p>
          )}
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="utrecht-form-field utrecht-form-field--radio">
                <p class="utrecht-form-field__label utrecht-form-field__label--radio">
                  <label class="utrecht-form-label utrecht-form-label--radio" for={optionId}>
                    <input
                      class="utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input"
                      type="radio"
                      id={optionId}
                      name="voor"
                      value={option.value}
                      checked={option.bsn === current}
                      aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                    />
                    {option.label}
                  </label>
                </p>
                {option.hint && (
                  <p class="utrecht-form-field__description utrecht-form-field-description voordeur-radio-hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
        <Button>{t('machtigingen.choose.submit')}</Button>
      </Form>
      <section class="voordeur-machtigingen" aria-labelledby="machtigingen-actief-title">
        <Heading level={2} id="machtigingen-actief-title">
          {t('machtigingen.active.title')}
        </Heading>
        <Paragraph>{t('machtigingen.active.intro')}</Paragraph>
        <Table
          caption={t('machtigingen.active.title')}
          captionHidden
          head={[t('machtigingen.active.wie'), t('machtigingen.active.wat')]}
          rows={machtigingen.map((m) => ({
            key: m.bsn,
            cells: [
              m.bsn === current ? (
                <>
                  {m.name} <span class="voordeur-badge">{t('machtigingen.active.current')}</span>
                </>
              ) : (
                m.name
              ),
              roleText(t, m),
            ],
          }))}
        />
        <Paragraph>{t('machtigingen.active.change')}</Paragraph>
      </section>
    </>
  );
}

/** For someone the login gave no machtigingen: they act for themselves only. */
export function NoMachtigingenPage({ t }: { t: Translate }) {
  return (
    <>
      <Heading level={1}>{t('machtigingen.title')}</Heading>
      <Paragraph>{t('machtigingen.none')}</Paragraph>
      <Paragraph>{t('machtigingen.active.change')}</Paragraph>
    </>
  );
}
