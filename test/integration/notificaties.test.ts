/**
 * Notificaties end to end, against the simulators: a status created in the ZGW simulator goes
 * through the Notificaties simulator to Voordeur's callback, is resolved to the zaak's initiator
 * and ends as one e-mail in the Notify simulator's mailbox. Duplicates, the same change from two
 * sources, bundling, preferences, missing addresses, Notify failures, and the callback's own checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { failures } from '../../src/features/notificaties/beheer.ts';
import { PreferencesStore } from '../../src/sources/voordeur/preferences.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { ensureAbonnement } from '../../src/features/notificaties/subscribe.ts';
import { ensureAbonnementAt } from '../../src/sources/notificaties/abonnement.ts';
import { Metrics } from '../../src/platform/metrics.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { freePort } from '../support/ports.ts';
import { startStack, type Stack, zgwClient } from '../support/stack.ts';

const bundleSeconds = 2;
const deliveryCheckSeconds = 1;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ NOTIFICATION_BUNDLE_SECONDS: String(bundleSeconds), NOTIFICATION_DELIVERY_CHECK_SECONDS: String(deliveryCheckSeconds) });
});
afterAll(() => stack.close());

const zaak = (number: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(number).padStart(6, '0')}`)!;
const changeMails = (to: string) => stack.notify.sent().filter((m) => m.to === to && m.templateId === notifyTemplates.emailChange.id);
const callbackUrl = () => `${stack.url}/api/notificaties`;
const secret = 'Token voordeur-test-callback-secret';

/** Until every delivery is done and the worker has nothing due. */
async function settle() {
  await stack.notificaties.idle();
  await stack.voordeur.notificaties.worker.drain();
}

async function post(body: unknown, authorization: string | null = secret) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  return fetch(callbackUrl(), { method: 'POST', headers, body: JSON.stringify(body) });
}

const statusNotificatie = (zaakUuid: string, statusUuid: string, aanmaakdatum = new Date().toISOString()) => {
  const zaken = stack.zgw.urls.zaken;
  return {
    kanaal: 'zaken',
    hoofdObject: `${zaken}/zaken/${zaakUuid}`,
    resource: 'status',
    resourceUrl: `${zaken}/statussen/${statusUuid}`,
    actie: 'create',
    aanmaakdatum,
    kenmerken: { bronorganisatie: '123456782', zaaktype: `${stack.zgw.urls.catalogi}/zaaktypen/x`, vertrouwelijkheidaanduiding: 'openbaar' },
  };
};

