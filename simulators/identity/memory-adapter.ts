/**
 * Storage for oidc-provider's sessions, interactions, grants, codes and tokens: in memory, one
 * store per simulator instance (so tests do not share state), expired entries dropped. A
 * restart forgets every login, which is what a simulator should do. (oidc-provider's own
 * development adapter does the same, but shares one store per process and warns on start.)
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

export function createMemoryAdapter(): AdapterFactory {
  const entries = new Map<string, Entry>();
  /** Secondary indexes: session uid → key, user code → key, grant id → keys. */
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  let writes = 0;

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      remove(key);
      return undefined;
    }
    return entry.payload;
  };

  const remove = (key: string) => {
    const entry = entries.get(key);
    entries.delete(key);
    if (!entry) return;
    const { uid, userCode, grantId } = entry.payload;
    if (uid !== undefined && byUid.get(uid) === key) byUid.delete(uid);
    if (userCode !== undefined && byUserCode.get(userCode) === key) byUserCode.delete(userCode);
    if (grantId !== undefined) byGrant.get(grantId)?.delete(key);
  };

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) remove(key);
    for (const [grantId, keys] of byGrant) if (keys.size === 0) byGrant.delete(grantId);
  };

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % 500 === 0) sweep();
        const key = keyFor(id);
        remove(key);
        entries.set(key, { payload, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
        if (model === 'Session' && payload.uid !== undefined) byUid.set(payload.uid, key);
        if (payload.userCode !== undefined) byUserCode.set(payload.userCode, key);
        if (grantable.has(model) && payload.grantId !== undefined) {
          let keys = byGrant.get(payload.grantId);
          if (!keys) byGrant.set(payload.grantId, (keys = new Set()));
          keys.add(key);
        }
      },
      async find(id) {
        return live(keyFor(id));
      },
      async findByUid(uid) {
        return live(byUid.get(uid));
      },
      async findByUserCode(userCode) {
        return live(byUserCode.get(userCode));
      },
      async consume(id) {
        const payload = live(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        remove(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) remove(key);
        byGrant.delete(grantId);
      },
    };
  };
}
