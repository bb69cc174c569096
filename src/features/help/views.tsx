/** The public help pages: contact, privacy statement, cookie statement, toegankelijkheidsverklaring. */
import type { ComponentChildren } from 'preact';
import type { Config, OpeningHours } from '../../config.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { DataList, DateText, Heading, Link, Paragraph, Table } from '../../platform/ui/components.tsx';

export type HelpConfig = Config['help'];

/** The cookies Voordeur sets, as the cookie statement lists them (names and lifetimes from the platform). */
export interface CookieFacts {
  session: string;
  sessionIdleMinutes: number;
  login: string;
  loginMinutes: number;
  language: string;
  kept: string;
  keptMinutes: number;
}

export interface HelpTexts {
  t: Translate;
  lang: Lang;
  organisation: string;
  portal: string;
}

/** A translated text with elements (links) in the place of some of its placeholders. */
function Text({ t, id, params, elements }: { t: Translate; id: MessageKey; params?: Record<string, string>; elements: Record<string, ComponentChildren> }) {
  const marker = (name: string) => `\uE000${name}\uE000`;
  const text = t(id, { ...params, ...Object.fromEntries(Object.keys(elements).map((name) => [name, marker(name)])) });
  return <>{text.split(/\uE000(\w+)\uE000/).map((part, i) => (i % 2 === 1 ? elements[part] : part))}</>;
}

const telHref = (phone: string) => `tel:${phone.replace(/\s+/g, '')}`;

