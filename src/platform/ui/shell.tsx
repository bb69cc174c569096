/** The one page shell: every HTML page of Voordeur, error pages included, is rendered in it. */
import type { ComponentChildren } from 'preact';
import type { Config } from '../../config.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { languages } from '../i18n/index.ts';
import type { FooterLink } from '../http/feature.ts';
import type { NavItem, ShellUser } from '../http/types.ts';

export type { ShellUser };
import { Button, Form } from './components.tsx';
import { keptHtml } from './kept-html.ts';

export interface ShellProps {
  lang: Lang;
  t: Translate;
  nonce: string;
  title: string;
  /** Path and query of this page, so that switching language comes back here. */
  currentPath: string;
  theme: Config['theme'];
  demoMode: boolean;
  user?: ShellUser;
  nav: readonly NavItem[];
  /** The features' links in the footer (help, privacy, contact…). */
  footerLinks: readonly FooterLink[];
  navCounts: Record<string, number>;
  activeNav?: string;
  /** A part of the site with its own login (the medewerkersportaal): its name and start page. */
  portal?: { name: string; home: string };
  children?: ComponentChildren;
}

function duration(t: Translate, seconds: number): string {
  if (seconds < 60) return t('duration.seconds', { n: seconds });
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? t('duration.minute') : t('duration.minutes', { n: minutes });
}

