/**
 * The mailbox of the NotifyNL simulator: every e-mail and text message "sent", newest first, in
 * full. In the demo this is where a person reads the code they were sent. Plain server-rendered
 * HTML (works without JavaScript); preact-render-to-string escapes every value, so a message
 * body with HTML in it shows as text.
 */
import { Alert, Heading, Paragraph, renderPage } from '../shared/page.tsx';

/** What Notify's statuses mean, in words. */
const deliveryWords: Record<string, string> = {
  delivered: 'Afgeleverd',
  sending: 'Wordt verstuurd',
  'permanent-failure': 'Niet afgeleverd: het adres bestaat niet',
  'temporary-failure': 'Niet afgeleverd: de ontvanger was tijdelijk niet bereikbaar',
  'technical-failure': 'Niet afgeleverd: technische storing',
};

export const simulatorName = 'NotifyNL-simulator';

export interface MailboxMessage {
  id: string;
  type: 'email' | 'sms';
  to: string;
  subject?: string;
  body: string;
  reference: string | null;
  createdAt: Date;
  /** Notify's status of the message, e.g. delivered. */
  status: string;
}

const dutchTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' });

/** Paragraphs at blank lines, line breaks kept within them. */
function Body({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p class="utrecht-paragraph">
          {paragraph.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

function Message({ message }: { message: MailboxMessage }) {
  const headingId = `bericht-${message.id}`;
  const kind = message.type === 'email' ? 'E-mail' : 'Sms';
  return (
    <article class="simulator-choice" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {message.type === 'email' ? `E-mail: ${message.subject ?? ''}` : `Sms aan ${message.to}`}
      </Heading>
      <dl>
        <dt>Verstuurd</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{dutchTime.format(message.createdAt)}</time>
        </dd>
        <dt>Soort</dt>
        <dd>{kind}</dd>
        <dt>Aan</dt>
        <dd class="simulator-technical">{message.to}</dd>
        {message.type === 'email' && (
          <>
            <dt>Onderwerp</dt>
            <dd>{message.subject}</dd>
          </>
        )}
        <dt>Status bij Notify</dt>
        <dd>{deliveryWords[message.status] ?? message.status}</dd>
        {message.reference !== null && (
          <>
            <dt>Referentie</dt>
            <dd class="simulator-technical">{message.reference}</dd>
          </>
        )}
      </dl>
      <Heading level={3}>Bericht</Heading>
      <Body text={message.body} />
    </article>
  );
}

/** `messages` newest first. */
export function mailboxPage({ assetsPrefix, messages }: { assetsPrefix: string; messages: MailboxMessage[] }): string {
  const count = messages.length;
  return renderPage({
    title: 'Postvak',
    simulatorName,
    assetsPrefix,
    children: (
      <>
        <Heading level={1}>Postvak: verstuurde e-mails en sms'jes</Heading>
        <Alert type="warning">
          <Paragraph>
            <strong>Alleen voor de demo.</strong> Voordeur verstuurt e-mails en sms'jes via NotifyNL. In de demo komen ze niet bij iemand aan, maar staan ze
            hier. Iedereen die deze pagina kan openen, kan ze lezen: er is geen inlog.
          </Paragraph>
        </Alert>
        <Paragraph>
          {count === 0
            ? 'Er zijn nog geen berichten verstuurd.'
            : count === 1
              ? 'Er staat 1 bericht in het postvak. Het nieuwste bericht staat bovenaan.'
              : `Er staan ${count} berichten in het postvak. Het nieuwste bericht staat bovenaan.`}
        </Paragraph>
        <Paragraph>
          <a class="utrecht-link utrecht-link--html-a" href={`${assetsPrefix}/mailbox`}>
            Postvak vernieuwen
          </a>
        </Paragraph>
        {count > 0 && (
          <ol class="simulator-choices" aria-label="Berichten, nieuwste eerst">
            {messages.map((message) => (
              <li>
                <Message message={message} />
              </li>
            ))}
          </ol>
        )}
      </>
    ),
  });
}
