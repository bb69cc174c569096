/**
 * NotifyNL (the GOV.UK Notify API) through its official client, notifications-node-client:
 * e-mail and SMS from templates. The client's HTTP calls get Voordeur's deadline (an axios
 * instance with a timeout) and are timed in the source metrics. Failures are sorted into what
 * may be retried (no answer, 5xx, 429) and what may not (any other 4xx: a bad address, a wrong
 * template), so callers can tell the person or retry later.
 */
import type { NotifyClient as NotificationsNodeClient } from 'notifications-node-client';
import type { Metrics } from '../../platform/metrics.ts';

export class NotifyError extends Error {
  constructor(
    readonly retryable: boolean,
    readonly status: number | undefined,
    /** Notify's own error code (e.g. BadRequestError), never the address. */
    readonly code: string | undefined,
  ) {
    super(`notify: ${status ?? 'no answer'} ${code ?? ''}`.trim());
    this.name = 'NotifyError';
  }
}

export interface SentNotification {
  /** Notify's id of the message. */
  id: string;
}

interface AxiosLikeError {
  response?: { status: number; data?: { errors?: { error?: string }[] } };
}

export class NotifyClient {
  private client: Promise<NotificationsNodeClient> | undefined;

  constructor(
    private readonly config: { baseUrl: string; apiKey: string },
    private readonly options: { timeoutMs: number; metrics: Metrics },
  ) {}

  /** GOV.UK Notify's client and axios are loaded on the first message, not at start (~0.4 s of CPU). */
  private connect(): Promise<NotificationsNodeClient> {
    this.client ??= Promise.all([import('notifications-node-client'), import('axios')]).then(
      ([{ NotifyClient: NotificationsNodeClient }, { default: axios }]) => {
        const client = new NotificationsNodeClient(this.config.baseUrl, this.config.apiKey);
        // The client's types name axios's CommonJS build; the instance is the same at run time.
        client.setClient(axios.create({ timeout: this.options.timeoutMs }) as unknown as Parameters<NotificationsNodeClient['setClient']>[0]);
        return client;
      },
    );
    return this.client;
  }

  async sendEmail(templateId: string, to: string, personalisation: Record<string, string>, reference?: string): Promise<SentNotification> {
    return this.send((client) => client.sendEmail(templateId, to, { personalisation, reference }));
  }

  async sendSms(templateId: string, to: string, personalisation: Record<string, string>, reference?: string): Promise<SentNotification> {
    return this.send((client) => client.sendSms(templateId, to, { personalisation, reference }));
  }

  /**
   * The id of a message sent earlier with this reference, if Notify has one: after a crash
   * between sending and recording, this tells whether the message went out.
   */
  async sentWithReference(reference: string): Promise<string | undefined> {
    try {
      const client = await this.connect();
      const response = await this.options.metrics.timeSource(
        'notify',
        () => client.getNotifications(undefined, undefined, reference) as Promise<{ data: { notifications: { id: string; reference: string | null }[] } }>,
      );
      return response.data.notifications.find((n) => n.reference === reference)?.id;
    } catch (error) {
      throw toNotifyError(error);
    }
  }

  /**
   * What became of a message: Notify's status, e.g. 'sending', 'delivered', 'permanent-failure'
   * (the address does not exist), 'temporary-failure' (a full inbox, a phone switched off) or
   * 'technical-failure'.
   */
  async status(id: string): Promise<string> {
    try {
      const client = await this.connect();
      const response = await this.options.metrics.timeSource('notify', () => client.getNotificationById(id) as Promise<{ data: { status: string } }>);
      return response.data.status;
    } catch (error) {
      throw toNotifyError(error);
    }
  }

  private async send(call: (client: NotificationsNodeClient) => Promise<{ data: { id: string } }>): Promise<SentNotification> {
    try {
      const client = await this.connect();
      const response = await this.options.metrics.timeSource('notify', () => call(client));
      return { id: response.data.id };
    } catch (error) {
      throw toNotifyError(error);
    }
  }
}

/** No answer, 5xx and 429 may be retried; any other 4xx may not. */
function toNotifyError(error: unknown): NotifyError {
  const response = (error as AxiosLikeError).response;
  const status = response?.status;
  return new NotifyError(status === undefined || status >= 500 || status === 429, status, response?.data?.errors?.[0]?.error);
}
