/**
 * The overzicht as a dashboard: one card per area with the number that needs attention, the most
 * urgent item and one action; the cards that ask for action first. Someone with nothing anywhere
 * sees what they can do instead of empty cards.
 */
import type { OverviewCard } from '../../platform/http/feature.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import { Heading, Link, Paragraph } from '../../platform/ui/components.tsx';

const priorityOrder: Record<OverviewCard['priority'], number> = { act: 0, attention: 1, none: 2 };

/** The cards that ask for action first, then those with something open, then the rest; in the order of the navigation within each. */
export function byPriority(cards: readonly { feature: string; card: OverviewCard }[]): { feature: string; card: OverviewCard }[] {
  return cards
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => priorityOrder[a.entry.card.priority] - priorityOrder[b.entry.card.priority] || a.index - b.index)
    .map(({ entry }) => entry);
}

/** An organisation's data (a zaak's title) stays Dutch: marked so when the page is in another language. */
const dataLangOf = (lang: Lang, dataLang: Lang | undefined) => (dataLang && dataLang !== lang ? dataLang : undefined);

export function Card({ lang, feature, card }: { lang: Lang; feature: string; card: OverviewCard }) {
  const titleId = `overzicht-${feature}-title`;
  const { urgent } = card;
  return (
    <section class={`voordeur-card voordeur-card--${card.priority}`} aria-labelledby={titleId} data-feature={feature}>
      <Heading level={2} id={titleId}>
        {card.title}
      </Heading>
      {card.unavailable || card.count === 0 ? (
        <Paragraph>{card.empty}</Paragraph>
      ) : (
        <p class="utrecht-paragraph voordeur-card__count">
          <span class="voordeur-card__number">{card.count}</span> {card.countLabel}
        </p>
      )}
      {urgent && !card.unavailable && (
        <div class="voordeur-card__urgent">
          <p class="utrecht-paragraph voordeur-card__label">
            {urgent.label}
            {urgent.warning && (
              <>
                {' '}
                <span class="voordeur-badge voordeur-badge--warning">{urgent.warning}</span>
              </>
            )}
          </p>
          <p class="utrecht-paragraph voordeur-card__item">
            <Link href={urgent.href} lang={dataLangOf(lang, urgent.dataLang)}>
              {urgent.text}
            </Link>
          </p>
          {urgent.note && <p class="utrecht-paragraph voordeur-card__note">{urgent.note}</p>}
        </div>
      )}
      <p class="utrecht-paragraph voordeur-card__action">
        <Link href={card.action.href}>{card.action.label}</Link>
      </p>
    </section>
  );
}

/** What someone with nothing anywhere yet can do: apply for something (when Voordeur offers it) and ask a question. */
export function EmptyOverview({
  t,
  organisationName,
  aanvragenHref,
  contactHref,
}: {
  t: Translate;
  organisationName: string;
  aanvragenHref?: string;
  contactHref?: string;
}) {
  return (
    <section class="voordeur-empty-overview" aria-labelledby="overzicht-empty-title">
      <Heading level={2} id="overzicht-empty-title">
        {t('overzicht.empty.title')}
      </Heading>
      <Paragraph>{t('overzicht.empty.text', { organisation: organisationName })}</Paragraph>
      {(aanvragenHref || contactHref) && (
        <>
          <Heading level={3}>{t('overzicht.empty.what')}</Heading>
          <ul class="utrecht-unordered-list voordeur-empty-overview__actions">
            {aanvragenHref && (
              <li class="utrecht-unordered-list__item">
                <Link href={aanvragenHref}>{t('overzicht.empty.aanvragen')}</Link>
              </li>
            )}
            {contactHref && (
              <li class="utrecht-unordered-list__item">
                <Link href={contactHref}>{t('overzicht.empty.vraag')}</Link>
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
