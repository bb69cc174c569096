/**
 * The pages of the DigiD/eHerkenning simulator, in Dutch (B1). Every choice is a plain POST
 * form, so everything works without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import { displayName, findTestPerson, testCompanies, testMachtigingen, testMedewerkers, testPersons } from '../data/test-identities.ts';
import { testLeveranciers } from '../data/test-leveranciers.ts';
import { Alert, Button, ErrorSummary, Heading, Paragraph, TextField, renderPage } from '../shared/page.tsx';
import type { FieldError } from '../shared/page.tsx';

export const simulatorName = 'Inlogsimulator DigiD en eHerkenning';

export interface DigidFormValues {
  bsn?: string;
  gemachtigdeBsn?: string;
  vertegenwoordigdeBsn?: string;
}

export interface EherkenningFormValues {
  kvk?: string;
  vestiging?: string;
}

interface PageContext {
  assetsPrefix: string;
  /** URL of this interaction, e.g. /oidc/interaction/abc; the forms post below it. */
  interactionUrl: string;
}

const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

function PostForm({ action, children }: { action: string; children?: ComponentChildren }) {
  return (
    <form class="utrecht-form" method="post" action={action} noValidate>
      {children}
    </form>
  );
}

function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

function CancelSection({ interactionUrl }: { interactionUrl: string }) {
  return (
    <section class="simulator-section" aria-labelledby="annuleren-title">
      <Heading level={2} id="annuleren-title">
        Toch niet inloggen?
      </Heading>
      <PostForm action={`${interactionUrl}/annuleren`}>
        <Button appearance="secondary-action">Annuleren en terug naar de website</Button>
      </PostForm>
    </section>
  );
}

function personLabel(bsn: string): string {
  const person = findTestPerson(bsn);
  return person ? displayName(person) : `BSN ${bsn}`;
}

export function digidPage(ctx: PageContext & { values?: DigidFormValues; errors?: FieldError[] }): string {
  const values = ctx.values ?? {};
  const errors = ctx.errors ?? [];
  const title = 'Inloggen met DigiD (simulator)';
  return renderPage({
    title: errors.length > 0 ? `Fout: ${title}` : title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <ErrorSummary errors={errors} />
        <Heading level={1}>{title}</Heading>
        <Alert type="warning">
          <Paragraph>
            <strong>Dit is een testomgeving.</strong> U logt hier niet echt in met DigiD. Kies een testpersoon of vul een burgerservicenummer (BSN) in. Gebruik
            geen echte gegevens.
          </Paragraph>
        </Alert>

        <section class="simulator-section" aria-labelledby="testpersonen-title">
          <Heading level={2} id="testpersonen-title">
            Kies een testpersoon
          </Heading>
          <Paragraph>Klik op de knop bij een persoon. U bent dan meteen ingelogd als die persoon.</Paragraph>
          <ul class="simulator-choices">
            {testPersons.map((person) => (
              <li class="simulator-choice">
                <p class="utrecht-paragraph">
                  <strong>{displayName(person)}</strong>
                </p>
                <p class="utrecht-paragraph">BSN: {person.bsn}</p>
                <p class="utrecht-paragraph">{person.description}</p>
                <PostForm action={`${ctx.interactionUrl}/digid`}>
                  <Hidden name="bsn" value={person.bsn} />
                  <Button>{`Inloggen als ${displayName(person)}`}</Button>
                </PostForm>
              </li>
            ))}
          </ul>
        </section>

        <section class="simulator-section" aria-labelledby="bsn-title">
          <Heading level={2} id="bsn-title">
            Inloggen met een ander BSN
          </Heading>
          <PostForm action={`${ctx.interactionUrl}/digid`}>
            <TextField
              id="bsn"
              name="bsn"
              label="Burgerservicenummer (BSN)"
              description="Een BSN heeft 9 cijfers. Bijvoorbeeld: 999993653."
              value={values.bsn}
              error={errorFor(errors, 'bsn')}
              inputMode="numeric"
              size={12}
            />
            <Button>Inloggen</Button>
          </PostForm>
        </section>

        <section class="simulator-section" aria-labelledby="machtigen-title">
          <Heading level={2} id="machtigen-title">
            Inloggen als gemachtigde (DigiD Machtigen)
          </Heading>
          <Paragraph>
            Regelt u iets voor iemand anders, bijvoorbeeld voor uw vader of moeder? Dan logt u in met uw eigen BSN. U kiest ook voor wie u iets regelt.
          </Paragraph>
          <Heading level={3}>Kies een testmachtiging</Heading>
          <ul class="simulator-choices">
            {testMachtigingen.map((m) => (
              <li class="simulator-choice">
                <p class="utrecht-paragraph">
                  <strong>{`${personLabel(m.gemachtigde)} regelt zaken voor ${personLabel(m.vertegenwoordigde)}`}</strong>
                </p>
                <p class="utrecht-paragraph">
                  BSN gemachtigde: {m.gemachtigde}. BSN van de persoon voor wie zij of hij iets regelt: {m.vertegenwoordigde}.
                </p>
                <p class="utrecht-paragraph">{m.description}</p>
                <PostForm action={`${ctx.interactionUrl}/machtiging`}>
                  <Hidden name="gemachtigde_bsn" value={m.gemachtigde} />
                  <Hidden name="vertegenwoordigde_bsn" value={m.vertegenwoordigde} />
                  <Button>{`Inloggen als ${personLabel(m.gemachtigde)} voor ${personLabel(m.vertegenwoordigde)}`}</Button>
                </PostForm>
              </li>
            ))}
          </ul>
          <Heading level={3}>Zelf de burgerservicenummers invullen</Heading>
          <PostForm action={`${ctx.interactionUrl}/machtiging`}>
            <TextField
              id="gemachtigde-bsn"
              name="gemachtigde_bsn"
              label="Uw eigen BSN"
              description="Het BSN van de persoon die inlogt. 9 cijfers."
              value={values.gemachtigdeBsn}
              error={errorFor(errors, 'gemachtigde-bsn')}
              inputMode="numeric"
              size={12}
            />
            <TextField
              id="vertegenwoordigde-bsn"
              name="vertegenwoordigde_bsn"
              label="BSN van de persoon voor wie u iets regelt"
              description="9 cijfers. Dit is een ander BSN dan uw eigen BSN."
              value={values.vertegenwoordigdeBsn}
              error={errorFor(errors, 'vertegenwoordigde-bsn')}
              inputMode="numeric"
              size={12}
            />
            <Button>Inloggen als gemachtigde</Button>
          </PostForm>
        </section>

        <CancelSection interactionUrl={ctx.interactionUrl} />
      </>
    ),
  });
}

