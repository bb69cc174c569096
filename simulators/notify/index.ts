/**
 * The NotifyNL simulator: the GOV.UK Notify API v2 as NotifyNL runs it, for the official
 * notifications-node-client. It stands in for NotifyNL in the demo and the tests: it checks the
 * API key's JWT, validates a send as Notify does (recipient, template, personalisation), fills in
 * the template, and keeps what was "sent" for the mailbox page and for tests (sent, waitFor).
 *
 * The API is at `${baseUrl}/notify` (what the client is given), routes `/notify/v2/...`, in its own
 * Fastify scope so its hooks (JWT, faults, request counts) and error shapes stay out of the other
 * simulators on the same instance. The mailbox (`/notify/mailbox`, `/notify/mailbox.json`) needs
 * no key: it is a demo tool, and faults and counts leave it alone.
 *
 * Errors have Notify's shape: `{status_code, errors: [{error, message}]}`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BaseUrl } from '../shared/base-url.ts';
import { ApiError } from '../shared/errors.ts';
import { Faults, type FaultControls } from '../shared/faults.ts';
import { registerSimulatorAssets } from '../shared/page.tsx';
import { queryOf } from '../shared/query.ts';
import { setUpApiScope } from '../shared/scope.ts';
import { createNotifyAuthenticator, isUuid } from './auth.ts';
import type { NotifyService } from './auth.ts';
import { mailboxPage } from './mailbox.tsx';
import { checkEmailAddress, checkPhoneNumber } from './recipients.ts';
import { render } from './templates.ts';
import type { NotifyTemplate } from './templates.ts';

export { apiKey } from './auth.ts';
export type { NotifyService } from './auth.ts';
export type { NotifyTemplate } from './templates.ts';

export interface SentMessage {
  id: string;
  type: 'email' | 'sms';
  /** The address or number as the client gave it. */
  to: string;
  templateId: string;
  personalisation: Record<string, string>;
  reference: string | null;
  /** E-mail only. */
  subject?: string;
  body: string;
  createdAt: Date;
  status: string;
}

export interface NotifySimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001; the API is at `${baseUrl}/notify`.
   *  With port 0 (tests) the port is the one the app listens on. */
  baseUrl: string;
  /** Services with their API key secret: a UUID each, as Notify's keys are (see apiKey()). */
  services: NotifyService[];
  /** Templates, for every service; ids are UUIDs, e-mail templates have a subject. */
  templates: NotifyTemplate[];
  /** Clock for the messages' created_at (default: the real time). Tokens are checked against the real time. */
  now?: () => Date;
}

/** The faults of shared/faults.ts and Notify's own (setFault); the mailbox is not counted and no fault touches it. */
export interface NotifySimulator extends FaultControls<NotifyFault> {
  /** `${base}/notify`, what NotifyClient is given (a getter: with port 0 complete once listening). */
  readonly url: string;
  /** Everything accepted, oldest first. */
  sent(): SentMessage[];
  /** Resolves with the next message sent to `to` (or the latest already sent at or after `since`),
   *  for tests that wait for a code. `to` matches however it is written (06… or +316…, any case).
   *  Rejects after `timeoutMs` (default 5000). */
  waitFor(to: string, options?: { since?: Date; timeoutMs?: number }): Promise<SentMessage>;
  /** Forgets every message (the mailbox is empty again). */
  clear(): void;
  /** What Notify says became of messages to `to`, from now on and for those still on their way
   *  (default 'delivered'): e.g. 'permanent-failure' for an address that does not exist,
   *  'sending' for messages not yet done. */
  deliverAs(to: string, status: 'delivered' | 'sending' | 'permanent-failure' | 'temporary-failure' | 'technical-failure'): void;
  /** 'none'; 'down' → 503 (a gateway's HTML page); 'error500' → 500 Notify error body;
   *  'reject' → 400 BadRequestError for every send; 'ratelimit' → 429 RateLimitError;
   *  'hang' → never answers until the fault is changed (held requests then go on) or the app
   *  closes. Without `times` the fault hits every API request ('reject' sends only) until changed;
   *  with `{ times: n }` it hits only the next n sends, then goes back to 'none'. */
  setFault(fault: NotifyFault, options?: { times?: number }): void;
}

interface StoredMessage extends SentMessage {
  serviceId: string;
  /** For waitFor: the address in lower case, or the number in E.164. */
  recipientKey: string;
  oneClickUnsubscribeUrl?: string;
}

