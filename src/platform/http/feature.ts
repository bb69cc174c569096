/**
 * The one shape of every user-facing capability (docs/decisions/0007-feature-contract.md).
 *
 * A feature is built by `features/<feature>/index.ts` from its typed dependencies and returned as
 * a `Feature`; `app.ts` lists the features and registers each `plugin` in its own encapsulated
 * Fastify context. What a feature adds to pages of other features (its navigation item and count,
 * its block on the overzicht, its section on a zaak's page) it offers through this contract, and
 * the platform asks for it: concurrently, each with its own deadline, so that one slow or failing
 * feature costs only its own part of the page. Features never add global hooks, and the order in
 * which they are listed is the order of the navigation, nothing more.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import type { ProductPrefill } from '../../domain/aanvraag.ts';
import type { Availability } from '../../domain/availability.ts';
import type { DossierKind } from '../../domain/medewerker.ts';
import type { ZaakRef } from '../../domain/zaak.ts';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { Caller, NavItem } from './types.ts';

/** A link in the footer of every page, public pages included (e.g. the privacy statement). */
export interface FooterLink {
  href: string;
  label: MessageKey;
  /** Values for the label's placeholders (e.g. a phone number). */
  params?: Record<string, string>;
}

/**
 * A staff member's read-only look at one person's dossier in the medewerkersportaal. The caller's
 * identity is the person's, with `staff` set: every read the feature's service does is recorded
 * in the processing log as the staff member's, for the purpose they stated.
 */
export interface DossierView {
  caller: Caller;
  t: Translate;
  lang: Lang;
  /** Whether the staff member's roles let them see this kind of data (features/medewerkers/policy.ts). */
  may(kind: DossierKind): boolean;
  /** Whether they may see zaken of this zaaktype (some zaaktypen are for some roles only). */
  mayZaaktype(zaaktype: string): boolean;
  /**
   * Where a form of the feature's section posts to do one of its `dossierActions` for the person,
   * with the CSRF token to send; undefined when the staff member may not (the section then shows no form).
   */
  action(feature: string, name: string): { url: string; csrfToken: string } | undefined;
  /** Where to register a conversation about this zaak of the person; undefined when the staff member may not. */
  contactAbout(zaak: ZaakRef): string | undefined;
  /** The address of one of the feature's `dossierPage`s (e.g. 'zaak/openzaak/<uuid>') within this dossier. */
  href(feature: string, path: string): string;
}

/** A page of its own within a person's dossier, e.g. one zaak with its timeline and documents. */
export interface DossierDetail {
  /** Its heading and the page title: the person's data (e.g. a zaak's omschrijving), in Dutch (marked lang="nl"). */
  title: string;
  body: JSX.Element;
}

/**
 * Something a staff member can do for the person from their dossier, e.g. send again a
 * notification that bounced. The medewerkersportaal checks the access, the CSRF token and the
 * role (`kind`), records it in the internal audit log, and shows the dossier again with the outcome.
 */
export interface DossierAction {
  /** The kind of data the staff member's roles must allow. */
  readonly kind: DossierKind;
  /** What the staff member is told when it is done. */
  readonly done: MessageKey;
  /** Does it for the view's person with the form's fields; a refusal says why, in a message the staff member understands. */
  run(view: DossierView, form: Record<string, string>): Promise<{ ok: true } | { ok: false; message: MessageKey; status: 400 | 409 | 503 }>;
}

/**
 * A feature's card on the overzicht: its area, how many things there need the person's attention,
 * the most urgent one, and one thing to do. The overzicht draws every card the same way and puts
 * the cards that ask for action first (a taak past its deadline, a bericht that asks something).
 * Texts are translated by the feature; data of the organisation (a zaak's title) says `dataLang`.
 */
export interface OverviewCard {
  /** The area, as the card's heading (e.g. "Mijn taken"). */
  title: string;
  /** How many things need attention (open taken, unread berichten, lopende zaken, products ending soon). */
  count: number;
  /** What the count counts, after the number ("taken te doen"). */
  countLabel: string;
  /** The written empty state when the count is 0 ("U hoeft nu niets te doen."). */
  empty: string;
  /** The most urgent item. */
  urgent?: OverviewItem;
  /** The card's one action (e.g. to the area's page). */
  action: { href: string; label: string };
  /** `act`: a deadline passed or the organisation asks the person to do something (these cards come first); `attention`: something open or new; `none`: nothing. */
  priority: 'act' | 'attention' | 'none';
  /** Whether the person has anything in this area at all, also done or closed (someone with nothing anywhere is shown what they can do instead). */
  hasAny: boolean;
  /** The area's source could not answer now: the card says so. */
  unavailable?: boolean;
}

