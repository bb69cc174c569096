/**
 * The organisation's systems Voordeur is configured to use, built once from the configuration:
 * by the web application and by the worker process alike. Each is absent when not configured.
 */
import type { Config } from '../config.ts';
import { zaaksysteemFor } from '../domain/zaak.ts';
import type { Metrics } from '../platform/metrics.ts';
import { BrpClient } from './brp/brp.ts';
import { Klantinteracties } from './klantinteracties/klantinteracties.ts';
import { KvkClient } from './kvk/kvk.ts';
import { Notify } from './notify/notify.ts';
import { ObjectenApi } from './objecten/objecten.ts';
import { Zaaksysteem } from './zgw/zaaksysteem.ts';

export interface Sources {
  zaaksystemen: Zaaksysteem[];
  brp?: BrpClient;
  kvk?: KvkClient;
  klantinteracties?: Klantinteracties;
  objecten?: ObjectenApi;
  notify?: Notify;
}

export function connectSources(config: Config, metrics: Metrics): Sources {
  const options = { timeoutMs: config.sources.timeoutMs, metrics };
  const systemNames = config.zaken.systems.map((system) => system.naam);
  // A klantcontact about a zaak names its register; with one zaaksysteem, that is the one.
  const zaken = { systeemFor: (register: string | undefined) => zaaksysteemFor(systemNames, register) };
  return {
    zaaksystemen: config.zaken.systems.map(
      (system) =>
        new Zaaksysteem(system, {
          ...options,
          catalogueCacheSeconds: config.sources.catalogueCacheSeconds,
          documentAllowList: config.zaken.documentAllowList,
          uploadVertrouwelijkheidaanduiding: config.zaken.upload.vertrouwelijkheidaanduiding,
        }),
    ),
    brp: config.brp && new BrpClient(config.brp, options),
    kvk: config.kvk && new KvkClient(config.kvk, options),
    klantinteracties: config.klantinteracties && new Klantinteracties(config.klantinteracties, options, zaken),
    objecten: config.objecten && new ObjectenApi(config.objecten, options),
    notify: config.notify && new Notify(config.notify, options),
  };
}
