/**
 * The Notify templates of the demo and the tests, as an organisation would set them up in
 * NotifyNL: B1 Dutch, no personal data (beyond a confirmation code), no links: the portal's
 * address is plain text. Their ids go into Voordeur's NOTIFY_TEMPLATE_* settings.
 */
export interface DemoTemplate {
  id: string;
  type: 'email' | 'sms';
  name: string;
  subject?: string;
  body: string;
}

export const notifyTemplates = {
  emailCode: {
    id: 'f1000000-0000-4000-8000-000000000001',
    type: 'email',
    name: 'Code voor e-mailadres',
    subject: 'Uw code voor Mijn Omgeving',
    body: 'Uw code is ((code)).\n\nVul deze code in op de website. De code is ((minuten)) minuten geldig.\n\nHeeft u geen code gevraagd? Dan hoeft u niets te doen.',
  },
  smsCode: {
    id: 'f1000000-0000-4000-8000-000000000002',
    type: 'sms',
    name: 'Code voor mobiel nummer',
    body: 'Uw code voor Mijn Omgeving is ((code)). De code is ((minuten)) minuten geldig.',
  },
  emailChange: {
    id: 'f1000000-0000-4000-8000-000000000003',
    type: 'email',
    name: 'Er is iets veranderd',
    subject: 'Er is iets nieuws in ((portaal))',
    body: 'Beste lezer,\n\nEr is iets nieuws voor u in ((portaal)): ((wat)).\n\nLog in om te zien wat er is. Ga naar ((adres)) en log in met DigiD of eHerkenning.\n\nDit bericht is automatisch verstuurd. U kunt er niet op antwoorden.',
  },
  smsChange: {
    id: 'f1000000-0000-4000-8000-000000000004',
    type: 'sms',
    name: 'Er is iets veranderd (sms)',
    body: 'Er is iets nieuws voor u in ((portaal)): ((wat)). Log in op ((adres)) om het te zien.',
  },
  emailChangeEn: {
    id: 'f1000000-0000-4000-8000-000000000005',
    type: 'email',
    name: 'Something changed (English)',
    subject: 'There is something new in ((portaal))',
    body: 'Hello,\n\nThere is something new for you in ((portaal)): ((wat)).\n\nLog in to see what it is. Go to ((adres)) and log in with DigiD or eHerkenning.\n\nThis message was sent automatically. You cannot reply to it.',
  },
  smsChangeEn: {
    id: 'f1000000-0000-4000-8000-000000000006',
    type: 'sms',
    name: 'Something changed (English, SMS)',
    body: 'There is something new for you in ((portaal)): ((wat)). Log in at ((adres)) to see it.',
  },
} satisfies Record<string, DemoTemplate>;

/** The Notify service of the demo and the tests; the API key is `<name>-<serviceId>-<secret>`. */
export const notifyService = { serviceId: 'a1b2c3d4-0000-4000-8000-00000000c0de', secret: 'e5f6a7b8-0000-4000-8000-0000005ec7e7' };

export const notifyApiKey = (name: string) => `${name}-${notifyService.serviceId}-${notifyService.secret}`;

/** The settings that point Voordeur at a Notify simulator at `url`. */
export function notifySettings(url: string, keyName = 'voordeur'): Record<string, string> {
  return {
    NOTIFY_BASE_URL: url,
    NOTIFY_API_KEY: notifyApiKey(keyName),
    NOTIFY_TEMPLATE_EMAIL_CODE: notifyTemplates.emailCode.id,
    NOTIFY_TEMPLATE_SMS_CODE: notifyTemplates.smsCode.id,
    NOTIFY_TEMPLATE_EMAIL_CHANGE: notifyTemplates.emailChange.id,
    NOTIFY_TEMPLATE_SMS_CHANGE: notifyTemplates.smsChange.id,
    NOTIFY_TEMPLATE_EMAIL_CHANGE_EN: notifyTemplates.emailChangeEn.id,
    NOTIFY_TEMPLATE_SMS_CHANGE_EN: notifyTemplates.smsChangeEn.id,
  };
}
