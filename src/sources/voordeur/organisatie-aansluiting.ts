/**
 * What the leveranciersportaal shows an organisation of its connection, from Voordeur's own
 * database, always for that one organisation: its result codes per day (organisatie_resultaten),
 * its berichten not yet opened, its webhook calls that failed (jobs), and the audit log of changes
 * to the connection. Never a recipient: no BSN or KvK number is read here.
 */
import { sql } from 'kysely';
import { dutchToday } from '../../domain/calendar.ts';
import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';

/** The result codes of the organisation API, in the order the portal shows them. */
export const resultaatCodes = ['verwerkt', 'bestaatAl', 'ontvangerOnbekend', 'bijlageTeGroot', 'bijlageOngeldig', 'ongeldig', 'opslagNietBeschikbaar'] as const;
export type ResultaatCode = (typeof resultaatCodes)[number];

export interface DagResultaten {
  /** YYYY-MM-DD (Europe/Amsterdam). */
  dag: string;
  aantallen: Record<ResultaatCode, number>;
}

export interface OngeopendBericht {
  berichtId: string;
  onderwerp: string;
  publicatiedatum: Date;
}

export interface MisluktWebhook {
  jobId: string;
  /** failed: no more attempts; retrying: it will be tried again at `volgendePoging`. */
  staat: 'failed' | 'retrying';
  pogingen: number;
  maxPogingen: number;
  fout: string | null;
  volgendePoging: Date | null;
  type: string;
  berichtId: string | null;
}

export interface AuditRegel {
  tijdstip: Date;
  gebruikerNaam: string;
  handeling: string;
  detail: string | null;
}

const zeros = (): Record<ResultaatCode, number> => Object.fromEntries(resultaatCodes.map((code) => [code, 0])) as Record<ResultaatCode, number>;

export class OrganisatieAansluiting {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Adds a batch's refusals to today's counts, with `db` the transaction that stores the batch
   * (`verwerkt` is counted by the database in that transaction too: migration 0019).
   */
  async countRefusals(organisatieId: string, counts: Partial<Record<ResultaatCode, number>>, db: Db = this.db): Promise<void> {
    const rows = Object.entries(counts).filter(([code, aantal]) => code !== 'verwerkt' && (resultaatCodes as readonly string[]).includes(code) && aantal > 0);
    if (rows.length === 0) return;
    await db
      .insertInto('organisatie_resultaten')
      .values(
        rows.map(([resultaat, aantal]) => ({
          organisatie_id: organisatieId,
          dag: sql<string>`(now() at time zone 'Europe/Amsterdam')::date`,
          resultaat,
          // One of the day's parts, as the trigger counts `verwerkt` (migration 0033): batches on other connections do not wait for this one.
          deel: sql<number>`pg_backend_pid() % 16`,
          aantal,
        })) as never,
      )
      .onConflict((oc) =>
        oc.columns(['organisatie_id', 'dag', 'resultaat', 'deel']).doUpdateSet({ aantal: sql`organisatie_resultaten.aantal + excluded.aantal` }),
      )
      .execute();
  }

  /** The last `days` days up to today, newest first, each with its counts (0 where nothing was sent). */
  async perDag(organisatieId: string, days: number): Promise<DagResultaten[]> {
    const today = new Date(`${dutchToday(this.now())}T12:00:00Z`);
    const dagen = Array.from({ length: days }, (_, i) => new Date(today.getTime() - i * 86_400_000).toISOString().slice(0, 10));
    const rows = await this.db
      .selectFrom('organisatie_resultaten')
      .select([sql<string>`dag::text`.as('dag'), 'resultaat', 'aantal'])
      .where('organisatie_id', '=', organisatieId)
      .where('dag', '>=', dagen.at(-1)!)
      .execute();
    const byDay = new Map(dagen.map((dag) => [dag, zeros()]));
    for (const row of rows) {
      const counts = byDay.get(row.dag);
      if (counts && (resultaatCodes as readonly string[]).includes(row.resultaat)) counts[row.resultaat as ResultaatCode] += Number(row.aantal);
    }
    return dagen.map((dag) => ({ dag, aantallen: byDay.get(dag)! }));
  }

