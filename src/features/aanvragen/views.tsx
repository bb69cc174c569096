/** The pages of Aanvragen: the catalogue (by theme, searchable) and one producttype before applying. */
import type { ComponentChildren } from 'preact';
import { byThema, parseDoorlooptijd } from '../../domain/aanvraag.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { Alert, Button, ButtonLink, DataList, Dutch, Form, Heading, Link, Message, Paragraph, SearchField } from '../../platform/ui/components.tsx';
import type { Offered } from './service.ts';

interface Texts {
  t: Translate;
  lang: Lang;
}

export const producttypeHref = (producttype: Pick<Offered, 'id'>) => `/aanvragen/${encodeURIComponent(producttype.id)}`;

/** "Ongeveer 4 weken", or that it is not known. */
export function doorlooptijdText(t: Translate, iso: string | undefined): string {
  const parsed = iso ? parseDoorlooptijd(iso) : undefined;
  if (!parsed) return t('aanvragen.doorlooptijd.onbekend');
  return t(`aanvragen.doorlooptijd.${parsed.unit}${parsed.n === 1 ? '.one' : ''}` as MessageKey, { n: parsed.n });
}

/** Cost, what you need and how long it takes. */
export function ProducttypeFacts({ t, producttype }: { t: Translate; producttype: Offered }) {
  const items: { key: ComponentChildren; value: ComponentChildren }[] = [
    { key: t('aanvragen.kosten'), value: producttype.kosten ? <Dutch>{producttype.kosten}</Dutch> : t('aanvragen.kosten.onbekend') },
    {
      key: t('aanvragen.nodig'),
      value:
        producttype.nodig.length > 0 ? (
          <ul class="utrecht-unordered-list" lang="nl">
            {producttype.nodig.map((item) => (
              <li class="utrecht-unordered-list__item">{item}</li>
            ))}
          </ul>
        ) : (
          t('aanvragen.nodig.niets')
        ),
    },
    { key: t('aanvragen.doorlooptijd'), value: doorlooptijdText(t, producttype.doorlooptijdIso) },
  ];
  return <DataList items={items} />;
}

/** A gemachtigde whose machtiging does not include applying: they can look, not apply. */
export function NotForGemachtigde({ t }: { t: Translate }) {
  return <Alert type="info">{t('aanvragen.gemachtigde')}</Alert>;
}

