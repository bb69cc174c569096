/**
 * The Objecten API (Objects API v2): taken (TaakV2) and berichten (Bericht) are objects of a
 * configured object type, found by the identificatie in their data.
 *
 * Filters use `data_attr` (one condition per parameter), never the older `data_attrs`, which
 * splits on every comma and so can break or widen a filter. The API also splits a condition on
 * `__` from the right, so no value with `__` can be asked for: Voordeur only filters on values it
 * controls (a BSN or KvK number, a status, a date) and refuses anything else. Free-text search
 * happens in Voordeur on the person's own objects. Every object that comes back is checked again
 * against the identity: the filter is the API's, the ownership check is Voordeur's. objects-api
 * before 2.5 has no `data_attr` and ignores it: it answers every object of the type, everyone's.
 * Those are left out here, and as a list is read at most `maxPages` pages deep, the person's own
 * objects beyond that are not found: the log says the list was cut off (objects-api 2.5 or later
 * is needed for a complete list). `next` is taken as a page of the same list on the configured
 * API (only its query string counts), so the token goes nowhere else, also when objects-api
 * behind a proxy names another scheme or host.
 */
import { z } from 'zod';
import { dutchToday } from '../../domain/calendar.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { PersonalAnswers } from '../answers.ts';
import { namedIn } from '../fits.ts';
import { SourceClient } from '../http.ts';
import { type Listed, SourceUnavailableError } from '../../domain/availability.ts';
import type { components } from './generated/objects.ts';

type S = components['schemas'];

/** One condition of a `data_attr` filter: path in the data (dots), operator, value. */
export type Condition = [path: string, operator: 'exact' | 'gt' | 'gte' | 'lt' | 'lte' | 'icontains', value: string];

const objectSchema = namedIn<S['Object']>()(
  z.object({
    uuid: z.string().uuid(),
    type: z.string(),
    record: namedIn<S['ObjectRecord']>()(
      z.object({
        typeVersion: z.number().int(),
        data: z.record(z.string(), z.unknown()),
        startAt: z.string().optional(),
        registrationAt: z.string().optional(),
      }),
    ),
  }),
);

const pageSchema = z.object({ count: z.number().int().optional(), next: z.string().nullable().optional(), results: z.array(objectSchema) });

export interface StoredObject {
  uuid: string;
  typeVersion: number;
  data: Record<string, unknown>;
  /** The record's legal start date (YYYY-MM-DD), as the API gives it: the day the data shown took effect. */
  startAt?: string;
  /** The day the record was registered (YYYY-MM-DD). */
  registrationAt?: string;
}

/** Reads an object's data as a domain type; null when it does not fit. */
export type Reader<T> = (uuid: string, data: Record<string, unknown>) => T | null;

/** The identificatie an object must carry to be the subject's (TaakV2 and Bericht use the same shape). */
function identificatieOf(subject: Subject): { type: 'bsn' | 'kvk'; value: string } {
  return subject.type === 'persoon' ? { type: 'bsn', value: subject.bsn } : { type: 'kvk', value: subject.kvkNummer };
}

/** Whose an object is, by the identificatie in its data (the reverse of `identificatieOf`); undefined when it names no one. */
function subjectOf(data: Record<string, unknown>): Subject | undefined {
  const identificatie = data.identificatie as { type?: unknown; value?: unknown } | undefined;
  const value = identificatie?.value;
  if (typeof value !== 'string' || value === '') return undefined;
  if (identificatie?.type === 'bsn') return { type: 'persoon', bsn: value };
  if (identificatie?.type === 'kvk') return { type: 'bedrijf', kvkNummer: value };
  return undefined;
}

function belongsTo(data: Record<string, unknown>, subject: Subject): boolean {
  const wanted = identificatieOf(subject);
  const identificatie = data.identificatie as { type?: unknown; value?: unknown } | undefined;
  return identificatie?.type === wanted.type && identificatie.value === wanted.value;
}

/** A value the API can filter on without ambiguity. */
const safeValue = /^[A-Za-z0-9:.+-]{1,64}$/;

/** The most pages one list may take (the API pages by 100): a person with more objects than this is cut off, not hung. */
const maxPages = 10;

export class ObjectenClient {
  private readonly client: SourceClient;

  private readonly answers: PersonalAnswers | undefined;
  /** The domain values read from a (kept) list of objects, per reader: gone with the list. */
  private readonly readLists = new WeakMap<StoredObject[], Map<Reader<unknown>, { values: unknown[]; unfit: string[] }>>();
  /** The domain value (or null: it does not fit) read from a (kept) object, per reader: gone with the object. */
  private readonly readObjects = new WeakMap<StoredObject, Map<Reader<unknown>, unknown>>();