/** The most urgent item of an overzicht card: a link, with why it is urgent. */
export interface OverviewItem {
  /** What kind of item this is on the card ("Eerst doen", "Nieuwste bericht"). */
  label: string;
  href: string;
  /** Its title. */
  text: string;
  /** The language of the title when it is the organisation's data, which stays Dutch (e.g. 'nl'). */
  dataLang?: Lang;
  /** E.g. the deadline in words ("Uiterlijk 3 december"). */
  note?: string;
  /** Shown as a warning (a deadline passed, an action asked), in words, never by colour alone. */
  warning?: string;
}

/** One of the person's own zaken, as a choice in a form of another feature (e.g. what a question is about). */
export interface ZaakChoice {
  ref: ZaakRef;
  /** Its omschrijving (else its zaaktype), as the organisation wrote it. */
  title: string;
  identificatie: string;
  open: boolean;
}

/** A product as another feature needs it to say where it is renewed: its id and its producttype. */
export interface RenewableProduct {
  id: string;
  producttype: { id: string; code?: string };
}

export interface Feature {
  /** Unique and stable: the navigation item's id, and the name in logs. */
  readonly id: string;
  /** Its item in the navigation of logged-in pages. */
  readonly nav?: NavItem;
  /** Its links in the footer of every page. */
  readonly footerLinks?: readonly FooterLink[];
  /** A number shown next to the navigation item (e.g. unread berichten); undefined for none. */
  navCount?(request: FastifyRequest): Promise<number | undefined>;
  /** Its card on the overzicht (the dashboard); null when it has nothing to show there. */
  overviewBlock?(request: FastifyRequest): Promise<OverviewCard | null>;
  /** What it shows on the page of one of the person's zaken (e.g. the zaak's open taken); null for nothing. */
  zaakSection?(request: FastifyRequest, zaak: ZaakRef): Promise<JSX.Element | null>;
  /** The logged-in person's own zaken, to choose from in a form of another feature; only theirs, so a chosen one is checked against it. */
  zaakChoices?(request: FastifyRequest): Promise<Availability<ZaakChoice[]>>;
  /**
   * One of the logged-in person's own products, as the starting values of a form of another
   * feature (an aanvraag that renews it); null when it is not theirs or does not exist (a 404).
   * Throws SourceUnavailableError when its source cannot answer.
   */
  ownProduct?(request: FastifyRequest, id: string): Promise<ProductPrefill | null>;
  /** Where renewing each of these products starts online (product id → address), for those whose producttype this login can apply for. */
  renewals?(request: FastifyRequest, products: readonly RenewableProduct[]): Promise<Record<string, string>>;
  /** Its part of a person's dossier in the medewerkersportaal, read only; null when the staff member may not see it or it has nothing. */
  dossierSection?(view: DossierView): Promise<JSX.Element | null>;
  /** What a staff member can do for the person from the feature's part of the dossier, by name. */
  readonly dossierActions?: Readonly<Record<string, DossierAction>>;
  /** A page within the dossier at `path` (what its `view.href` links to), read only; null when there is none there or the staff member may not see it. */
  dossierPage?(view: DossierView, path: string): Promise<DossierDetail | null>;
  /** Its routes, registered in a context of their own. */
  readonly plugin?: FastifyPluginAsync;
  /** Work in the background while the application runs (e.g. a worker); returns what stops it. */
  start?(): () => Promise<void>;
}

/** What features offer to the pages of other features, as the platform reads it. */
export interface FeatureParts {
  nav: readonly NavItem[];
  footerLinks: readonly FooterLink[];
  navCounts(request: FastifyRequest): Promise<Record<string, number>>;
  /** The features' cards, in the order of the navigation, each with the id of its feature. */
  overviewBlocks(request: FastifyRequest): Promise<{ feature: string; card: OverviewCard }[]>;
  zaakSections(request: FastifyRequest, zaak: ZaakRef): Promise<JSX.Element[]>;
  /** The person's zaken from every feature that offers them; unavailable (naming the feature) when one failed or was late. */
  zaakChoices(request: FastifyRequest): Promise<Availability<ZaakChoice[]>>;
  /** One of the person's own products from the feature that offers them; null when none does or it is not theirs (throws when its source cannot answer). */
  ownProduct(request: FastifyRequest, id: string): Promise<ProductPrefill | null>;
  /** Where renewing each product starts online, from every feature that offers it; a feature that failed or was late offers none. */
  renewals(request: FastifyRequest, products: readonly RenewableProduct[]): Promise<Record<string, string>>;
  dossierSections(view: DossierView): Promise<JSX.Element[]>;
  /** One of a feature's `dossierActions`; undefined when there is none by that name. */
  dossierAction(feature: string, name: string): DossierAction | undefined;
  /** A feature's page within a dossier; null when there is none. */
  dossierPage(feature: string, view: DossierView, path: string): Promise<DossierDetail | null>;
}
