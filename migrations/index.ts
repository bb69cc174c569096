/** All migrations, in order. Add a new one at the end; never change one that has shipped. */
import * as m0001 from './0001_sessions.ts';
import * as m0002 from './0002_gegevens.ts';
import * as m0003 from './0003_taken.ts';
import * as m0004 from './0004_jobs.ts';
import * as m0005 from './0005_notificaties.ts';
import * as m0006 from './0006_subject_language.ts';
import * as m0007 from './0007_notification_delivery.ts';
import * as m0008 from './0008_kept_forms.ts';
import * as m0009 from './0009_organisaties.ts';
import * as m0010 from './0010_organisatie_zaken.ts';
import * as m0011 from './0011_organisatie_webhooks.ts';
import * as m0012 from './0012_medewerkers.ts';
import * as m0013 from './0013_product_meldingen.ts';
import * as m0014 from './0014_aanvragen.ts';
import * as m0015 from './0015_aanvraag_bevestiging.ts';
import * as m0016 from './0016_readable_processing_log.ts';
import * as m0019 from './0019_leveranciersportaal.ts';
import * as m0020 from './0020_aanvraag_levering.ts';
import * as m0021 from './0021_bericht_archief.ts';
import * as m0022 from './0022_organisatie_bewaartermijnen.ts';
import * as m0023 from './0023_bijlagen_in_s3.ts';
import * as m0024 from './0024_vraag_verzendingen.ts';
import * as m0025 from './0025_ongelezen_berichten.ts';
import * as m0026 from './0026_berichten_partities.ts';
import * as m0027 from './0027_vraag_bevestigingen.ts';
import * as m0028 from './0028_resultaat_opslag.ts';
import * as m0031 from './0031_berichten_inbox_index.ts';
import * as m0032 from './0032_berichten_afzenders.ts';
import * as m0033 from './0033_resultaten_verdeeld.ts';
import * as m0034 from './0034_afzenders_met_datum.ts';
import * as m0035 from './0035_bijlagen_niet_gecomprimeerd.ts';
import * as m0036 from './0036_organisatie_certificaten.ts';

export const migrations = {
  '0001_sessions': m0001,
  '0002_gegevens': m0002,
  '0003_taken': m0003,
  '0004_jobs': m0004,
  '0005_notificaties': m0005,
  '0006_subject_language': m0006,
  '0007_notification_delivery': m0007,
  '0008_kept_forms': m0008,
  '0009_organisaties': m0009,
  '0010_organisatie_zaken': m0010,
  '0011_organisatie_webhooks': m0011,
  '0012_medewerkers': m0012,
  '0013_product_meldingen': m0013,
  '0014_aanvragen': m0014,
  '0015_aanvraag_bevestiging': m0015,
  '0016_readable_processing_log': m0016,
  '0019_leveranciersportaal': m0019,
  '0020_aanvraag_levering': m0020,
  '0021_bericht_archief': m0021,
  '0022_organisatie_bewaartermijnen': m0022,
  '0023_bijlagen_in_s3': m0023,
  '0024_vraag_verzendingen': m0024,
  '0025_ongelezen_berichten': m0025,
  '0026_berichten_partities': m0026,
  '0027_vraag_bevestigingen': m0027,
  '0028_resultaat_opslag': m0028,
  '0031_berichten_inbox_index': m0031,
  '0032_berichten_afzenders': m0032,
  '0033_resultaten_verdeeld': m0033,
  '0034_afzenders_met_datum': m0034,
  '0035_bijlagen_niet_gecomprimeerd': m0035,
  '0036_organisatie_certificaten': m0036,
};