  /** Berichten published at least `days` days ago and not opened yet, oldest first; and how many there are in all. */
  async ongeopend(organisatieId: string, days: number, limit = 200): Promise<{ berichten: OngeopendBericht[]; totaal: number }> {
    const before = new Date(this.now().getTime() - days * 86_400_000);
    const base = this.db
      .selectFrom('organisatie_berichten')
      .where('organisatie_id', '=', organisatieId)
      .where('opened_at', 'is', null)
      .where('publicatiedatum', '<=', before);
    const [rows, total] = await Promise.all([
      base.select(['bericht_id', 'onderwerp', 'publicatiedatum']).orderBy('publicatiedatum', 'asc').orderBy('bericht_id').limit(limit).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      berichten: rows.map((row) => ({ berichtId: row.bericht_id, onderwerp: row.onderwerp, publicatiedatum: new Date(row.publicatiedatum) })),
      totaal: Number(total.n),
    };
  }

  /** The organisation's webhook calls of `queue` that failed for good, or failed and wait for another attempt; latest first. */
  async mislukteWebhooks(organisatieId: string, queue: string, limit = 100): Promise<MisluktWebhook[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select([sql<string>`id::text`.as('id'), 'state', 'attempts', 'max_attempts', 'last_error', 'run_at', 'payload', 'finished_at', 'created_at'])
      .where('queue', '=', queue)
      .where(sql<string>`payload->>'organisatieId'`, '=', organisatieId)
      .where((eb) => eb.or([eb('state', '=', 'failed'), eb.and([eb('state', '=', 'pending'), eb('attempts', '>', 0)])]))
      .orderBy(sql`coalesce(finished_at, run_at)`, 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { type?: unknown; berichtId?: unknown };
      return {
        jobId: row.id,
        staat: row.state === 'failed' ? 'failed' : 'retrying',
        pogingen: row.attempts,
        maxPogingen: row.max_attempts,
        fout: row.last_error,
        volgendePoging: row.state === 'failed' ? null : new Date(row.run_at),
        type: typeof payload.type === 'string' ? payload.type : '',
        berichtId: typeof payload.berichtId === 'string' ? payload.berichtId : null,
      };
    });
  }

  /** Puts a webhook call that failed for good back in the queue; false when it is not this organisation's, or not failed. */
  async opnieuwProberen(organisatieId: string, queue: string, jobId: string, jobs: JobQueue): Promise<boolean> {
    if (!/^\d{1,18}$/.test(jobId)) return false;
    const own = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('id', '=', jobId)
      .where('queue', '=', queue)
      .where('state', '=', 'failed')
      .where(sql<string>`payload->>'organisatieId'`, '=', organisatieId)
      .executeTakeFirst();
    return own ? jobs.retry(jobId) : false;
  }

  /** Records a change to the connection, with who made it. */
  async audit(organisatieId: string, gebruiker: { id: string; naam: string }, handeling: string, detail?: string): Promise<void> {
    await this.db
      .insertInto('organisatie_audit')
      .values({ organisatie_id: organisatieId, gebruiker_id: gebruiker.id, gebruiker_naam: gebruiker.naam, handeling, detail: detail ?? null })
      .execute();
  }

  /** The latest changes to the connection. */
  async auditLog(organisatieId: string, limit = 50): Promise<AuditRegel[]> {
    const rows = await this.db
      .selectFrom('organisatie_audit')
      .select(['occurred_at', 'gebruiker_naam', 'handeling', 'detail'])
      .where('organisatie_id', '=', organisatieId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ tijdstip: new Date(row.occurred_at), gebruikerNaam: row.gebruiker_naam, handeling: row.handeling, detail: row.detail }));
  }
}
