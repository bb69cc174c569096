/**
 * The pages of the Ogone simulator, in Dutch: the payment page with its three buttons, Ogone's
 * error page, and the result page Ogone shows when no return URL was given. Plain POST forms, so
 * everything works without JavaScript; preact-render-to-string escapes every value, so a
 * description with HTML in it shows as text.
 */
import { Alert, Button, Heading, Paragraph, renderPage } from '../shared/page.tsx';

export const simulatorName = 'Betaalsimulator Ogone (Worldline)';

/** Cents as a Dutch amount, exactly: 61275 → "€ 612,75", 123456789 → "€ 1.234.567,89" (no-break space after €). */
export function dutchAmount(cents: number): string {
  const euros = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€\u00a0${euros},${String(cents % 100).padStart(2, '0')}`;
}

function DemoOnly() {
  return (
    <Alert type="warning">
      <Paragraph>
        <strong>Alleen voor de demo.</strong> Dit is niet de echte betaalpagina van Ogone (Worldline). U betaalt hier niet echt: er wordt geen geld
        afgeschreven.
      </Paragraph>
    </Alert>
  );
}

export interface PaymentView {
  pspid: string;
  orderId: string;
  amountCents: number;
  description: string;
}

export function paymentPage(ctx: { assetsPrefix: string; action: string; payment: PaymentView }): string {
  const { payment } = ctx;
  const title = 'Betalen';
  return renderPage({
    title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>{title}</Heading>
        <DemoOnly />
        <section class="simulator-section" aria-labelledby="bestelling-title">
          <Heading level={2} id="bestelling-title">
            Uw betaling
          </Heading>
          <dl>
            <dt>Bedrag</dt>
            <dd>
              <strong>{dutchAmount(payment.amountCents)}</strong>
            </dd>
            {payment.description !== '' && (
              <>
                <dt>Omschrijving</dt>
                <dd>{payment.description}</dd>
              </>
            )}
            <dt>Referentie van de bestelling</dt>
            <dd class="simulator-technical">{payment.orderId}</dd>
            <dt>Begunstigde</dt>
            <dd class="simulator-technical">{payment.pspid}</dd>
          </dl>
        </section>
        <section class="simulator-section" aria-labelledby="kiezen-title">
          <Heading level={2} id="kiezen-title">
            Wat wilt u doen?
          </Heading>
          <Paragraph>
            Kies <strong>Betalen</strong> om de betaling te laten slagen. Met <strong>Betaling weigeren (test)</strong> doet u alsof de bank de betaling
            weigert. Met <strong>Annuleren</strong> stopt u en gaat u terug naar de website.
          </Paragraph>
          <form class="utrecht-form" method="post" action={ctx.action}>
            <div class="simulator-buttons">
              <Button name="actie" value="betalen">
                Betalen
              </Button>
              <Button name="actie" value="weigeren" appearance="secondary-action">
                Betaling weigeren (test)
              </Button>
              <Button name="actie" value="annuleren" appearance="secondary-action">
                Annuleren
              </Button>
            </div>
          </form>
        </section>
      </>
    ),
  });
}

/**
 * Ogone's answer to a request it does not accept: HTTP 200 and its Dutch error text ("Er is een
 * fout opgetreden. Probeer later opnieuw."); the reason only shows in Ogone's back office. The
 * simulator shows it on the page, under "Technische informatie".
 */
export function ogoneErrorPage(ctx: { assetsPrefix: string; orderId?: string; reason: string; code?: string }): string {
  return renderPage({
    title: 'Betaalbevestiging',
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>Betaalbevestiging</Heading>
        <DemoOnly />
        {ctx.orderId !== undefined && ctx.orderId !== '' && (
          <Paragraph>
            Referentie van de bestelling: <span class="simulator-technical">{ctx.orderId}</span>
          </Paragraph>
        )}
        <Alert type="error">
          <Paragraph>Er is een fout opgetreden. Probeer later opnieuw.</Paragraph>
        </Alert>
        <section class="simulator-section" aria-labelledby="technisch-title">
          <Heading level={2} id="technisch-title">
            Technische informatie
          </Heading>
          <Paragraph>{ctx.reason}</Paragraph>
          {ctx.code !== undefined && (
            <Paragraph>
              Foutcode: <code class="simulator-technical">{ctx.code}</code>
            </Paragraph>
          )}
        </section>
      </>
    ),
  });
}

const resultTexts = {
  paid: { title: 'Uw betaling is gelukt', text: 'Wij hebben uw betaling ontvangen.' },
  declined: { title: 'Uw betaling is geweigerd', text: 'De betaling is niet gelukt. Er is geen geld afgeschreven.' },
  cancelled: { title: 'U heeft de betaling geannuleerd', text: 'Er is geen geld afgeschreven.' },
  uncertain: { title: 'Uw betaling wordt nog verwerkt', text: 'Het is nog niet zeker of de betaling is gelukt. Betaal niet opnieuw.' },
} as const;

/** What Ogone shows itself when the request had no return URL for the outcome. */
export function resultPage(ctx: { assetsPrefix: string; outcome: keyof typeof resultTexts; orderId: string }): string {
  const { title, text } = resultTexts[ctx.outcome];
  return renderPage({
    title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>{title}</Heading>
        <DemoOnly />
        <Paragraph lead>{text}</Paragraph>
        <Paragraph>
          Referentie van de bestelling: <span class="simulator-technical">{ctx.orderId}</span>
        </Paragraph>
      </>
    ),
  });
}

/** A page of the simulator itself: a payment that is unknown or already finished. */
export function messagePage(ctx: { assetsPrefix: string; title: string; message: string }): string {
  return renderPage({
    title: ctx.title,
    simulatorName,
    assetsPrefix: ctx.assetsPrefix,
    children: (
      <>
        <Heading level={1}>{ctx.title}</Heading>
        <DemoOnly />
        <Paragraph lead>{ctx.message}</Paragraph>
      </>
    ),
  });
}
