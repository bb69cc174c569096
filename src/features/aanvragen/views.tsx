/** The pages of Aanvragen: the catalogue (by theme, searchable) and one producttype before applying. */
import type { ComponentChildren } from 'preact';
import { byThema, parseDoorlooptijd } from '../../domain/aanvraag.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { Alert, Button, DataList, Heading, Link, Paragraph, SearchField } from '../../platform/ui/components.tsx';
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
    { key: t('aanvragen.kosten'), value: producttype.kosten ?? t('aanvragen.kosten.onbekend') },
    {
      key: t('aanvragen.nodig'),
      value:
        producttype.nodig.length > 0 ? (
          <ul class="utrecht-unordered-list">
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
              {group.thema}
            </Heading>
            <ul class="voordeur-aanvragen-list">
              {group.producttypen.map((producttype) => (
                <li class="voordeur-aanvragen-item">
                  <Heading level={4}>
                    <Link href={producttypeHref(producttype)}>{producttype.titel}</Link>
                  </Heading>
                  <Paragraph>{producttype.omschrijving}</Paragraph>
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
      <Heading level={1}>{producttype.titel}</Heading>
      <Paragraph lead>{producttype.omschrijving}</Paragraph>
      <ProducttypeFacts t={t} producttype={producttype} />
      {mayApply ? start : <NotForGemachtigde t={t} />}
    </>
  );
}
