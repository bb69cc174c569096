/**
 * The organisation's systems Voordeur is configured to use, built once from the configuration:
 * by the web application and by the worker process alike. Each is absent when not configured.
 */
import type { Config } from '../config.ts';
import { zaaksysteemFor } from '../domain/zaak.ts';
import type { Log } from '../domain/log.ts';
import type { Metrics } from '../platform/metrics.ts';
import { BrpClient } from './brp/brp.ts';
import { KlantinteractiesClient } from './klantinteracties/klantinteracties.ts';
import { KvkClient } from './kvk/kvk.ts';
import { NotifyClient } from './notify/notify.ts';
import { ObjectenBerichtStore } from './objecten/berichten.ts';
import { ObjectenClient } from './objecten/objecten.ts';
import { ObjectenTaakStore } from './objecten/taken.ts';
import { FormioForms, ObjectenProducttypen } from './objecten/producttypen.ts';
import { OpenProductProducttypen } from './openproduct/producttypen.ts';
import type { ProducttypeCatalogue } from '../domain/aanvraag.ts';
import { allProducten, type ProductStore } from '../domain/product.ts';
import { ObjectenParkeervergunningStore } from './objecten/parkeervergunningen.ts';
import { ObjectenProductStore } from './objecten/producten.ts';
import { OpenProductClient } from './openproduct/openproduct.ts';
import { ZaaksysteemClient } from './zgw/zaaksysteem.ts';
import { PersonalAnswers } from './answers.ts';
import { KeptZaaksysteem } from './zgw/kept.ts';

export interface Sources {
  zaaksystemen: ZaaksysteemClient[];
  brp?: BrpClient;
  kvk?: KvkClient;
  klantinteracties?: KlantinteractiesClient;
  objecten?: ObjectenClient;
  /** Taken in the Objecten API, when its TaakV2 object type is configured. */
  taken?: ObjectenTaakStore;
  /** Berichten in the Objecten API, when its Bericht object type is configured. */
  berichten?: ObjectenBerichtStore;
  notify?: NotifyClient;
  /** The products people and companies hold: Open Product's Producten API and/or PDCProductInstantie and Parkeervergunning objects in the Objecten API. */
  producten?: ProductStore;
  /** Answers about one person kept for a few seconds (zaken, taken, berichten, Mijn gegevens' BRP and Klantinteracties); the notification callback drops them (answers.ts). */
  answers: PersonalAnswers;
  /**
   * What can be applied for online: PDCProductType objects in the Objecten API, when that object type
   * is configured; or Open Product's Producttypen API (AANVRAGEN_CATALOGUS=openproduct), with the forms in the Objecten API.
   */
  producttypen?: ProducttypeCatalogue;
}

/** `log`: where a kept answer that could not be renewed in the background is noted (answers.ts). */
export function connectSources(config: Config, metrics: Metrics, log?: Pick<Log, 'warn'>): Sources {
  const options = { timeoutMs: config.sources.timeoutMs, metrics };
  const systemNames = config.zaken.systems.map((system) => system.naam);
  // A klantcontact about a zaak names its register; with one zaaksysteem, that is the one.
  const zaken = { systeemFor: (register: string | undefined) => zaaksysteemFor(systemNames, register) };
  const answers = new PersonalAnswers({ ttlMs: config.sources.personalCacheSeconds * 1000, log });
  const objecten = config.objecten && new ObjectenClient(config.objecten, { ...options, answers });
  const { taak, bericht, productinstantie, verbruiksobject, parkeervergunning, producttype } = config.objecten?.objecttypen ?? {};
  // A PDCProductInstantie names its zaken by UUID only: with one zaaksysteem, they are there.
  const zaakSysteem = config.zaken.systems.length === 1 ? config.zaken.systems[0] : undefined;
  const productStores: ProductStore[] = [
    ...(config.openProduct ? [new OpenProductClient(config.openProduct, { ...options, catalogueCacheSeconds: config.sources.catalogueCacheSeconds })] : []),
    ...(objecten && productinstantie
      ? [
          new ObjectenProductStore(objecten, { productinstantie, verbruiksobject }, (uuid) =>
            zaakSysteem ? `${zaakSysteem.zakenApi.replace(/\/+$/, '')}/zaken/${uuid}` : undefined,
          ),
        ]
      : []),
    // The example Parkeervergunning object type of NL Portal, when an organisation keeps its vergunningen so.
    ...(objecten && parkeervergunning ? [new ObjectenParkeervergunningStore(objecten, parkeervergunning)] : []),
  ];
  const cacheSeconds = config.sources.catalogueCacheSeconds;
  const catalogue = (): ProducttypeCatalogue | undefined => {
    if (config.aanvragen.catalogus === 'openproduct')
      return config.openProduct && objecten
        ? new OpenProductProducttypen(config.openProduct, new FormioForms(objecten, { cacheSeconds }), { ...options, cacheSeconds })
        : undefined;
    return objecten && producttype ? new ObjectenProducttypen(objecten, producttype, { cacheSeconds }) : undefined;
  };
  return {
    zaaksystemen: config.zaken.systems.map((system) => {
      const systemOptions = {
        ...options,
        catalogueCacheSeconds: config.sources.catalogueCacheSeconds,
        documentAllowList: config.zaken.documentAllowList,
        maxZaakVertrouwelijkheid: config.zaken.maxZaakVertrouwelijkheid,
        ownRollen: config.zaken.ownRollen,
        maxPages: config.zaken.maxPages,
        uploadVertrouwelijkheidaanduiding: config.zaken.upload.vertrouwelijkheidaanduiding,
      };
      return config.sources.personalCacheSeconds > 0 ? new KeptZaaksysteem(system, systemOptions, answers) : new ZaaksysteemClient(system, systemOptions);
    }),
    brp: config.brp && new BrpClient(config.brp, { ...options, answers }),
    kvk: config.kvk && new KvkClient(config.kvk, options),
    klantinteracties: config.klantinteracties && new KlantinteractiesClient(config.klantinteracties, { ...options, answers }, zaken),
    objecten,
    taken: objecten && taak ? new ObjectenTaakStore(objecten, taak) : undefined,
    berichten: objecten && bericht ? new ObjectenBerichtStore(objecten, bericht) : undefined,
    notify: config.notify && new NotifyClient(config.notify, options),
    producten: productStores.length > 0 ? allProducten(productStores) : undefined,
    answers,
    producttypen: catalogue(),
  };
}
