/**
 * /bewaard: after logging in again, the form that arrived after the session had expired (kept by
 * the session hook) is offered to be sent as it was, with one button; or thrown away. The answers
 * go back to where they were sent, so the form's own checks apply: what is wrong comes back as the
 * form with the answers filled in and the error summary.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type KeptForms, keptFormMinutes } from '../session/kept-forms.ts';
import { Alert, Button, ButtonLink, Form, Heading, Link, Paragraph } from '../ui/components.tsx';

export const keptFormCookie = 'voordeur_bewaard';

export function setKeptFormCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(keptFormCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: keptFormMinutes * 60 });
}

function clearKeptFormCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(keptFormCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function registerKeptFormRoutes(app: FastifyInstance, deps: { kept: KeptForms; secureCookies: boolean }): void {
  const { kept, secureCookies } = deps;

  app.get('/bewaard', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    const session = request.session!;
    const token = request.cookies[keptFormCookie];
    const form = token ? await kept.take(token, session.identity) : undefined;
    // This person's kept form is used once (or its time was up); someone else's stays for them until its cookie ends.
    if (form || (token && (await kept.has(token, session.identity)))) clearKeptFormCookie(reply, secureCookies);
    if (!form) {
      return reply.page(
        <>
          <Heading level={1}>{t('kept.title')}</Heading>
          <Alert type="warning">
            <Paragraph>{t('kept.gone', { minutes: keptFormMinutes })}</Paragraph>
          </Alert>
          <Paragraph>
            <ButtonLink href="/overzicht">{t('kept.toOverview')}</ButtonLink>
          </Paragraph>
        </>,
        { title: t('kept.title') },
      );
    }
    return reply.page(
      <>
        <Heading level={1}>{t('kept.title')}</Heading>
        <Alert type="info" role="status">
          <Paragraph>{t('kept.text')}</Paragraph>
        </Alert>
        <Form action={form.action} csrfToken={session.csrfToken}>
          {form.fields.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <Button>{t('kept.send')}</Button>
        </Form>
        {form.page && (
          <Paragraph>
            <Link href={form.page}>{t('kept.page')}</Link>
          </Paragraph>
        )}
      </>,
      { title: t('kept.title') },
    );
  });
}