/**
 * What tests turn on (shared/faults.ts): 'down' and 'hang' as for every simulator, and NotifyNL's
 * own: 'error500', 'reject' (sends only) and 'ratelimit'. A fault set with `{ times: n }` hits only
 * the next n sends and then goes back to 'none', for tests of retries.
 */
export type NotifyFault = 'none' | 'down' | 'error500' | 'reject' | 'ratelimit' | 'hang';

/** The body of a Notify error is `{status_code, errors}`: an ApiError's body is the list. */
type NotifyErrors = { error: string; message: string }[];

const notifyError = (status: number, errors: NotifyErrors) => new ApiError(status, errors, errors[0]?.message ?? 'error');
const badRequest = (message: string) => notifyError(400, [{ error: 'BadRequestError', message }]);
const validationErrors = (messages: string[]) =>
  notifyError(
    400,
    messages.map((message) => ({ error: 'ValidationError', message })),
  );

// Notify's own texts (notifications-api / notifynl-api), so that a client sees what it would see there.
const texts = {
  trialMode: 'Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode',
  rateLimit: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
  internal: 'Internal server error',
  notFoundUrl: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
};

const gatewayPage =
  '<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>';

/** Statuses a list may be filtered on (NOTIFICATION_STATUS_TYPES plus the letter statuses). */
const statuses = [
  'cancelled',
  'created',
  'sending',
  'sent',
  'delivered',
  'pending',
  'failed',
  'technical-failure',
  'temporary-failure',
  'permanent-failure',
  'pending-virus-check',
  'validation-failed',
  'virus-scan-failed',
  'returned-letter',
  'accepted',
  'received',
];
const failureStatuses = ['technical-failure', 'temporary-failure', 'permanent-failure'];
const pageSize = 250;
const fromEmail = 'noreply@voordeur.example';
const fromNumber = 'Voordeur';

/** Notify's DATETIME_FORMAT: microseconds and Z. */
const notifyTime = (moment: Date) => moment.toISOString().replace(/Z$/, '000Z');

