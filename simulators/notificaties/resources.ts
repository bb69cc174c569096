/**
 * Kanalen, abonnementen and notificaties: what is stored, how request bodies are checked (the
 * spec's schemas, with Open Notificaties' own rules and Dutch DRF messages), and which
 * abonnementen a notificatie goes to (Open Notificaties' FilterGroup.match_pattern).
 */
import type { Notificatie } from '../zgw/index.ts';
import type { InvalidParam } from './http.ts';

export interface KanaalRecord {
  uuid: string;
  naam: string;
  documentatieLink: string;
  filters: string[];
}

export interface FilterGroup {
  naam: string;
  filters: Record<string, string>;
}

export interface AbonnementRecord {
  uuid: string;
  callbackUrl: string;
  auth: string;
  kanalen: FilterGroup[];
  /** The client that created it; only that client may change or delete it. */
  clientId: string;
}

/** The kanalen Open Zaak and the Objecten API register, with their kenmerken as filters. */
export const seedKanalen: Omit<KanaalRecord, 'uuid'>[] = [
  { naam: 'zaken', documentatieLink: 'https://open-zaak.readthedocs.io/en/stable/', filters: ['bronorganisatie', 'zaaktype', 'vertrouwelijkheidaanduiding'] },
  {
    naam: 'documenten',
    documentatieLink: 'https://open-zaak.readthedocs.io/en/stable/',
    filters: ['bronorganisatie', 'informatieobjecttype', 'vertrouwelijkheidaanduiding'],
  },
  { naam: 'objecten', documentatieLink: 'https://objects-and-objecttypes-api.readthedocs.io/', filters: ['object_type'] },
];

// --- checks of request bodies ----------------------------------------------------------------

const messages = {
  required: 'Dit veld is vereist.',
  blank: 'Dit veld mag niet leeg zijn.',
  url: 'Voer een geldige URL in.',
  string: 'Geen geldige string.',
  datetime: 'Datetime heeft een ongeldig formaat, gebruik 1 van de volgende formaten: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  maxLength: (n: number) => `Zorg ervoor dat dit veld niet meer dan ${n} karakters bevat.`,
  notADict: (value: unknown) => `Verwachtte een dictionary van items, maar kreeg type "${typeName(value)}".`,
  notAList: (value: unknown) => `Verwachtte een lijst met items, maar kreeg type "${typeName(value)}".`,
};

const typeName = (value: unknown) =>
  value === null
    ? 'NoneType'
    : Array.isArray(value)
      ? 'list'
      : typeof value === 'number'
        ? 'int'
        : typeof value === 'boolean'
          ? 'bool'
          : typeof value === 'string'
            ? 'str'
            : 'dict';

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** DRF's answer to a body that is not a JSON object. */
export function notAnObject(body: unknown): InvalidParam[] {
  return [{ name: 'nonFieldErrors', code: 'invalid', reason: `Ongeldige data. Verwacht een dictionary, kreeg een ${typeName(body)}.` }];
}

/** Collects FieldValidationErrors while checking the fields of one body. */
class Checker {
  constructor(
    private readonly body: Record<string, unknown>,
    /** PATCH: fields that are absent are not required. */
    private readonly partial = false,
    /** For a nested object: its place in the body, e.g. "kanalen.0.". */
    private readonly prefix = '',
    readonly errors: InvalidParam[] = [],
  ) {}

  private add(name: string, code: string, reason: string): undefined {
    this.errors.push({ name: `${this.prefix}${name}`, code, reason });
    return undefined;
  }

  /** A CharField: a string (numbers are taken as text, as DRF does), not blank unless allowed. */
  text(name: string, options: { required?: boolean; maxLength?: number; allowBlank?: boolean } = {}, value: unknown = this.body[name]): string | undefined {
    if (value === undefined) return options.required && !this.partial ? this.add(name, 'required', messages.required) : undefined;
    if (value === null) return this.add(name, 'null', messages.blank);
    if (typeof value !== 'string' && typeof value !== 'number') return this.add(name, 'invalid', messages.string);
    const text = String(value);
    if (text.trim() === '' && !options.allowBlank) return this.add(name, 'blank', messages.blank);
    if (options.maxLength !== undefined && text.length > options.maxLength) return this.add(name, 'max_length', messages.maxLength(options.maxLength));
    return text;
  }

