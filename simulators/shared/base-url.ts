/**
 * A simulator's public base URL, e.g. http://127.0.0.1:3001. Tests listen on port 0: then the
 * port is the one the app listens on, known once it listens.
 */
import type { FastifyInstance } from 'fastify';

export class BaseUrl {
  private resolved?: string;

  constructor(
    private readonly url: string,
    private readonly listeningPort: () => number | undefined = () => undefined,
  ) {}

  /** The base URL of `app`'s simulators (port 0: the port `app` listens on). */
  static of(app: FastifyInstance, url: string): BaseUrl {
    return new BaseUrl(url, () => {
      const address = app.server.address();
      return typeof address === 'object' && address !== null ? address.port : undefined;
    });
  }

  /** Without a trailing slash; complete once the app listens. */
  get href(): string {
    if (this.resolved) return this.resolved;
    const url = new URL(this.url);
    if (url.port !== '0') return (this.resolved = url.href.replace(/\/+$/, ''));
    const port = this.listeningPort();
    if (port === undefined) return url.href.replace(/\/+$/, '');
    url.port = String(port);
    return (this.resolved = url.href.replace(/\/+$/, ''));
  }

  get origin(): string {
    return new URL(this.href).origin;
  }

  /** The path without a trailing slash ('' at the root): the prefix of the simulator's routes. */
  get path(): string {
    return new URL(this.url).pathname.replace(/\/+$/, '');
  }
}