/** "maandag tot en met vrijdag: 08.30 tot 17.00 uur". */
export function hoursText(t: Translate, lang: Lang, hours: OpeningHours): string {
  const day = (d: OpeningHours['from']) => t(`weekday.${d}` as MessageKey);
  const days = hours.to ? t('hours.range', { from: day(hours.from), to: day(hours.to) }) : day(hours.from);
  const time = (hhmm: string) => (lang === 'nl' ? hhmm.replace(':', '.') : hhmm);
  const text = `${days}: ${t('hours.times', { opens: time(hours.opens), closes: time(hours.closes) })}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Hours({ t, lang, hours }: { t: Translate; lang: Lang; hours: OpeningHours[] }) {
  return (
    <ul class="utrecht-unordered-list">
      {hours.map((h) => (
        <li class="utrecht-unordered-list__item">{hoursText(t, lang, h)}</li>
      ))}
    </ul>
  );
}

export function ContactPage({ t, lang, organisation, portal, help, askHref }: HelpTexts & { help: HelpConfig; askHref?: string }) {
  const { contact } = help;
  return (
    <>
      <Heading level={1}>{t('help.contact.title')}</Heading>
      <Paragraph lead>{t('help.contact.intro', { organisation, portal })}</Paragraph>
      {askHref && (
        <section aria-labelledby="contact-vraag">
          <Heading level={2} id="contact-vraag">
            {t('help.contact.vraag.title')}
          </Heading>
          <Paragraph>{t('help.contact.vraag', { portal })}</Paragraph>
          <Paragraph>
            <Link href={askHref}>{t('help.contact.vraag.link')}</Link>
          </Paragraph>
        </section>
      )}
      <section aria-labelledby="contact-phone">
        <Heading level={2} id="contact-phone">
          {t('help.contact.phone.title')}
        </Heading>
        <Paragraph>
          <Text t={t} id="help.contact.phone" elements={{ phone: <Link href={telHref(contact.phone)}>{contact.phone}</Link> }} />
        </Paragraph>
        {contact.phoneHours.length > 0 && (
          <>
            <Paragraph>{t('help.contact.hours')}</Paragraph>
            <Hours t={t} lang={lang} hours={contact.phoneHours} />
          </>
        )}
      </section>
      {contact.email && (
        <section aria-labelledby="contact-email">
          <Heading level={2} id="contact-email">
            {t('help.contact.email.title')}
          </Heading>
          <Paragraph>
            <Text t={t} id="help.contact.email" elements={{ email: <Link href={`mailto:${contact.email}`}>{contact.email}</Link> }} />
          </Paragraph>
          <Paragraph>{t('help.contact.email.privacy')}</Paragraph>
        </section>
      )}
      {contact.formUrl && (
        <section aria-labelledby="contact-form">
          <Heading level={2} id="contact-form">
            {t('help.contact.form.title')}
          </Heading>
          <Paragraph>
            <Link href={contact.formUrl}>{t('help.contact.form')}</Link>
          </Paragraph>
        </section>
      )}
      {contact.address && (
        <section aria-labelledby="contact-visit">
          <Heading level={2} id="contact-visit">
            {t('help.contact.visit.title')}
          </Heading>
          <Paragraph>{contact.address}</Paragraph>
          {contact.addressHours.length > 0 && (
            <>
              <Paragraph>{t('help.contact.visit.hours')}</Paragraph>
              <Hours t={t} lang={lang} hours={contact.addressHours} />
            </>
          )}
        </section>
      )}
      {help.websiteUrl && (
        <Paragraph>
          <Link href={help.websiteUrl}>{t('help.contact.website', { organisation })}</Link>
        </Paragraph>
      )}
    </>
  );
}

export function PrivacyPage({ t, organisation, portal, help }: HelpTexts & { help: HelpConfig }) {
  const { privacy } = help;
  return (
    <>
      <Heading level={1}>{t('help.privacy.title')}</Heading>
      <Paragraph lead>{t('help.privacy.intro', { organisation, portal })}</Paragraph>
      <Heading level={2}>{t('help.privacy.who.title')}</Heading>
      <Paragraph>{t('help.privacy.who', { organisation, portal })}</Paragraph>
      <Heading level={2}>{t('help.privacy.what.title')}</Heading>
      <Paragraph>{t('help.privacy.what', { organisation })}</Paragraph>
      <Paragraph>{t('help.privacy.stored', { portal })}</Paragraph>
      <Heading level={2}>{t('help.privacy.why.title')}</Heading>
      <Paragraph>{t('help.privacy.why')}</Paragraph>
      <Heading level={2}>{t('help.privacy.rights.title')}</Heading>
      <Paragraph>{t('help.privacy.rights')}</Paragraph>
      <Heading level={2}>{t('help.privacy.questions.title')}</Heading>
      <Paragraph>
        {privacy.officerEmail ? (
          <Text t={t} id="help.privacy.officer" elements={{ email: <Link href={`mailto:${privacy.officerEmail}`}>{privacy.officerEmail}</Link> }} />
        ) : (
          <>
            {t('help.privacy.contact')} <Link href="/contact">{t('footer.contact')}</Link>
          </>
        )}
      </Paragraph>
      <Paragraph>
        {t('help.privacy.complaint')} <Link href="https://autoriteitpersoonsgegevens.nl/">{t('help.privacy.ap')}</Link>.
      </Paragraph>
      {privacy.statementUrl && (
        <Paragraph>
          <Link href={privacy.statementUrl}>{t('help.privacy.full', { organisation })}</Link>
        </Paragraph>
      )}
    </>
  );
}

export function CookiesPage({ t, portal, cookies }: HelpTexts & { cookies: CookieFacts }) {
  const minutes = (n: number) => t('help.cookies.minutes', { minutes: n });
  const rows: { name: string; purpose: MessageKey; lifetime: string }[] = [
    { name: cookies.session, purpose: 'help.cookies.session', lifetime: t('help.cookies.session.lifetime', { minutes: cookies.sessionIdleMinutes }) },
    { name: cookies.login, purpose: 'help.cookies.login', lifetime: minutes(cookies.loginMinutes) },
    { name: cookies.language, purpose: 'help.cookies.language', lifetime: t('help.cookies.language.lifetime') },
    { name: cookies.kept, purpose: 'help.cookies.kept', lifetime: minutes(cookies.keptMinutes) },
  ];
  return (
    <>
      <Heading level={1}>{t('help.cookies.title')}</Heading>
      <Paragraph lead>{t('help.cookies.intro', { portal })}</Paragraph>
      <Heading level={2}>{t('help.cookies.list.title')}</Heading>
      <Table
        caption={t('help.cookies.caption', { portal })}
        captionHidden
        head={[t('help.cookies.column.name'), t('help.cookies.column.purpose'), t('help.cookies.column.lifetime')]}
        rows={rows.map((row) => ({ key: row.name, cells: [<code>{row.name}</code>, t(row.purpose), row.lifetime] }))}
      />
      <Paragraph>{t('help.cookies.delete')}</Paragraph>
    </>
  );
}

export function AccessibilityPage({ t, lang, organisation, portal, help, publicUrl }: HelpTexts & { help: HelpConfig; publicUrl: string }) {
  const { accessibility, contact } = help;
  const status = accessibility.status;
  return (
    <>
      <Heading level={1}>{t('help.accessibility.title')}</Heading>
      <Paragraph lead>{t('help.accessibility.intro', { organisation, portal })}</Paragraph>
      <Heading level={2}>{t('help.accessibility.statement.title')}</Heading>
      <DataList
        items={[
          { key: t('help.accessibility.organisation'), value: organisation },
          {
            key: t('help.accessibility.website'),
            value: (
              <>
                {portal} (<Link href={publicUrl}>{publicUrl}</Link>)
              </>
            ),
          },
          { key: t('help.accessibility.status'), value: <strong>{t(`help.accessibility.status.${status}`)}</strong> },
          {
            key: t('help.accessibility.date'),
            value: accessibility.date ? <DateText lang={lang} value={accessibility.date} /> : t('help.accessibility.noDate'),
          },
        ]}
      />
      <Paragraph>{t(`help.accessibility.status.${status}.text`, { portal })}</Paragraph>
      <Heading level={2}>{t('help.accessibility.how.title')}</Heading>
      <Paragraph>{t('help.accessibility.how', { portal })}</Paragraph>
      {accessibility.reportUrl && (
        <Paragraph>
          <Link href={accessibility.reportUrl}>{t('help.accessibility.report')}</Link>
        </Paragraph>
      )}
      {accessibility.registerUrl && (
        <Paragraph>
          <Link href={accessibility.registerUrl}>{t('help.accessibility.register')}</Link>
        </Paragraph>
      )}
      <Heading level={2}>{t('help.accessibility.feedback.title')}</Heading>
      <Paragraph>{t('help.accessibility.feedback')}</Paragraph>
      <Paragraph>
        <Text t={t} id="help.accessibility.feedback.phone" elements={{ phone: <Link href={telHref(contact.phone)}>{contact.phone}</Link> }} />
        {contact.email && (
          <>
            {' '}
            <Text t={t} id="help.accessibility.feedback.email" elements={{ email: <Link href={`mailto:${contact.email}`}>{contact.email}</Link> }} />
          </>
        )}
      </Paragraph>
      <Heading level={2}>{t('help.accessibility.complaint.title')}</Heading>
      <Paragraph>
        {t('help.accessibility.complaint')} <Link href="https://www.nationaleombudsman.nl/">{t('help.accessibility.ombudsman')}</Link>.
      </Paragraph>
    </>
  );
}