  /** A URLField (Django's URLValidator: http or https, with a host). */
  url(name: string, options: { required?: boolean; maxLength?: number; allowBlank?: boolean } = {}): string | undefined {
    const text = this.text(name, options);
    if (text === undefined || (text === '' && options.allowBlank)) return text;
    let parsed: URL | undefined;
    try {
      parsed = new URL(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '' || /\s/.test(text)) return this.add(name, 'invalid', messages.url);
    return text;
  }

  dateTime(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.body[name];
    if (value === undefined) return options.required && !this.partial ? this.add(name, 'required', messages.required) : undefined;
    if (
      typeof value !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(value) ||
      Number.isNaN(Date.parse(value))
    ) {
      return this.add(name, 'invalid', messages.datetime);
    }
    return value;
  }

  /** A DictField of CharFields (kenmerken, filters). */
  dict(name: string, options: { required?: boolean; maxLength: number }, value: unknown = this.body[name]): Record<string, string> | undefined {
    if (value === undefined) return options.required && !this.partial ? this.add(name, 'required', messages.required) : undefined;
    if (!isObject(value)) return this.add(name, 'not_a_dict', messages.notADict(value));
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      const text = this.text(`${name}.${key}`, { required: true, maxLength: options.maxLength }, item);
      if (text !== undefined) result[key] = text;
    }
    return result;
  }

  list(name: string, options: { required?: boolean } = {}): unknown[] | undefined {
    const value = this.body[name];
    if (value === undefined) return options.required && !this.partial ? this.add(name, 'required', messages.required) : undefined;
    if (!Array.isArray(value)) return this.add(name, 'not_a_list', messages.notAList(value));
    return value;
  }

  /** A checker for a nested object (an item of a list), reporting into the same errors. */
  nested(name: string, value: unknown): Checker | undefined {
    if (!isObject(value)) return this.add(name, 'invalid', `Ongeldige data. Verwacht een dictionary, kreeg een ${typeName(value)}.`);
    return new Checker(value, false, `${this.prefix}${name}.`, this.errors);
  }
}

export interface KanaalInput {
  naam: string;
  documentatieLink: string;
  filters: string[];
}

export function checkKanaal(body: Record<string, unknown>, existing: KanaalRecord[]): { value?: KanaalInput; errors: InvalidParam[] } {
  const check = new Checker(body);
  const naam = check.text('naam', { required: true, maxLength: 50 });
  const documentatieLink = check.url('documentatieLink', { maxLength: 200, allowBlank: true }) ?? '';
  const filters: string[] = [];
  check.list('filters')?.forEach((item, index) => {
    const text = check.text(`filters.${index}`, { required: true, maxLength: 100 }, item);
    if (text !== undefined) filters.push(text);
  });
  if (naam !== undefined && existing.some((k) => k.naam === naam)) check.errors.push({ name: 'naam', code: 'unique', reason: 'Dit veld moet uniek zijn.' });
  if (check.errors.length > 0 || naam === undefined) return { errors: check.errors };
  return { value: { naam, documentatieLink, filters }, errors: [] };
}

export interface AbonnementInput {
  callbackUrl?: string;
  auth?: string;
  kanalen?: FilterGroup[];
}

/** The fields of an abonnement (all required, except with `partial`), and its kanalen's filters. */
export function checkAbonnement(body: Record<string, unknown>, partial: boolean): { value?: AbonnementInput; errors: InvalidParam[] } {
  const check = new Checker(body, partial);
  const callbackUrl = check.url('callbackUrl', { required: true, maxLength: 200 });
  const auth = check.text('auth', { required: true, maxLength: 1000 });
  let kanalen: FilterGroup[] | undefined;
  const groups = check.list('kanalen', { required: true });
  if (groups) {
    kanalen = [];
    groups.forEach((group, index) => {
      const nested = check.nested(`kanalen.${index}`, group);
      if (!nested) return;
      const naam = nested.text('naam', { required: true });
      const filters = nested.dict('filters', { maxLength: 1000 }) ?? {};
      if (naam !== undefined) kanalen!.push({ naam, filters });
    });
  }
  if (check.errors.length > 0) return { errors: check.errors };
  return {
    value: { ...(callbackUrl !== undefined ? { callbackUrl } : {}), ...(auth !== undefined ? { auth } : {}), ...(kanalen !== undefined ? { kanalen } : {}) },
    errors: [],
  };
}

