/** The pages of Mijn producten: the list, one product, and the overzicht block. Status is told in words, never by colour alone. */
import type { Availability } from '../../domain/availability.ts';
import { daysUntil, expiresSoon, type Product, type ProductStatus, shownStatus } from '../../domain/product.ts';
import type { Paged } from '../../platform/http/paging.ts';
import { numberFormat } from '../../platform/i18n/format.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { Alert, Button, ButtonLink, DataList, DateText, Dutch, Heading, Link, Paragraph, SearchField, Table } from '../../platform/ui/components.tsx';
import { Downloads, PagedSection, Unavailable } from '../../platform/ui/sections.tsx';
import type { LinkedTaak, LinkedZaak, ProductDocument } from './service.ts';

interface Texts {
  t: Translate;
  lang: Lang;
}

/** What the pages need to say about time: today (YYYY-MM-DD), the notice period, and where "Verlengen" goes. */
export interface ProductContext {
  today: string;
  expiryNoticeDays: number;
  /** Where a product is renewed (the aanvraag of its producttype, or the organisation's renewal address); undefined: not online. */
  renewHref: (product: Product) => string | undefined;
}

export const productHref = (product: Pick<Product, 'id'>) => `/producten/${encodeURIComponent(product.id)}`;

/** The status in words; "Verloopt binnen …" too for a current product that ends soon. */
function Status({ t, status }: { t: Translate; status: ProductStatus }) {
  const warning = status === 'verlopen' || status === 'ingetrokken' || status === 'geweigerd';
  return <span class={warning ? 'voordeur-badge voordeur-badge--warning' : 'voordeur-badge'}>{t(`producten.status.${status}` as MessageKey)}</span>;
}

function Validity({ t, lang, product, context }: Texts & { product: Product; context: ProductContext }) {
  if (!product.eindDatum) return <>{t('producten.geldig.onbepaald')}</>;
  const days = daysUntil(product.eindDatum, context.today);
  return (
    <>
      <DateText lang={lang} value={product.eindDatum} />
      {expiresSoon(product, context.today, context.expiryNoticeDays) && (
        <>
          {' '}
          <span class="voordeur-badge voordeur-badge--warning">{days === 0 ? t('producten.verlooptVandaag') : t('producten.verlooptBinnen', { n: days })}</span>
        </>
      )}
    </>
  );
}

/** Renewing is not offered online here: how to reach the organisation (the contact page of features/help). */
function NoRenewOnline({ t }: { t: Translate }) {
  return (
    <>
      {t('producten.notice.noRenewOnline')} <Link href="/contact">{t('producten.notice.contact')}</Link>.
    </>
  );
}