describe('Notificaties: from a new status to one e-mail', () => {
  it('tells the initiator once, by e-mail, without personal data or links', async () => {
    const to = 'suzanne.devries@example.nl';
    const before = changeMails(to).length;
    await stack.zgw.addStatus(zaak(101).uuid, 2, 'De aanvraag is compleet.');
    await settle();
    const mails = changeMails(to);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.body).toContain('een wijziging in een van uw zaken');
    for (const personal of ['999993653', 'Suzanne', 'Vries', 'ZAAK-000101', zaak(101).uuid, 'http://', 'https://'])
      expect(mail.body + mail.subject).not.toContain(personal);
    // Nothing for anyone else.
    expect(stack.notify.sent().filter((m) => m.templateId === notifyTemplates.emailChange.id && m.to !== to && m.createdAt >= mail.createdAt)).toEqual([]);
  });

  it('stores a notification delivered twice once, and sends one message for a change reported twice', async () => {
    const to = 'info@bakkerij-vandenberg.example.nl';
    const statusUuid = 'b1000000-0000-4000-8000-000000000001';
    const first = statusNotificatie(zaak(301).uuid, statusUuid);
    expect((await post(first)).status).toBe(204);
    expect((await post(first)).status).toBe(204); // a retry of the same delivery
    // The same change again, in another envelope (another source, another moment).
    expect((await post({ ...first, aanmaakdatum: new Date(Date.now() + 1000).toISOString(), kenmerken: {} })).status).toBe(204);
    await settle();
    const inbox = await stack.voordeur.database.db.selectFrom('notification_inbox').select('id').where('resource_url', '=', first.resourceUrl).execute();
    expect(inbox).toHaveLength(2);
    expect(changeMails(to)).toHaveLength(1);
  });

  it('bundles changes that come soon after a message into one next message', async () => {
    const to = 'info@bakkerij-vandenberg.example.nl';
    const before = changeMails(to).length; // one message just went out (previous test)
    for (const n of [2, 3, 4]) await post(statusNotificatie(zaak(301).uuid, `b1000000-0000-4000-8000-00000000000${n}`));
    await settle();
    expect(changeMails(to)).toHaveLength(before); // waiting for the end of the window
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000 + 300));
    await settle();
    expect(changeMails(to)).toHaveLength(before + 1);
    const messages = await stack.voordeur.database.db
      .selectFrom('notification_messages')
      .select(['changes'])
      .where('state', '=', 'sent')
      .orderBy('created_at', 'desc')
      .limit(1)
      .execute();
    expect(messages[0]!.changes).toBe(3);
  });

  it('sends nothing when the person switched the channel off, and records why', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    const preferences = new PreferencesStore(stack.voordeur.database.db, keys);
    const subject = { type: 'persoon' as const, bsn: '999991772' }; // Fatima: a confirmed e-mail address
    await preferences.set(subject, {
      email: { zaak: false, taak: true, bericht: true, product: true, aanvraag: true },
      sms: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
    });
    await stack.zgw.addStatus(zaak(231).uuid, 2);
    await settle();
    expect(changeMails('fatima.elamrani@example.nl')).toHaveLength(0);
    const skipped = await stack.voordeur.database.db
      .selectFrom('notification_messages')
      .select(['reason'])
      .where('subject_key', '=', keys.subject(subject))
      .execute();
    expect(skipped).toEqual([{ reason: 'voorkeur-uit' }]);
  });

  it('sends nothing without a confirmed address, and records why', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    await stack.zgw.addStatus(zaak(201).uuid, 2); // Jan: his e-mail address is not confirmed
    await settle();
    expect(changeMails('jan.jansen@example.nl')).toHaveLength(0);
    const rows = await stack.voordeur.database.db
      .selectFrom('notification_messages')
      .select(['state', 'reason'])
      .where('subject_key', '=', keys.subject({ type: 'persoon', bsn: '999990019' }))
      .execute();
    expect(rows).toEqual([{ state: 'skipped', reason: 'geen-bevestigd-adres' }]);
  });

  it('retries when Notify fails with a 5xx, and sends once', async () => {
    const to = 'suzanne.devries@example.nl';
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000)); // past Suzanne's window
    const before = changeMails(to).length;
    stack.notify.setFault('error500', { times: 2 });
    await stack.zgw.addStatus(zaak(102).uuid, 2);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // two retries, 200 then 400 ms later
    await settle();
    expect(changeMails(to)).toHaveLength(before + 1);
  });

  it('marks a message refused by Notify (4xx) as failed, without retrying', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    const lotte = { type: 'persoon' as const, bsn: '999990482' }; // a confirmed mobile number only
    await new PreferencesStore(stack.voordeur.database.db, keys).set(lotte, {
      email: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
      sms: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
    });
    const sms = () => stack.notify.sent().filter((m) => m.templateId === notifyTemplates.smsChange.id);
    const before = sms().length;
    stack.notify.setFault('reject', { times: 1 });
    await stack.zgw.addStatus(zaak(211).uuid, 2);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 500)); // a retry would have come by now
    await settle();
    const rows = await stack.voordeur.database.db
      .selectFrom('notification_messages')
      .select(['channel', 'state', 'reason'])
      .where('subject_key', '=', keys.subject(lotte))
      .execute();
    expect(rows).toEqual([{ channel: 'sms', state: 'failed', reason: expect.stringMatching(/^notify-400/) }]);
    expect(sms()).toHaveLength(before);
    // The operator sees it in `npm run beheer -- failed`, without the number it was for.
    const { messages } = await failures(stack.voordeur.database.db, stack.voordeur.notificaties.queue);
    const listed = messages.find((m) => m.state === 'failed' && m.channel === 'sms');
    expect(listed).toMatchObject({ reason: expect.stringMatching(/^notify-400/), delivery_status: null });
    // A number on its own, not ten digits inside a message's random UUID.
    expect(JSON.stringify(messages)).not.toMatch(/(?<![0-9a-f])06\d{8}(?![0-9a-f])|999990482/);
  });

  it('asks Notify later what became of a message, and shows the operator one that did not arrive', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    const fatima = { to: 'fatima.elamrani@example.nl', key: keys.subject({ type: 'persoon', bsn: '999991772' }) };
    const karel = { to: 'k.deboer@example.nl', key: keys.subject({ type: 'persoon', bsn: '111222333' }) };
    // (An earlier test switched Fatima's e-mail about zaken off.)
    await new PreferencesStore(stack.voordeur.database.db, keys).set(
      { type: 'persoon', bsn: '999991772' },
      {
        email: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
        sms: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
      },
    );
    stack.notify.deliverAs(fatima.to, 'permanent-failure'); // the address does not exist (any more)
    stack.notify.deliverAs(karel.to, 'sending'); // Notify is still busy with it
    await stack.zgw.addStatus(zaak(231).uuid, 2);
    await stack.zgw.addStatus(zaak(901).uuid, 2);
    await settle();
    const delivery = async (key: string) =>
      await stack.voordeur.database.db
        .selectFrom('notification_messages')
        .select(['state', 'delivery_status'])
        .where('subject_key', '=', key)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
    expect(await delivery(fatima.key)).toEqual({ state: 'sent', delivery_status: null }); // not asked yet
    await new Promise((resolve) => setTimeout(resolve, deliveryCheckSeconds * 1000 + 200));
    await settle();
    expect(await delivery(fatima.key)).toEqual({ state: 'sent', delivery_status: 'permanent-failure' });
    expect(await delivery(karel.key)).toEqual({ state: 'sent', delivery_status: 'sending' });
    expect(
      stack.voordeur.logs.some((line) => line.includes('notification not delivered') && line.includes('permanent-failure') && !line.includes(fatima.to)),
    ).toBe(true);
    const { messages } = await failures(stack.voordeur.database.db, stack.voordeur.notificaties.queue);
    expect(messages.filter((m) => m.delivery_status === 'permanent-failure')).toHaveLength(1);
    expect(JSON.stringify(messages)).not.toContain(fatima.to);

    // Fatima is told in Mijn gegevens, next to the address; Karel, whose message is on its way, is not.
    const contactBlock = async (bsn: string) => {
      const page = await (await loginOverHttp(stack.url, { bsn })).request(`${stack.url}/gegevens`);
      return page.body.split('id="contact-title"')[1]!.split('</section>')[0]!;
    };
    const warning = 'onze laatste e-mail naar dit adres kwam niet aan';
    expect(await contactBlock('999991772')).toContain(warning);
    expect(await contactBlock('111222333')).not.toContain(warning);

    // Once Notify has delivered Karel's, the next question (after twice as long a wait) records it.
    stack.notify.deliverAs(karel.to, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 2 * deliveryCheckSeconds * 1000 + 200));
    await settle();
    expect(await delivery(karel.key)).toEqual({ state: 'sent', delivery_status: 'delivered' });
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/voordeur_notification_deliveries_total\{channel="email",status="permanent-failure"\} 1/);

    // A later message to Fatima's address arrives (the bounce was passing): she is no longer told.
    stack.notify.deliverAs(fatima.to, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000));
    await stack.zgw.addStatus(zaak(231).uuid, 3);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, deliveryCheckSeconds * 1000 + 200));
    await settle();
    expect(await delivery(fatima.key)).toEqual({ state: 'sent', delivery_status: 'delivered' });
    expect(await contactBlock('999991772')).not.toContain(warning);
  });

  it('tells a person about a new bericht, not about a bericht being opened', async () => {
    const to = 'info@bakkerij-vandenberg.example.nl';
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000));
    const before = changeMails(to).length;
    const uuid = await stack.objecten.createObject('bericht', {
      identificatie: { type: 'kvk', value: '69599084' },
      publicatiedatum: new Date().toISOString(),
      onderwerp: 'Uw terrasvergunning',
      berichtTekst: 'Wij hebben een besluit genomen.',
      referentie: 'ZAAK-000301',
      handelingsperspectief: 'informatie ontvangen',
      einddatumHandelingstermijn: '',
      geopend: false,
      berichtType: 'notificatie',
      bijlages: [],
    });
    await settle();
    expect(changeMails(to)).toHaveLength(before + 1);
    expect(changeMails(to).at(-1)!.body).toContain('een nieuw bericht');
    // Opened (a new record of the same object): no message.
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000));
    const object = `${stack.objecten.url}/objects/${uuid}`;
    const update = {
      kanaal: 'objecten',
      hoofdObject: object,
      resource: 'object',
      resourceUrl: object,
      actie: 'partial_update',
      aanmaakdatum: new Date().toISOString(),
      kenmerken: { objectType: stack.objecten.objecttypen.bericht },
    };
    expect((await post(update)).status).toBe(204);
    await settle();
    expect(changeMails(to)).toHaveLength(before + 1);
  });
});