/** Open Notificaties' Kanaal.match_filter_names: the names are a subset or a superset of the kanaal's filters. */
export function consistentNames(kanaal: KanaalRecord, names: string[]): boolean {
  const own = new Set(kanaal.filters);
  const given = new Set(names);
  return [...own].every((n) => given.has(n)) || [...given].every((n) => own.has(n));
}

/** The kanalen of an abonnement must exist, and its filters must fit each kanaal's. */
export function checkKanalen(kanalen: FilterGroup[], known: KanaalRecord[]): InvalidParam[] {
  for (const group of kanalen) {
    const kanaal = known.find((k) => k.naam === group.naam);
    if (!kanaal) return [{ name: 'naam', code: 'kanaal_naam', reason: 'Kanaal met deze naam bestaat niet.' }];
    if (Object.keys(group.filters).length > 0 && !consistentNames(kanaal, Object.keys(group.filters))) {
      return [{ name: 'filters', code: 'inconsistent-abonnement-filters', reason: "abonnement filters aren't consistent with kanaal filters" }];
    }
  }
  return [];
}

/** snake_case to camelCase, as djangorestframework-camel-case does for keys. */
export const camelize = (key: string) => key.replace(/_([a-z0-9])/g, (_match, c: string) => c.toUpperCase());

/**
 * A notificatie as posted, checked against the spec's Message and Open Notificaties' rules (the
 * kanaal exists; the kenmerken fit its filters). The result is what Open Notificaties answers
 * and forwards: kenmerken always present, their names in camelCase.
 */
export function checkMessage(body: unknown, known: KanaalRecord[]): { value?: Notificatie; errors: InvalidParam[] } {
  if (!isObject(body)) return { errors: notAnObject(body) };
  const check = new Checker(body);
  const kanaal = check.text('kanaal', { required: true, maxLength: 50 });
  const hoofdObject = check.url('hoofdObject', { required: true });
  const resource = check.text('resource', { required: true, maxLength: 100 });
  const resourceUrl = check.url('resourceUrl', { required: true });
  const actie = check.text('actie', { required: true, maxLength: 100 });
  const aanmaakdatum = check.dateTime('aanmaakdatum', { required: true });
  const kenmerken = check.dict('kenmerken', { maxLength: 1000 }) ?? {};
  if (check.errors.length > 0) return { errors: check.errors };

  const record = known.find((k) => k.naam === kanaal);
  if (!record) return { errors: [{ name: 'kanaal', code: 'message_kanaal', reason: 'Kanaal met deze naam bestaat niet.' }] };
  if (!consistentNames(record, Object.keys(kenmerken))) {
    return { errors: [{ name: 'kenmerken', code: 'kenmerken_inconsistent', reason: "Kenmerken aren't consistent with kanaal filters" }] };
  }
  return {
    value: {
      kanaal: kanaal!,
      hoofdObject: hoofdObject!,
      resource: resource!,
      resourceUrl: resourceUrl!,
      actie: actie!,
      aanmaakdatum: aanmaakdatum!,
      kenmerken: Object.fromEntries(Object.entries(kenmerken).map(([k, v]) => [camelize(k), v])),
    },
    errors: [],
  };
}

/** FilterGroup.match_pattern: every filter on a kenmerk the notificatie has must match it, or be '*'. */
export function groupMatches(group: FilterGroup, notificatie: Notificatie): boolean {
  if (group.naam !== notificatie.kanaal) return false;
  const kenmerken = new Map(Object.entries(notificatie.kenmerken ?? {}).map(([k, v]) => [camelize(k), v]));
  return Object.entries(group.filters).every(([key, value]) => {
    const actual = kenmerken.get(camelize(key));
    return actual === undefined || value === '*' || value === actual;
  });
}