/** The notice for products that end within the period, with "Verlengen" when the organisation offers it online. */
function ExpiryNotice({ t, lang, products, context }: Texts & { products: Product[]; context: ProductContext }) {
  if (products.length === 0) return null;
  return (
    <Alert type="warning">
      <Heading level={2} id="verloopt-title">
        {products.length === 1 ? t('producten.notice.one') : t('producten.notice.count', { n: products.length })}
      </Heading>
      <ul class="utrecht-unordered-list">
        {products.map((product) => {
          const renew = context.renewHref(product);
          return (
            <li class="utrecht-unordered-list__item">
              <Link href={productHref(product)}>
                <Dutch>{product.naam}</Dutch>
              </Link>
              : {t('producten.notice.until')} <DateText lang={lang} value={product.eindDatum!} />.
              {renew && (
                <>
                  {' '}
                  <Link href={renew}>{t('producten.verlengen.named', { naam: product.naam })}</Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {products.some((product) => !context.renewHref(product)) && (
        <Paragraph>
          <NoRenewOnline t={t} />
        </Paragraph>
      )}
    </Alert>
  );
}

export function ProductenPage({
  t,
  lang,
  producten,
  expiring,
  context,
  cutOff,
  zoek = '',
}: Texts & { producten: Availability<Paged<Product>>; expiring: Product[]; context: ProductContext; cutOff: boolean; zoek?: string }) {
  return (
    <>
      <Heading level={1}>{t('producten.title')}</Heading>
      <Paragraph lead>{t('producten.intro')}</Paragraph>
      {cutOff && <Alert type="info">{t('producten.cutOff')}</Alert>}
      <ExpiryNotice t={t} lang={lang} products={expiring} context={context} />
      {!producten.unavailable && (zoek || producten.value.total > 0) && (
        <form class="voordeur-search" method="get" action="/producten" role="search">
          <SearchField id="zoek" name="zoek" label={t('producten.search.label')} value={zoek} />
          <Button appearance="secondary-action">{t('producten.search.button')}</Button>
        </form>
      )}
      {producten.unavailable ? (
        <Unavailable t={t} />
      ) : (
        <PagedSection
          t={t}
          id="producten-list"
          title={t('producten.list')}
          name={t('producten.title')}
          count={producten.value.total === 1 ? t('producten.count.one') : t('producten.count', { n: producten.value.total })}
          empty={zoek ? t('producten.emptySearch') : t('producten.empty')}
          paged={producten.value}
          intro={
            zoek && (
              <Paragraph>
                {t('producten.search.result', { zoek })} <Link href="/producten">{t('producten.search.clear')}</Link>
              </Paragraph>
            )
          }
        >
          {(items) => (
            <Table
              caption={t('producten.list')}
              captionHidden
              head={[t('producten.column.product'), t('producten.column.status'), t('producten.column.geldig')]}
              rows={items.map((product) => ({
                key: product.id,
                cells: [
                  <>
                    <Link href={productHref(product)}>
                      <Dutch>{product.naam}</Dutch>
                    </Link>
                    {product.naam !== product.producttype.naam && (
                      <>
                        <br />
                        <span class="voordeur-secondary">
                          <Dutch>{product.producttype.naam}</Dutch>
                        </span>
                      </>
                    )}
                  </>,
                  <Status t={t} status={shownStatus(product, context.today)} />,
                  <Validity t={t} lang={lang} product={product} context={context} />,
                ],
              }))}
            />
          )}
        </PagedSection>
      )}
    </>
  );
}

const euro = (lang: Lang, value: string) => {
  const amount = Number(value);
  return Number.isFinite(amount) ? numberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(amount) : value;
};

/** A value of the source's data: yes/no in the reader's language, a text as the organisation wrote it (Dutch). */
const shownValue = (t: Translate, value: string | number | boolean) =>
  typeof value === 'boolean' ? t(value ? 'producten.waarde.ja' : 'producten.waarde.nee') : typeof value === 'string' ? <Dutch>{value}</Dutch> : String(value);

/** One line of the source's data, its label (the producttype's or made from its key) in Dutch. */
const dataItem = (t: Translate, item: { key: string; label?: string; value: string | number | boolean }) => ({
  key: <Dutch>{item.label ?? labelOf(item.key)}</Dutch>,
  value: shownValue(t, item.value),
});

/** A key of the source's data as a label, when the producttype names none: "bezoekersuren_over" → "Bezoekersuren over". */
const labelOf = (key: string) => {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function ProductPage({
  t,
  lang,
  product,
  zaken,
  taken,
  documenten,
  context,
}: Texts & {
  product: Product;
  zaken: Availability<LinkedZaak[]>;
  taken: Availability<LinkedTaak[]>;
  documenten: Availability<ProductDocument[]>;
  context: ProductContext;
}) {
  const status = shownStatus(product, context.today);
  const soon = expiresSoon(product, context.today, context.expiryNoticeDays);
  const renew = soon ? context.renewHref(product) : undefined;
  return (
    <>
      <Paragraph>
        <Link href="/producten">{t('producten.back')}</Link>
      </Paragraph>
      <Heading level={1}>
        <Dutch>{product.naam}</Dutch>
      </Heading>
      {soon && (
        <Alert type="warning">
          <Paragraph>
            {t('producten.notice.detail')} <DateText lang={lang} value={product.eindDatum!} />. {!renew && <NoRenewOnline t={t} />}
          </Paragraph>
          {renew && <ButtonLink href={renew}>{t('producten.verlengen')}</ButtonLink>}
        </Alert>
      )}
      <DataList
        items={[
          { key: t('producten.producttype'), value: <Dutch>{product.producttype.naam}</Dutch> },
          { key: t('producten.column.status'), value: <Status t={t} status={status} /> },
          ...(product.startDatum ? [{ key: t('producten.geldig.vanaf'), value: <DateText lang={lang} value={product.startDatum} /> }] : []),
          { key: t('producten.column.geldig'), value: <Validity t={t} lang={lang} product={product} context={context} /> },
          ...(product.prijs
            ? [
                {
                  key: t('producten.prijs'),
                  value: `${euro(lang, product.prijs)}${product.frequentie ? ` ${t(`producten.frequentie.${product.frequentie}` as MessageKey)}` : ''}`,
                },
              ]
            : []),
          ...product.gegevens.map((item) => dataItem(t, item)),
        ]}
      />
      {product.verbruik.length > 0 && (
        <section aria-labelledby="verbruik-title">
          <Heading level={2} id="verbruik-title">
            {t('producten.verbruik.title')}
          </Heading>
          <DataList items={product.verbruik.map((item) => dataItem(t, item))} />
        </section>
      )}
      {product.zaken.length > 0 && (
        <section aria-labelledby="zaken-title">
          <Heading level={2} id="zaken-title">
            {t('producten.zaken.title')}
          </Heading>
          {zaken.unavailable ? (
            <Unavailable t={t} />
          ) : zaken.value.length === 0 ? (
            <Paragraph>{t('producten.zaken.none')}</Paragraph>
          ) : (
            <ul class="utrecht-unordered-list">
              {zaken.value.map((zaak) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={zaak.href}>
                    <Dutch>{zaak.omschrijving}</Dutch>
                  </Link>{' '}
                  <span class="voordeur-secondary">({zaak.identificatie})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {(taken.unavailable || taken.value.length > 0) && (
        <section aria-labelledby="taken-title">
          <Heading level={2} id="taken-title">
            {t('producten.taken.title')}
          </Heading>
          {taken.unavailable ? (
            <Unavailable t={t} />
          ) : (
            <ul class="utrecht-unordered-list">
              {taken.value.map((taak) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={taak.href}>
                    <Dutch>{taak.titel}</Dutch>
                  </Link>{' '}
                  <span class="voordeur-badge">{t(taak.status === 'open' ? 'producten.taak.open' : 'producten.taak.klaar')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {product.documenten.length > 0 && (
        <Downloads
          t={t}
          lang={lang}
          id="documenten-title"
          title={t('producten.documenten.title')}
          none={t('producten.documenten.none')}
          files={documenten}
          href={(index) => `${productHref(product)}/documenten/${index}`}
        />
      )}
    </>
  );
}

/** On a zaak's page: the person's products that belong to it, with their status and last day. */
export function ZaakProducten({ t, lang, producten, today }: Texts & { producten: Availability<Product[]>; today: string }) {
  return (
    <section aria-labelledby="zaak-producten-title">
      <Heading level={2} id="zaak-producten-title">
        {t('zaak.producten.title')}
      </Heading>
      {producten.unavailable ? (
        <Unavailable t={t} />
      ) : (
        <ul class="utrecht-unordered-list">
          {producten.value.map((product) => (
            <li class="utrecht-unordered-list__item">
              <Link href={productHref(product)}>
                <Dutch>{product.naam}</Dutch>
              </Link>{' '}
              <Status t={t} status={shownStatus(product, today)} />
              {product.eindDatum && (
                <>
                  {' '}
                  ({t('producten.notice.until')} <DateText lang={lang} value={product.eindDatum} />)
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