describe('Notificaties: in the person’s language', () => {
  it('writes in English to someone who made their choices in English', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    const bakkerij = { type: 'bedrijf' as const, kvkNummer: '69599084' };
    await new PreferencesStore(stack.voordeur.database.db, keys).set(
      bakkerij,
      {
        email: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
        sms: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
      },
      'en',
    );
    await new Promise((resolve) => setTimeout(resolve, bundleSeconds * 1000));
    await post(statusNotificatie(zaak(301).uuid, 'b3000000-0000-4000-8000-000000000001'));
    await settle();
    const mail = stack.notify
      .sent()
      .filter((m) => m.to === 'info@bakkerij-vandenberg.example.nl')
      .at(-1)!;
    expect(mail.templateId).toBe(notifyTemplates.emailChangeEn.id);
    expect(mail.body).toContain('There is something new for you in Mijn Omgeving of Gemeente Voorbeeldstad: a change in one of your cases.');
  });
});

describe('Notificaties: the callback', () => {
  it('refuses a missing or wrong secret (401, 403) and a body that is not a notificatie (400), and stores nothing then', async () => {
    const count = async () =>
      (
        await stack.voordeur.database.db
          .selectFrom('notification_inbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const valid = statusNotificatie(zaak(101).uuid, 'b2000000-0000-4000-8000-000000000001');
    expect((await post(valid, null)).status).toBe(401);
    expect((await post(valid, 'Token wrong')).status).toBe(403);
    const invalid = await post({ ...valid, resourceUrl: 'not a url', aanmaakdatum: 'gisteren' });
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['aanmaakdatum', 'resourceUrl']);
    expect(await count()).toBe(before);
    // Open Notificaties' check of a new abonnement.
    expect((await post({ ...valid, kanaal: 'test' })).status).toBe(204);
    expect(await count()).toBe(before);
  });

  it('shows what came in, what went out and the queue in the metrics', async () => {
    // A job planned for later (as a bundled send is) counts as waiting.
    await stack.voordeur.notificaties.queue.add([{ queue: 'notificatie.send', payload: { subjectKey: 'planned' }, runAt: new Date(Date.now() + 3_600_000) }]);
    const metrics = (await stack.voordeur.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/voordeur_notifications_received_total\{outcome="stored"\} [1-9]/);
    expect(metrics).toMatch(/voordeur_notifications_received_total\{outcome="duplicate"\} [1-9]/);
    expect(metrics).toMatch(/voordeur_notification_messages_total\{channel="email",state="sent"\} [1-9]/);
    expect(metrics).toMatch(/voordeur_notification_messages_total\{channel="sms",state="failed"\} 1/);
    expect(metrics).toMatch(/voordeur_job_queue_depth\{queue="notificatie.send",state="pending"\} 1/);
    expect(metrics).toContain('voordeur_job_oldest_pending_seconds');
  });

  it('is subscribed at the Notificaties API for zaken and objecten', () => {
    const abonnementen = stack.notificaties.abonnementen() as { callbackUrl: string; kanalen: { naam: string }[] }[];
    const mine = abonnementen.filter((a) => a.callbackUrl === callbackUrl());
    expect(mine).toHaveLength(1);
    expect(mine[0]!.kanalen.map((k) => k.naam).sort()).toEqual(['objecten', 'zaken']);
  });
});

describe('Notificaties: what is kept', () => {
  it('keeps no identity once its messages are final, and forgets handled notifications after the keep time', async () => {
    await settle();
    const db = stack.voordeur.database.db;
    const sealed = await db
      .selectFrom('notification_changes')
      .select('id')
      .where('message_group', 'is not', null)
      .where('subject_sealed', 'is not', null)
      .execute();
    expect(sealed).toEqual([]);
    const messages = (await db.selectFrom('notification_messages').select('id').execute()).length;
    await stack.voordeur.notificaties.purge(new Date(Date.now() + 60_000));
    expect(await db.selectFrom('notification_changes').select('id').where('message_group', 'is not', null).execute()).toEqual([]);
    expect(await db.selectFrom('notification_inbox').select('id').execute()).toEqual([]);
    expect((await db.selectFrom('notification_messages').select('id').execute()).length).toBe(messages);
  });
});

describe('Notificaties: a new callback secret or address (npm run subscribe)', () => {
  /** Another Voordeur on the same Notificaties API, at `port`, with `secret` as its callback secret. */
  async function voordeurAt(port: number, secret: string, environment: Record<string, string> = {}): Promise<TestApp> {
    const app = await testApp({
      ...environment,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      NOTIFICATIES_CALLBACK_SECRET: secret,
      NOTIFICATIES_API_URL: stack.notificaties.url,
      NOTIFICATIES_CLIENT_ID: zgwClient.clientId,
      NOTIFICATIES_SECRET: zgwClient.secret,
    });
    await app.app.listen({ host: '127.0.0.1', port });
    return app;
  }
  const subscribe = (port: number, secret: string) =>
    ensureAbonnementAt({
      api: { url: stack.notificaties.url, clientId: zgwClient.clientId, secret: zgwClient.secret },
      callbackUrl: `http://127.0.0.1:${port}/api/notificaties`,
      callbackSecret: secret,
      metrics: new Metrics(),
      timeoutMs: 3000,
    });
  const at = (port: number) =>
    (stack.notificaties.abonnementen() as { url: string; callbackUrl: string; kanalen: { naam: string }[] }[]).filter((a) =>
      a.callbackUrl.startsWith(`http://127.0.0.1:${port}/`),
    );
  /** The delivery of a new notificatie to the callback at `port`: the status it got. */
  async function deliveredTo(port: number): Promise<number | 'error' | undefined> {
    const sent = statusNotificatie(crypto.randomUUID(), crypto.randomUUID());
    await stack.notificaties.publish(sent);
    await stack.notificaties.idle();
    return stack.notificaties
      .deliveries()
      .find(
        (d) =>
          d.callbackUrl === `http://127.0.0.1:${port}/api/notificaties` &&
          (d.notificatie as { resourceUrl: string }).resourceUrl === sent.resourceUrl &&
          d.attempt === 1,
      )?.status;
  }

  it('after a new secret, subscribing again makes the Notificaties API deliver with it, and Voordeur accepts it', async () => {
    const port = await freePort();
    const oldSecret = 'Token old-callback-secret-0123456789';
    const newSecret = 'Token new-callback-secret-9876543210';
    let voordeur = await voordeurAt(port, oldSecret);
    try {
      expect(await subscribe(port, oldSecret)).toBe('created');
      expect(await deliveredTo(port)).toBe(204);
      // Restarted with the new secret: until it subscribes again, the old secret is refused.
      await voordeur.close();
      voordeur = await voordeurAt(port, newSecret);
      expect(await deliveredTo(port)).toBe(403);
      // With the old secret set as the previous one, nothing is refused in between.
      await voordeur.close();
      voordeur = await voordeurAt(port, newSecret, { NOTIFICATIES_CALLBACK_SECRET_VORIG: oldSecret });
      expect(await deliveredTo(port)).toBe(204);

      expect(await subscribe(port, newSecret)).toBe('updated');
      const [abonnement, ...more] = at(port);
      expect(more).toEqual([]);
      expect(stack.notificaties.authOf(abonnement!.url)).toBe(newSecret);
      expect(abonnement!.kanalen.map((k) => k.naam).sort()).toEqual(['objecten', 'zaken']);
      expect(await deliveredTo(port)).toBe(204);
      // Once more with the same secret: still one abonnement, still delivered.
      expect(await subscribe(port, newSecret)).toBe('updated');
      expect(at(port)).toEqual([abonnement]);
    } finally {
      await voordeur.close();
    }
  });

  it('moves the abonnement of a previous callback URL (PUBLIC_URL moved) to the new one, and leaves other abonnementen alone', async () => {
    const [oldPort, newPort] = [await freePort(), await freePort()];
    const secret = 'Token moved-callback-secret-0123456789';
    let voordeur = await voordeurAt(oldPort, secret);
    try {
      await subscribe(oldPort, secret);
      const [before] = at(oldPort);
      await voordeur.close();
      voordeur = await voordeurAt(newPort, secret, { NOTIFICATIES_VORIGE_CALLBACK_URLS: `http://127.0.0.1:${oldPort}/api/notificaties` });
      const others = (stack.notificaties.abonnementen() as { url: string }[]).filter((a) => a.url !== before!.url);

      // What `npm run subscribe` and every start do, with this Voordeur's configuration.
      const { config } = voordeur;
      const moved = await ensureAbonnement({
        api: config.notificaties.api!,
        callbackSecret: secret,
        publicUrl: config.publicUrl,
        previousCallbackUrls: config.notificaties.previousCallbackUrls,
        metrics: new Metrics(),
        timeoutMs: 3000,
      });
      expect(moved).toBe('updated');
      expect(at(oldPort)).toEqual([]);
      expect(at(newPort).map((a) => a.url)).toEqual([before!.url]);
      expect(await deliveredTo(newPort)).toBe(204);
      expect((stack.notificaties.abonnementen() as { url: string }[]).filter((a) => a.url !== before!.url)).toEqual(others);
    } finally {
      await voordeur.close();
    }
  });
});