  constructor(
    private readonly config: { url: string; token: string },
    options: { timeoutMs: number; metrics: Metrics; answers?: PersonalAnswers },
  ) {
    this.answers = options.answers;
    this.client = new SourceClient({
      name: 'objecten',
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      headers: () => ({ authorization: `Token ${config.token}`, 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' }),
    });
  }

  /**
   * The subject's objects of one type, in the API's order (`ordering`, e.g. "-record__data__publicatiedatum"); `complete` is false when the bound cut the list off.
   * Kept for a few seconds per subject when `answers` is given (see answers.ts).
   */
  private list(type: string, subject: Subject, ordering: string): Promise<{ objects: StoredObject[]; complete: boolean; others: number }> {
    if (!this.answers) return this.listNow(type, subject, ordering);
    return this.answers.get('objecten', subject, `${type} ${ordering}`, () => this.listNow(type, subject, ordering));
  }

  private async listNow(type: string, subject: Subject, ordering: string): Promise<{ objects: StoredObject[]; complete: boolean; others: number }> {
    const identificatie = identificatieOf(subject);
    const all: Condition[] = [
      ['identificatie__type', 'exact', identificatie.type],
      ['identificatie__value', 'exact', identificatie.value],
    ];
    return this.listMatching(type, all, (data) => belongsTo(data, subject), ordering);
  }

  /**
   * The objects of one type that match every condition (`data_attr`) and that `keep` (Voordeur's
   * own check of each object's data) accepts, in the API's order; `others` counts those it did not
   * (the API ignored or widened the filter); `complete` is false when the bound cut the list off.
   */
  async listMatching(
    type: string,
    all: Condition[],
    keep: (data: Record<string, unknown>) => boolean,
    ordering?: string,
  ): Promise<{ objects: StoredObject[]; complete: boolean; others: number }> {
    const query = new URLSearchParams(ordering ? { type, ordering } : { type });
    for (const [path, operator, value] of all) {
      if (!safeValue.test(value)) throw new Error(`objecten: refusing to filter on ${path} with a value the API cannot match exactly`);
      query.append('data_attr', `${path}__${operator}__${value}`);
    }
    const objects: StoredObject[] = [];
    let others = 0;
    let url: string | undefined = `${this.config.url}/objects?${query}`;
    for (let page = 0; url; page++) {
      if (page === maxPages) return { objects, complete: false, others };
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) break;
      for (const object of answer.results) {
        if (object.type === type && keep(object.record.data))
          objects.push({
            uuid: object.uuid,
            typeVersion: object.record.typeVersion,
            data: object.record.data,
            startAt: object.record.startAt,
            registrationAt: object.record.registrationAt,
          });
        else others++;
      }
      url = answer.next ? this.nextPage(answer.next) : undefined;
    }
    return { objects, complete: true, others };
  }

  /** The next page of the objects list, on the configured API: of the API's `next` only the query string counts. */
  private nextPage(next: string): string {
    const url = URL.canParse(next) ? new URL(next) : undefined;
    if (!url?.pathname.replace(/\/+$/, '').endsWith('/objects'))
      throw new SourceUnavailableError('objecten', 'invalid', 'next page is not a page of the objects list');
    return `${this.config.url}/objects${url.search}`;
  }

  /**
   * One object of this type that is the subject's; null when it does not exist or is someone else's.
   * Kept for a few seconds per subject when `answers` is given, as the lists are (a taak form or a
   * bericht opened again; a notification on the objecten kanaal, or a change made here, drops it).
   */
  private async get(type: string, subject: Subject, uuid: string): Promise<StoredObject | null> {
    const ask = () => this.getMatching(type, uuid, (data) => belongsTo(data, subject));
    return this.answers ? this.answers.get('objecten', subject, `${type} object ${uuid}`, ask) : ask();
  }

  /** One object of this type that `keep` accepts (Voordeur's check of its data); null when it does not exist or is not accepted. */
  async getMatching(type: string, uuid: string, keep: (data: Record<string, unknown>) => boolean): Promise<StoredObject | null> {
    if (!z.string().uuid().safeParse(uuid).success) return null;
    const object = await this.client.getJson(`${this.config.url}/objects/${uuid}`, objectSchema);
    if (!object || object.type !== type || !keep(object.record.data)) return null;
    return {
      uuid: object.uuid,
      typeVersion: object.record.typeVersion,
      data: object.record.data,
      startAt: object.record.startAt,
      registrationAt: object.record.registrationAt,
    };
  }

  /** The URL of an object in the configured API. */
  objectUrl(uuid: string): string {
    return `${this.config.url}/objects/${uuid}`;
  }

  /**
   * The subject's objects of one type read as a domain type by `read`, in the API's order; an
   * object whose data does not fit (`read` gives null) is left out, with `skipped` in the log.
   */
  async listAs<T>(type: string, subject: Subject, ordering: string, read: Reader<T>, log: Pick<Log, 'warn'>, skipped: string): Promise<Listed<T>> {
    const { objects, complete, others } = await this.list(type, subject, ordering);
    // Someone else's objects in the answer: the API did not apply the data_attr filter (objects-api before 2.5).
    if (others > 0) log.warn({ source: 'objecten', others }, 'objecten: objects of others in the answer, left out (is the data_attr filter supported?)');
    if (!complete) log.warn({ source: 'objecten', shown: objects.length, pages: maxPages }, 'objecten list cut off: more pages than Voordeur reads');
    // A kept answer (answers.ts) is the same array on every page while it is kept: it is read (zod) once.
    let byReader = this.readLists.get(objects);
    if (!byReader) this.readLists.set(objects, (byReader = new Map()));
    let reading = byReader.get(read as Reader<unknown>) as { values: T[]; unfit: string[] } | undefined;
    if (!reading) {
      reading = { values: [], unfit: [] };
      for (const object of objects) {
        const value = read(object.uuid, object.data);
        if (value) reading.values.push(value);
        else reading.unfit.push(object.uuid);
      }
      byReader.set(read as Reader<unknown>, reading);
    }
    for (const uuid of reading.unfit) log.warn({ source: 'objecten', object: uuid }, skipped);
    // A copy: the caller may sort or filter its list; the values themselves are not changed by anyone.
    return { items: [...reading.values], cutOff: !complete };
  }

  /** One object of this type that is the subject's, read as a domain type, with the object (to write it back); null when it does not fit. */
  async getAs<T>(type: string, subject: Subject, uuid: string, read: Reader<T>): Promise<{ value: T; object: StoredObject } | null> {
    const object = await this.get(type, subject, uuid);
    if (!object) return null;
    // A kept answer is the same object on every page while it is kept: it is read (zod) once, as the lists are.
    let byReader = this.readObjects.get(object);
    if (!byReader) this.readObjects.set(object, (byReader = new Map()));
    let value = byReader.get(read as Reader<unknown>) as T | null | undefined;
    if (value === undefined) byReader.set(read as Reader<unknown>, (value = read(object.uuid, object.data)));
    return value ? { value, object } : null;
  }

  /**
   * The data of an object by its URL, without an ownership check: for shared objects such as a
   * form definition. Only URLs of objects in the configured API are fetched (the token goes
   * nowhere else).
   */
  async dataAt(url: string): Promise<Record<string, unknown> | null> {
    const match = /^([^?#]+)\/objects\/([0-9a-fA-F-]{36})\/?$/.exec(url);
    if (!match || match[1] !== this.config.url) return null;
    const object = await this.client.getJson(`${this.config.url}/objects/${match[2]!.toLowerCase()}`, objectSchema);
    return object?.record.data ?? null;
  }

  /**
   * Every object of a shared type (such as the FormIO form definitions), with its URL, at most
   * `maxPages` pages: for an operator's overview, never for a person's objects. `complete` is
   * false when the bound cut the list off.
   */
  async listShared(type: string): Promise<{ objects: (StoredObject & { url: string })[]; complete: boolean }> {
    const objects: (StoredObject & { url: string })[] = [];
    let url: string | undefined = `${this.config.url}/objects?${new URLSearchParams({ type })}`;
    for (let page = 0; url; page++) {
      if (page === maxPages) return { objects, complete: false };
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) break;
      for (const object of answer.results)
        if (object.type === type)
          objects.push({
            uuid: object.uuid,
            url: `${this.config.url}/objects/${object.uuid}`,
            typeVersion: object.record.typeVersion,
            data: object.record.data,
          });
      url = answer.next ? this.nextPage(answer.next) : undefined;
    }
    return { objects, complete: true };
  }

  /**
   * Whose the object at this URL is, by the identificatie in its data: for a notification about
   * a new object. Null when it is not in the configured API, does not exist, or names no one.
   */
  async ownerAt(url: string): Promise<Subject | null> {
    const data = await this.dataAt(url);
    return (data && subjectOf(data)) ?? null;
  }

  /** Creates an object of this type with this data (record typeVersion 1, from today); its URL. */
  async createObject(type: string, data: Record<string, unknown>): Promise<string> {
    const today = dutchToday();
    const created = await this.client.postJson(`${this.config.url}/objects`, { type, record: { typeVersion: 1, data, startAt: today } }, objectSchema);
    return this.objectUrl(created.uuid);
  }

  /** Adds a record with `changes` merged into the data (JSON merge patch, as the API does). */
  async patchData(object: StoredObject, changes: Record<string, unknown>): Promise<void> {
    const today = dutchToday();
    // The owner's kept lists are dropped also when the change fails: it may have been made all the same.
    const owner = subjectOf(object.data);
    try {
      await this.client.patchJson(
        `${this.config.url}/objects/${object.uuid}`,
        { record: { typeVersion: object.typeVersion, data: changes, startAt: today } },
        objectSchema,
      );
    } finally {
      if (owner) this.answers?.forget('objecten', owner);
    }
  }
}