/** A value as Python's jsonschema puts it in a message (quotes removed, as Notify does). */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)).replace(/['"]/g, '');

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkOptions(options: NotifySimulatorOptions): void {
  for (const { serviceId, secret } of options.services) {
    if (!isUuid(serviceId)) throw new Error(`Notify simulator: service id ${serviceId} is not a UUID`);
    // The clients take the last 36 characters of the API key as the secret.
    if (secret.length !== 36) throw new Error(`Notify simulator: the secret of service ${serviceId} must be 36 characters (a UUID), as in a Notify API key`);
  }
  for (const template of options.templates) {
    if (!isUuid(template.id)) throw new Error(`Notify simulator: template id ${template.id} is not a UUID`);
    if (template.type === 'email' && !template.subject) throw new Error(`Notify simulator: e-mail template ${template.id} has no subject`);
  }
}

/** How waitFor and the send compare recipients: e-mail in lower case, numbers in E.164. */
function recipientKey(to: string): string {
  if (to.includes('@')) return to.trim().toLowerCase();
  const checked = checkPhoneNumber(to);
  return checked.ok ? checked.normalised : to.replace(/\D/g, '');
}

export async function registerNotifySimulator(app: FastifyInstance, options: NotifySimulatorOptions): Promise<NotifySimulator> {
  checkOptions(options);
  const clock = options.now ?? (() => new Date());
  const base = BaseUrl.of(app, options.baseUrl);
  const apiUrl = () => `${base.href}/notify`;
  const prefix = `${base.path}/notify`;
  const templates = new Map(options.templates.map((t) => [t.id.toLowerCase(), t]));
  const authenticate = createNotifyAuthenticator(options.services);
  const faults = new Faults<NotifyFault>();
  const messages: StoredMessage[] = [];
  /** By recipient key: the status messages to them get (deliverAs). */
  const deliveries = new Map<string, string>();
  const waiters = new Set<{ key: string; resolve: (m: SentMessage) => void }>();
  /** Per request, after the onRequest hook: the authenticated service and the fault it met. */
  const requests = new WeakMap<FastifyRequest, { serviceId: string; fault: NotifyFault }>();

  const copy = (m: StoredMessage): SentMessage => ({
    id: m.id,
    type: m.type,
    to: m.to,
    templateId: m.templateId,
    personalisation: { ...m.personalisation },
    reference: m.reference,
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    body: m.body,
    createdAt: new Date(m.createdAt),
    status: m.status,
  });

  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => faults.close());

  const sendErrors = (reply: FastifyReply, error: ApiError<NotifyErrors>) =>
    reply.code(error.status).type('application/json').send({ status_code: error.status, errors: error.body });
  const gateway = (reply: FastifyReply) => reply.code(503).type('text/html; charset=utf-8').send(gatewayPage);

  // --- the API -------------------------------------------------------------------------------

  function serialise(m: StoredMessage) {
    return {
      id: m.id,
      reference: m.reference,
      email_address: m.type === 'email' ? m.to : null,
      phone_number: m.type === 'sms' ? m.to : null,
      line_1: null,
      line_2: null,
      line_3: null,
      line_4: null,
      line_5: null,
      line_6: null,
      postcode: null,
      postage: null,
      type: m.type,
      status: m.status,
      template: { id: m.templateId, version: 1, uri: `${apiUrl()}/v2/template/${m.templateId}/version/1` },
      body: m.body,
      subject: m.subject ?? null,
      created_at: notifyTime(m.createdAt),
      created_by_name: null,
      sent_at: notifyTime(m.createdAt),
      completed_at: notifyTime(m.createdAt),
      scheduled_for: null,
      one_click_unsubscribe: m.oneClickUnsubscribeUrl ?? null,
      is_cost_data_ready: true,
      cost_in_pounds: 0,
      cost_details: m.type === 'sms' ? { billable_sms_fragments: 1, international_rate_multiplier: 1, sms_rate: 0 } : {},
    };
  }

  /** The send's body as Notify's JSON schema checks it (post_email_request / post_sms_request). */
  function validateSend(type: 'email' | 'sms', body: unknown): string[] {
    if (!isPlainObject(body)) return [`${shown(body)} is not of type object`];
    const recipientField = type === 'email' ? 'email_address' : 'phone_number';
    const allowed =
      type === 'email'
        ? [
            'reference',
            'email_address',
            'template_id',
            'personalisation',
            'scheduled_for',
            'email_reply_to_id',
            'one_click_unsubscribe_url',
            'sanitise_content_for',
          ]
        : ['reference', 'phone_number', 'template_id', 'personalisation', 'scheduled_for', 'sms_sender_id'];
    const errors: string[] = [];
    for (const field of [recipientField, 'template_id']) if (!(field in body)) errors.push(`${field} is a required property`);
    const unexpected = Object.keys(body).filter((k) => !allowed.includes(k));
    if (unexpected.length > 0)
      errors.push(`Additional properties are not allowed (${unexpected.join(', ')} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)`);

    const recipient = body[recipientField];
    if (recipient !== undefined) {
      if (typeof recipient !== 'string') errors.push(`${recipientField} ${shown(recipient)} is not of type string`);
      else {
        const checked = type === 'email' ? checkEmailAddress(recipient) : checkPhoneNumber(recipient);
        if (!checked.ok) errors.push(`${recipientField} ${checked.message}`);
      }
    }
    for (const field of ['template_id', 'email_reply_to_id', 'sms_sender_id']) {
      const value = body[field];
      if (value !== undefined && (typeof value !== 'string' || !isUuid(value))) errors.push(`${field} is not a valid UUID`);
    }
    if (body.reference !== undefined) {
      if (typeof body.reference !== 'string') errors.push(`reference ${shown(body.reference)} is not of type string`);
      else if (body.reference.length > 1000) errors.push(`reference ${body.reference} is too long`);
    }
    if (body.personalisation !== undefined && !isPlainObject(body.personalisation)) {
      errors.push(`personalisation ${shown(body.personalisation)} is not of type object`);
    }
    return errors;
  }

  async function send(type: 'email' | 'sms', request: FastifyRequest, reply: FastifyReply) {
    const { serviceId, fault } = requests.get(request)!;
    if (fault === 'reject') throw badRequest(texts.trialMode);
    const errors = validateSend(type, request.body);
    if (errors.length > 0) throw validationErrors(errors);
    const body = request.body as Record<string, unknown>;

    if (body.scheduled_for !== undefined && body.scheduled_for !== null) throw badRequest('Cannot schedule notifications (this feature is invite-only)');
    for (const field of ['email_reply_to_id', 'sms_sender_id']) {
      if (typeof body[field] === 'string') throw badRequest(`${field} ${body[field]} does not exist in database for service id ${serviceId}`);
    }
    const template = templates.get((body.template_id as string).toLowerCase());
    if (!template) throw badRequest('Template not found');
    if (template.type !== type) throw badRequest(`${template.type} template is not suitable for ${type} notification`);

    const personalisation: Record<string, string> = {};
    for (const [name, value] of Object.entries((body.personalisation as Record<string, unknown> | undefined) ?? {})) {
      if (value === null || value === undefined) continue; // Notify treats null as missing
      if (typeof value === 'object' && !Array.isArray(value)) {
        throw badRequest(type === 'email' ? 'Sending files by email is not supported by the simulator' : 'Can only send a file by email');
      }
      personalisation[name] = Array.isArray(value) ? value.filter((v) => v !== null).join(', ') : String(value);
    }
    const rendered = render(template, personalisation);
    if (!rendered.ok) throw badRequest(`Missing personalisation: ${rendered.missing.join(', ')}`);
    if (rendered.body.trim() === '') throw badRequest('Your message is empty.');

    const to = body[type === 'email' ? 'email_address' : 'phone_number'] as string;
    const reference = typeof body.reference === 'string' && body.reference !== '' ? body.reference : null;
    const message: StoredMessage = {
      id: randomUUID(),
      type,
      to,
      templateId: template.id,
      personalisation,
      reference,
      ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
      body: rendered.body,
      createdAt: clock(),
      status: deliveries.get(recipientKey(to)) ?? 'delivered',
      serviceId,
      recipientKey: recipientKey(to),
      ...(typeof body.one_click_unsubscribe_url === 'string' ? { oneClickUnsubscribeUrl: body.one_click_unsubscribe_url } : {}),
    };
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.key === message.recipientKey) {
        waiters.delete(waiter);
        waiter.resolve(copy(message));
      }
    }

    const content =
      type === 'email'
        ? {
            body: message.body,
            subject: message.subject!,
            from_email: fromEmail,
            ...(message.oneClickUnsubscribeUrl ? { one_click_unsubscribe_url: message.oneClickUnsubscribeUrl } : {}),
          }
        : { body: message.body, from_number: fromNumber };
    return reply.code(201).send({
      id: message.id,
      reference: message.reference,
      content,
      uri: `${apiUrl()}/v2/notifications/${message.id}`,
      template: { id: template.id, version: 1, uri: `${apiUrl()}/services/${serviceId}/templates/${template.id}` },
      scheduled_for: null,
    });
  }

  function registerApi(api: FastifyInstance) {
    setUpApiScope(api, {
      name: 'Notify simulator',
      faults,
      send: sendErrors,
      down: gateway,
      meet(request) {
        // A fault set with `times` is used up by sends; 'reject' is for sends only.
        const isSend = request.method === 'POST' && /\/v2\/notifications\/(email|sms)$/.test(request.routeOptions.url ?? '');
        const fault = faults.take(isSend);
        return fault === 'reject' && !isSend ? 'none' : fault;
      },
      ownFault(fault) {
        if (fault === 'error500') return notifyError(500, [{ error: 'Exception', message: texts.internal }]);
        if (fault === 'ratelimit') return notifyError(429, [{ error: 'RateLimitError', message: texts.rateLimit }]);
        return undefined;
      },
      async check(request, fault) {
        const auth = await authenticate(request.headers.authorization);
        if (!auth.ok) return notifyError(auth.status, [{ error: 'AuthError', message: auth.message }]);
        requests.set(request, { serviceId: auth.serviceId, fault });
        return undefined;
      },
      // Notify reads only JSON; anything else is an "Error decoding arguments".
      fastifyError(error) {
        const status = error.statusCode ?? 500;
        if (status === 415) {
          return badRequest("Error decoding arguments: Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
        }
        if (status === 400) return badRequest(`Error decoding arguments: Failed to decode JSON object: ${error.message}`);
        if (status === 413) return notifyError(413, [{ error: 'RequestEntityTooLarge', message: error.message }]);
        return undefined;
      },
      serverError: () => notifyError(500, [{ error: 'Exception', message: texts.internal }]),
      unknownUrl: (reply) => reply.code(404).type('application/json').send({ result: 'error', message: texts.notFoundUrl }),
    });

    api.post('/notifications/email', (request, reply) => send('email', request, reply));
    api.post('/notifications/sms', (request, reply) => send('sms', request, reply));

    api.get('/notifications/:id', async (request) => {
      const { serviceId } = requests.get(request)!;
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw validationErrors(['notification_id is not a valid UUID']);
      const message = messages.find((m) => m.id === id.toLowerCase() && m.serviceId === serviceId);
      if (!message) throw notifyError(404, [{ error: 'NoResultFound', message: 'No result found' }]);
      return serialise(message);
    });

    api.get('/notifications', async (request) => {
      const { serviceId } = requests.get(request)!;
      const query = queryOf(request);
      const allowed = ['reference', 'status', 'template_type', 'include_jobs', 'older_than'];
      const errors: string[] = [];
      const unexpected = [...new Set(query.keys())].filter((k) => !allowed.includes(k));
      if (unexpected.length > 0)
        errors.push(`Additional properties are not allowed (${unexpected.join(', ')} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)`);
      const wantedStatuses = query.getAll('status');
      const wantedTypes = query.getAll('template_type');
      for (const status of wantedStatuses) if (!statuses.includes(status)) errors.push(`status ${status} is not one of [${statuses.join(', ')}]`);
      for (const type of wantedTypes) if (!['sms', 'email', 'letter'].includes(type)) errors.push(`template_type ${type} is not one of [sms, email, letter]`);
      const olderThan = query.get('older_than');
      if (olderThan !== null && !isUuid(olderThan)) errors.push('older_than is not a valid UUID');
      const includeJobs = query.get('include_jobs');
      if (includeJobs !== null && !['true', 'True'].includes(includeJobs)) errors.push(`include_jobs ${includeJobs} is not one of [true, True]`);
      if (errors.length > 0) throw validationErrors(errors);

      // Newest first; older_than: the ones sent before that notification (none if it is unknown).
      let candidates = messages.filter((m) => m.serviceId === serviceId);
      if (olderThan !== null) {
        const index = candidates.findIndex((m) => m.id === olderThan.toLowerCase());
        candidates = index === -1 ? [] : candidates.slice(0, index);
      }
      const reference = query.get('reference');
      const matches = candidates
        .filter((m) => reference === null || m.reference === reference)
        .filter((m) => wantedTypes.length === 0 || wantedTypes.includes(m.type))
        .filter((m) => wantedStatuses.length === 0 || wantedStatuses.some((s) => s === m.status || (s === 'failed' && failureStatuses.includes(m.status))))
        .reverse()
        .slice(0, pageSize);

      const link = (extra: Record<string, string>) => {
        const params = new URLSearchParams();
        for (const [name, value] of query) if (name !== 'older_than') params.append(name, value);
        for (const [name, value] of Object.entries(extra)) params.set(name, value);
        const search = params.toString();
        return `${apiUrl()}/v2/notifications${search ? `?${search}` : ''}`;
      };
      return {
        notifications: matches.map(serialise),
        links: {
          current: link(olderThan !== null ? { older_than: olderThan } : {}),
          ...(matches.length > 0 ? { next: link({ older_than: matches.at(-1)!.id }) } : {}),
        },
      };
    });

    api.get('/template/:id', async (request) => {
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw validationErrors(['template_id is not a valid UUID']);
      const template = templates.get(id.toLowerCase());
      if (!template) throw notifyError(404, [{ error: 'NoResultFound', message: 'No Result Found' }]);
      return {
        id: template.id,
        name: template.name,
        type: template.type,
        created_at: notifyTime(new Date(0)),
        updated_at: null,
        created_by: 'notify@voordeur.example',
        version: 1,
        body: template.body,
        subject: template.type === 'email' ? template.subject! : null,
        letter_contact_block: null,
        postage: null,
      };
    });
  }

  // --- the scope: API, mailbox and its CSS ---------------------------------------------------

  await app.register(
    async (scope) => {
      registerSimulatorAssets(scope, '');
      const newestFirst = () => [...messages].reverse();

      scope.get('/mailbox', async (_request, reply) =>
        reply
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(mailboxPage({ assetsPrefix: prefix, messages: newestFirst() })),
      );

      scope.get('/mailbox.json', async (_request, reply) =>
        reply.header('cache-control', 'no-store').send({
          messages: newestFirst().map((m) => ({ ...copy(m), createdAt: m.createdAt.toISOString() })),
        }),
      );

      await scope.register(async (api) => registerApi(api), { prefix: '/v2' });
    },
    { prefix },
  );

  return {
    get url() {
      return apiUrl();
    },
    sent: () => messages.map(copy),
    waitFor(to, { since, timeoutMs = 5000 } = {}) {
      const key = recipientKey(to);
      if (since) {
        const latest = messages.findLast((m) => m.recipientKey === key && m.createdAt.getTime() >= since.getTime());
        if (latest) return Promise.resolve(copy(latest));
      }
      return new Promise<SentMessage>((resolve, reject) => {
        const waiter = {
          key,
          resolve: (message: SentMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Notify simulator: nothing was sent to ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear: () => {
      messages.length = 0;
    },
    deliverAs: (to, status) => {
      const key = recipientKey(to);
      deliveries.set(key, status);
      for (const m of messages) if (m.recipientKey === key && m.status === 'sending') m.status = status;
    },
    ...faults.controls(),
  };
}
