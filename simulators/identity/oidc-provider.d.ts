/**
 * oidc-provider 9 ships no type declarations. These cover the part the identity simulator uses;
 * the configuration object is checked by oidc-provider itself at start-up.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type ClaimsObject = Record<string, unknown>;

  /** The Koa context, as far as the simulator's hooks read and write it. */
  export interface KoaContextWithOIDC {
    type: string;
    status: number;
    body: unknown;
    host: string;
    href: string;
    oidc: {
      client?: { clientId: string; clientName?: string };
      params?: Record<string, unknown>;
      result?: InteractionResults;
      urlFor(name: string, options?: Record<string, unknown>): string;
    };
  }

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string, claims: Record<string, unknown>, rejected: string[]): Promise<ClaimsObject> | ClaimsObject;
  }

  export type FindAccount = (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined>;

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; ts?: number; acr?: string; amr?: string[] };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
    state?: string;
    scope?: string;
    iss?: string;
  }

  export interface Interaction {
    uid: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string; claims?: string };
    session?: { accountId: string; uid?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
    result?: InteractionResults;
    save(ttl: number): Promise<string>;
  }

  export interface GrantInstance {
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface SessionInstance {
    accountId?: string;
    destroy(): Promise<void>;
  }

  export interface ClientInstance {
    clientId: string;
    clientName?: string;
  }

  export interface AdapterPayload {
    [key: string]: unknown;
    uid?: string;
    userCode?: string;
    grantId?: string;
    consumed?: number;
    jti?: string;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type AdapterFactory = (name: string) => Adapter;

  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    /** Koa's request handler. */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    readonly Session: {
      find(id: string): Promise<SessionInstance | undefined>;
    };
    readonly Client: {
      find(id: string): Promise<ClientInstance | undefined>;
    };
  }

  export namespace interactionPolicy {
    type CheckResult = boolean;
    class Check {
      constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => CheckResult | Promise<CheckResult>);
      constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => CheckResult | Promise<CheckResult>);
      static readonly REQUEST_PROMPT: true;
      static readonly NO_NEED_TO_PROMPT: false;
    }
    interface Prompt {
      name: string;
      checks: Check[] & { add(check: Check, index?: number): void; remove(reason: string): void; get(reason: string): Check | undefined };
    }
    type Policy = Prompt[] & { get(name: string): Prompt | undefined; remove(name: string): void; add(prompt: Prompt, index?: number): void };
    function base(): Policy;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      error: string;
      error_description?: string;
      status: number;
    }
    class SessionNotFound extends OIDCProviderError {}
  }

  export default Provider;
}