export function eherkenningPage(ctx: PageContext & { values?: EherkenningFormValues; errors?: FieldError[] }): string {
  const values = ctx.values ?? {};
  const errors = ctx.errors ?? [];
  const title = 'Inloggen met eHerkenning (simulator)';
  return renderPage({
    title: errors.length > 0 ? `Fout: ${title}` : title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <ErrorSummary errors={errors} />
        <Heading level={1}>{title}</Heading>
        <Alert type="warning">
          <Paragraph>
            <strong>Dit is een testomgeving.</strong> U logt hier niet echt in met eHerkenning. Kies een testbedrijf of vul een KvK-nummer in. Gebruik geen
            echte gegevens.
          </Paragraph>
        </Alert>

        <section class="simulator-section" aria-labelledby="testbedrijven-title">
          <Heading level={2} id="testbedrijven-title">
            Kies een testbedrijf
          </Heading>
          <Paragraph>U kunt inloggen voor de hele onderneming of voor één vestiging. Klik op een knop. U bent dan meteen ingelogd.</Paragraph>
          <ul class="simulator-choices">
            {testCompanies.map((company) => (
              <li class="simulator-choice">
                <p class="utrecht-paragraph">
                  <strong>{company.naam}</strong>
                </p>
                <p class="utrecht-paragraph">KvK-nummer: {company.kvkNummer}</p>
                <p class="utrecht-paragraph">{company.description}</p>
                <div class="simulator-buttons">
                  <PostForm action={`${ctx.interactionUrl}/eherkenning`}>
                    <Hidden name="kvk" value={company.kvkNummer} />
                    <Button>{`Inloggen als ${company.naam}`}</Button>
                  </PostForm>
                  {company.vestigingen.map((v) => (
                    <PostForm action={`${ctx.interactionUrl}/eherkenning`}>
                      <Hidden name="kvk" value={company.kvkNummer} />
                      <Hidden name="vestiging" value={v.vestigingsnummer} />
                      <Button appearance="secondary-action">{`Inloggen voor vestiging ${v.naam} (${v.vestigingsnummer})`}</Button>
                    </PostForm>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section class="simulator-section" aria-labelledby="kvk-title">
          <Heading level={2} id="kvk-title">
            Inloggen met een ander KvK-nummer
          </Heading>
          <PostForm action={`${ctx.interactionUrl}/eherkenning`}>
            <TextField
              id="kvk"
              name="kvk"
              label="KvK-nummer"
              description="Een KvK-nummer heeft 8 cijfers. Bijvoorbeeld: 69599084."
              value={values.kvk}
              error={errorFor(errors, 'kvk')}
              inputMode="numeric"
              size={10}
            />
            <TextField
              id="vestiging"
              name="vestiging"
              label="Vestigingsnummer (niet verplicht)"
              description="Een vestigingsnummer heeft 12 cijfers. Laat dit leeg om in te loggen voor de hele onderneming."
              value={values.vestiging}
              error={errorFor(errors, 'vestiging')}
              inputMode="numeric"
              size={14}
            />
            <Button>Inloggen</Button>
          </PostForm>
        </section>

        <CancelSection interactionUrl={ctx.interactionUrl} />
      </>
    ),
  });
}

/** The organisation's own login for staff (standing in for Keycloak or Entra ID): choose a test staff member. */
export function medewerkerPage(ctx: PageContext): string {
  const title = 'Inloggen als medewerker (simulator)';
  return renderPage({
    title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>{title}</Heading>
        <Alert type="warning">
          <Paragraph>
            <strong>Dit is een testomgeving.</strong> Hier staat het inloggen van de organisatie zelf (bijvoorbeeld Keycloak of Entra ID). Kies een
            testmedewerker.
          </Paragraph>
        </Alert>
        <ul class="simulator-choices">
          {testMedewerkers.map((medewerker) => (
            <li class="simulator-choice">
              <p class="utrecht-paragraph">
                <strong>{medewerker.naam}</strong>, {medewerker.afdeling}
              </p>
              <p class="utrecht-paragraph">{medewerker.description}</p>
              <PostForm action={`${ctx.interactionUrl}/medewerker`}>
                <Hidden name="medewerker" value={medewerker.id} />
                <Button>{`Inloggen als ${medewerker.naam}`}</Button>
              </PostForm>
            </li>
          ))}
        </ul>
        <CancelSection interactionUrl={ctx.interactionUrl} />
      </>
    ),
  });
}

/** The leveranciersportaal's login: the connected organisation's own identity provider, with a test account per demo organisation. */
export function leverancierPage(ctx: PageContext): string {
  const title = 'Inloggen als leverancier (simulator)';
  return renderPage({
    title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>{title}</Heading>
        <Alert type="warning">
          <Paragraph>
            <strong>Dit is een testomgeving.</strong> Hier staat het inloggen van de aangesloten organisatie zelf. Kies een testaccount.
          </Paragraph>
        </Alert>
        <ul class="simulator-choices">
          {testLeveranciers.map((leverancier) => (
            <li class="simulator-choice">
              <p class="utrecht-paragraph">
                <strong>{leverancier.naam}</strong>, {leverancier.organisatieNaam}
              </p>
              <p class="utrecht-paragraph">{leverancier.description}</p>
              <PostForm action={`${ctx.interactionUrl}/leverancier`}>
                <Hidden name="leverancier" value={leverancier.id} />
                <Button>{`Inloggen als ${leverancier.naam}`}</Button>
              </PostForm>
            </li>
          ))}
        </ul>
        <CancelSection interactionUrl={ctx.interactionUrl} />
      </>
    ),
  });
}

/** The confirmation page of RP-initiated logout; `form` is oidc-provider's (hidden) logout form. */
export function logoutPage(ctx: { assetsPrefix: string; form: string }): string {
  return renderPage({
    title: 'Uitloggen bij de simulator',
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>U wordt uitgelogd bij de simulator</Heading>
        <Paragraph>Klik op de knop Uitloggen. Daarna gaat u terug naar de website.</Paragraph>
        {/* oidc-provider's form: <form id="op.logoutForm"> with its own XSRF token, no visible content. */}
        <div dangerouslySetInnerHTML={{ __html: ctx.form }} />
        <Button name="logout" value="yes" form="op.logoutForm">
          Uitloggen
        </Button>
      </>
    ),
  });
}

export function loggedOutPage(ctx: { assetsPrefix: string }): string {
  return renderPage({
    title: 'U bent uitgelogd',
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>U bent uitgelogd</Heading>
        <Paragraph>U bent uitgelogd bij de inlogsimulator. U kunt dit venster nu sluiten.</Paragraph>
      </>
    ),
  });
}

export function errorPage(ctx: { assetsPrefix: string; message: string; code?: string; description?: string }): string {
  return renderPage({
    title: 'Er is iets misgegaan',
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>Er is iets misgegaan</Heading>
        <Paragraph lead>{ctx.message}</Paragraph>
        <Paragraph>Ga terug naar de website en probeer het opnieuw.</Paragraph>
        {ctx.code !== undefined && (
          <section class="simulator-section" aria-labelledby="technisch-title">
            <Heading level={2} id="technisch-title">
              Technische informatie
            </Heading>
            <Paragraph>
              Foutcode: <code class="simulator-technical">{ctx.code}</code>
            </Paragraph>
            {ctx.description !== undefined && (
              <Paragraph>
                Omschrijving (Engels):{' '}
                <span class="simulator-technical" lang="en">
                  {ctx.description}
                </span>
              </Paragraph>
            )}
          </section>
        )}
      </>
    ),
  });
}
