/**
 * The Notify templates of the demo and the tests, as an organisation would set them up in
 * NotifyNL: B1 Dutch, no personal data beyond the code itself, no links. Their ids go into
 * Voordeur's NOTIFY_TEMPLATE_* settings.
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
  };
}