function LanguageLinks({ t, lang, currentPath }: { t: Translate; lang: Lang; currentPath: string }) {
  return (
    <nav class="voordeur-lang-nav" aria-label={t('lang.switch.label')}>
      <ul class="voordeur-lang-nav__list">
        {languages.map((code) => (
          <li class="voordeur-lang-nav__item">
            <a
              class="utrecht-link utrecht-link--html-a voordeur-lang-nav__link"
              href={`/taal/${code}?terug=${encodeURIComponent(currentPath)}`}
              lang={code}
              hrefLang={code}
              aria-current={code === lang ? 'true' : undefined}
            >
              {code === 'nl' ? 'Nederlands' : 'English'}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserTools({ t, user }: { t: Translate; user: ShellUser }) {
  return (
    <div class="voordeur-user">
      <span class="voordeur-user__name">{t('shell.loggedInAs', { name: user.actorName ?? user.name })}</span>
      <Form action={user.logoutAction ?? '/uitloggen'} csrfToken={user.csrfToken}>
        <Button appearance="secondary-action">{t('shell.logout')}</Button>
      </Form>
    </div>
  );
}

/** The navigation, rendered once per language, current item and counts shown (it is on every page, twice). */
function KeptNavLinks(props: ShellProps) {
  const { lang, nav, navCounts, activeNav } = props;
  const counts = nav.map((item) => (item.countLabel ? (navCounts[item.id] ?? 0) : '')).join(',');
  return keptHtml(nav, `${lang}\u0000${activeNav ?? ''}\u0000${counts}`, () => <NavLinks {...props} />);
}

function NavLinks({ t, nav, navCounts, activeNav }: ShellProps) {
  return (
    <ul class="utrecht-nav-list" role="list">
      {nav.map((item) => (
        <li class="utrecht-nav-list__item">
          <a class="utrecht-nav-list__link" href={item.href} aria-current={item.id === activeNav ? 'page' : undefined}>
            {t(item.label)}
            {item.countLabel && (navCounts[item.id] ?? 0) > 0 && <span class="voordeur-nav-count"> ({t(item.countLabel, { n: navCounts[item.id]! })})</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The footer, rendered once per language and organisation (the same on every page). */
function KeptFooter(props: ShellProps) {
  const { lang, theme, footerLinks } = props;
  return keptHtml(footerLinks, `${lang}\u0000${theme.organisationName}\u0000${theme.contactText}`, () => <Footer {...props} />);
}

function Footer({ t, theme, footerLinks }: ShellProps) {
  return (
    <footer class="utrecht-page-footer voordeur-footer">
      <div class="utrecht-page-footer__content voordeur-footer__content">
        <p class="utrecht-paragraph voordeur-footer__organisation">{theme.organisationName}</p>
        {footerLinks.length > 0 ? (
          <nav class="voordeur-footer__nav" aria-label={t('shell.footer.label')}>
            <ul class="voordeur-footer__list">
              {footerLinks.map((link) => (
                <li class="voordeur-footer__item">
                  <a class="utrecht-link utrecht-link--html-a voordeur-footer__link" href={link.href}>
                    {t(link.label, link.params)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <p class="utrecht-paragraph" lang="nl">
            {theme.contactText}
          </p>
        )}
      </div>
    </footer>
  );
}

export function Shell(props: ShellProps) {
  const { t, lang, theme, user } = props;
  const home = props.portal?.home ?? (user ? '/overzicht' : '/');
  const portalName = props.portal?.name ?? theme.portalName;
  const hasNav = props.nav.length > 0;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${portalName} - ${theme.organisationName}`}</title>
        <link rel="stylesheet" href="/static/nlds/design-tokens.css" />
        <link rel="stylesheet" href="/static/nlds/components.css" />
        <link rel="stylesheet" href="/static/voordeur.css" />
        <link rel="stylesheet" href="/static/theme.css" />
        {user && <meta name="csrf-token" content={user.csrfToken} />}
        {user && <script src="/static/session.js" nonce={props.nonce} defer />}
      </head>
      <body
        class="utrecht-theme voordeur"
        data-session-seconds-left={user?.secondsLeft}
        data-session-warning-seconds={user?.warningSeconds}
        data-session-extend={user?.extendAction}
        data-session-ended={user?.endedPath}
      >
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {t('shell.skip')}
        </a>
        {props.demoMode && (
          <div class="voordeur-demo-banner" role="note">
            <strong>{t('shell.demo')}</strong>
          </div>
        )}
        <header class="utrecht-page-header voordeur-header">
          <div class="utrecht-page-header__content voordeur-header__content">
            <a class="voordeur-brand" href={home}>
              <img class="voordeur-brand__logo" src="/static/logo" alt="" width={48} height={48} />
              <span class="voordeur-brand__text">
                <span class="voordeur-brand__organisation">{theme.organisationName}</span>
                <span class="voordeur-brand__portal">{portalName}</span>
              </span>
            </a>
            <div class={user && hasNav ? 'voordeur-header__tools voordeur-wide-only' : 'voordeur-header__tools'}>
              <LanguageLinks t={t} lang={lang} currentPath={props.currentPath} />
              {user && <UserTools t={t} user={user} />}
            </div>
            {user && hasNav && (
              // Below the breakpoint the navigation, the language and logging out fold into one
              // menu: a <details> disclosure, so it opens without JavaScript. Only one of this and
              // the navigation bar is displayed (and so in the accessibility tree) at a time.
              <details class="voordeur-menu voordeur-narrow-only">
                <summary class="voordeur-menu__button">{t('shell.menu')}</summary>
                <div class="voordeur-menu__panel">
                  <nav class="voordeur-menu__nav" aria-label={t('shell.nav.label')}>
                    <KeptNavLinks {...props} />
                  </nav>
                  <UserTools t={t} user={user} />
                  <LanguageLinks t={t} lang={lang} currentPath={props.currentPath} />
                </div>
              </details>
            )}
          </div>
        </header>
        {user && hasNav && (
          <nav class="utrecht-nav-bar voordeur-nav voordeur-wide-only" aria-label={t('shell.nav.label')}>
            <div class="utrecht-nav-bar__content">
              <KeptNavLinks {...props} />
            </div>
          </nav>
        )}
        {user && (user.actorName || user.switchHref) && (
          // For whom this person acts, on every page: the person greeted above is who logged in.
          <div class="voordeur-acting-for" id="voor-wie" role="note">
            <p class="utrecht-paragraph">
              <strong>{user.actorName ? t('shell.actingFor', { name: user.name }) : t('shell.actingForSelf')}</strong>
              {user.switchHref && (
                <>
                  {' '}
                  <a class="utrecht-link utrecht-link--html-a" href={user.switchHref}>
                    {t('shell.switch')}
                  </a>
                </>
              )}
            </p>
          </div>
        )}
        <main id="main" class="utrecht-page-content voordeur-main" tabIndex={-1}>
          {props.children}
        </main>
        <KeptFooter {...props} />
        {user && (
          <dialog class="voordeur-session-dialog" id="session-warning" aria-labelledby="session-warning-title" aria-describedby="session-warning-text">
            <h2 class="utrecht-heading-2" id="session-warning-title">
              {t('session.warning.title')}
            </h2>
            <p class="utrecht-paragraph" id="session-warning-text">
              {t('session.warning.text', { duration: duration(t, user.warningSeconds) })}
            </p>
            <div class="utrecht-button-group">
              <Button type="button" id="session-stay">
                {t('session.warning.stay')}
              </Button>
              <Form action={user.logoutAction ?? '/uitloggen'} csrfToken={user.csrfToken}>
                <Button appearance="secondary-action">{t('session.warning.logout')}</Button>
              </Form>
            </div>
          </dialog>
        )}
      </body>
    </html>
  );
}