export function CataloguePage({
  t,
  lang,
  producttypen,
  zoek,
  mayApply,
  concepts,
}: Texts & { producttypen: Offered[]; zoek: string; mayApply: boolean; concepts?: ComponentChildren }) {
  const groups = byThema(producttypen, lang);
  return (
    <>
      <Heading level={1}>{t('aanvragen.title')}</Heading>
      <Paragraph lead>{t('aanvragen.intro')}</Paragraph>
      {!mayApply && <NotForGemachtigde t={t} />}
      {concepts}
      <form class="voordeur-search" method="get" action="/aanvragen" role="search">
        <SearchField id="zoek" name="zoek" label={t('aanvragen.search.label')} value={zoek} />
        <Button appearance="secondary-action">{t('aanvragen.search.button')}</Button>
      </form>
      <section aria-labelledby="catalogus-title">
        <Heading level={2} id="catalogus-title">
          {t('aanvragen.catalogus')}
        </Heading>
        {zoek && (
          <Paragraph>
            <span role="status">
              {t('aanvragen.search.result', { zoek })} {producttypen.length === 1 ? t('aanvragen.count.one') : t('aanvragen.count', { n: producttypen.length })}
            </span>{' '}
            <Link href="/aanvragen">{t('aanvragen.search.clear')}</Link>
          </Paragraph>
        )}
        {groups.length === 0 && <Paragraph>{zoek ? t('aanvragen.emptySearch') : t('aanvragen.empty')}</Paragraph>}
        {groups.map((group, index) => (
          <section aria-labelledby={`thema-${index + 1}`} class="voordeur-aanvragen-thema">
            <Heading level={3} id={`thema-${index + 1}`}>
              <Dutch>{group.thema}</Dutch>
            </Heading>
            <ul class="voordeur-aanvragen-list">
              {group.producttypen.map((producttype) => (
                <li class="voordeur-aanvragen-item">
                  <Heading level={4}>
                    <Link href={producttypeHref(producttype)}>
                      <Dutch>{producttype.titel}</Dutch>
                    </Link>
                  </Heading>
                  <Dutch block>
                    <Paragraph>{producttype.omschrijving}</Paragraph>
                  </Dutch>
                  <ProducttypeFacts t={t} producttype={producttype} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}

export function ProducttypePage({ t, producttype, mayApply, start }: Texts & { producttype: Offered; mayApply: boolean; start?: ComponentChildren }) {
  return (
    <>
      <Paragraph>
        <Link href="/aanvragen">{t('aanvragen.back')}</Link>
      </Paragraph>
      <Heading level={1}>
        <Dutch>{producttype.titel}</Dutch>
      </Heading>
      <Dutch block>
        <Paragraph lead>{producttype.omschrijving}</Paragraph>
      </Dutch>
      <ProducttypeFacts t={t} producttype={producttype} />
      {mayApply ? start : <NotForGemachtigde t={t} />}
    </>
  );
}

/** Where a concept's page is. */
export const conceptHref = (id: string, page: number | 'controleren' | 'versturen') => `/aanvragen/formulier/${id}/${page}`;
export const receiptHref = (id: string) => `/aanvragen/ontvangen/${id}`;

/** The steps of the form and the check before sending, with the current one marked (aria-current="step"). */
export function StepIndicator({ t, titles, current }: { t: Translate; titles: ComponentChildren[]; current: number }) {
  const all = [...titles, t('aanvragen.stap.controleren')];
  return (
    <nav aria-label={t('aanvragen.stappen')} class="voordeur-steps">
      <ol class="utrecht-ordered-list">
        {all.map((title, index) => {
          const number = index + 1;
          const state = number < current ? t('aanvragen.stap.klaar') : number === current ? t('aanvragen.stap.nu') : t('aanvragen.stap.later');
          return (
            <li class="utrecht-ordered-list__item" aria-current={number === current ? 'step' : undefined}>
              {number === current ? <strong>{title}</strong> : title} <span class="voordeur-steps__state">({state})</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The person's aanvragen that were not sent yet, each to go on with or to delete, with the day it will be deleted. */
export function ConceptList({
  t,
  lang,
  concepts,
  csrfToken,
  deleteOn,
  warnFrom,
}: Texts & {
  concepts: { id: string; titel: string; updatedAt: Date; stap: number }[];
  csrfToken: string;
  deleteOn: (updatedAt: Date) => Date;
  /** A concept to be deleted before this day gets a warning. */
  warnFrom: Date;
}) {
  if (concepts.length === 0) return null;
  return (
    <section aria-labelledby="concepten-title">
      <Heading level={2} id="concepten-title">
        {t('aanvragen.concepten')}
      </Heading>
      <ul class="voordeur-aanvragen-list">
        {concepts.map((concept) => {
          const until = deleteOn(concept.updatedAt);
          return (
            <li class="voordeur-aanvragen-item">
              <Heading level={3}>
                <Dutch>{concept.titel}</Dutch>
              </Heading>
              <Paragraph>{t('aanvragen.concept.bewaard', { datum: formatDate(lang, concept.updatedAt), tot: formatDate(lang, until) })}</Paragraph>
              {until < warnFrom && <Alert type="warning">{t('aanvragen.concept.bijnaWeg', { tot: formatDate(lang, until) })}</Alert>}
              <div class="utrecht-button-group">
                <ButtonLink href={conceptHref(concept.id, concept.stap)}>
                  <Message t={t} id="aanvragen.concept.verder" params={{ titel: <Dutch>{concept.titel}</Dutch> }} />
                </ButtonLink>
                <Form action={`/aanvragen/formulier/${concept.id}/verwijderen`} csrfToken={csrfToken}>
                  <Button appearance="secondary-action">
                    <Message t={t} id="aanvragen.concept.verwijderen" params={{ titel: <Dutch>{concept.titel}</Dutch> }} />
                  </Button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The aanvragen sent, each with its kenmerk, linking to its confirmation. */
export function ReceivedList({ t, lang, received }: Texts & { received: { id: string; titel: string; kenmerk: string; ontvangenAt: Date }[] }) {
  if (received.length === 0) return null;
  return (
    <section aria-labelledby="verstuurd-title">
      <Heading level={2} id="verstuurd-title">
        {t('aanvragen.verstuurd')}
      </Heading>
      <ul class="utrecht-unordered-list">
        {received.map((aanvraag) => (
          <li class="utrecht-unordered-list__item">
            <Link href={receiptHref(aanvraag.id)}>
              <Dutch>{aanvraag.titel}</Dutch>
            </Link>{' '}
            — {t('aanvragen.kenmerk')} {aanvraag.kenmerk}, {formatDateTime(lang, aanvraag.ontvangenAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One answer on the summary page and in the confirmation. */
export interface SummaryItem {
  label: string;
  value: string;
}

export function AnswersList({ items }: { items: SummaryItem[] }) {
  return <DataList items={items.map((item) => ({ key: item.label, value: item.value }))} />;
}
