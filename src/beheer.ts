/**
 * `npm run beheer -- <command>`: what operators need to watch notifications.
 *   status          jobs per queue (pending, running, failed, age of the oldest) and messages per
 *                   channel, state and delivery status (what Notify said became of them)
 *   failed          failed jobs with their reason, messages Notify refused or that were not sent,
 *                   and messages that did not arrive (Notify's permanent-, temporary- or technical-failure)
 *   retry <job id>  puts a failed job back in the queue
 *   organisatie <id> <naam> <jwks.json>
 *                   connects an organisation to the organisation API (ORGANISATIE_API), or replaces
 *                   its name and public keys (key rotation: a JWK Set with the new key next to the old)
 *   organisatie-webhook <id> <https url> | <id> geen
 *                   sets the organisation's webhook and prints its new signing secret (once), or removes it
 *   organisatie-bewaartermijn <id> <dagen> | geen [berichtType]
 *                   how many days after their publicatiedatum the organisation's berichten (of this
 *                   berichtType; without one: of every type without a term of its own) are deleted,
 *                   with their attachments; geen keeps them
 *   medewerkers-audit <from YYYY-MM-DD> <to YYYY-MM-DD> [csv|json] [bsn <BSN> | kvk <KvK number>]
 *                   the medewerkersportaal's internal audit log of those days (to inclusive), for the
 *                   privacy officer: who looked at whose data (keyed hash), when, why; one person's or
 *                   company's rows when a number is given (e.g. for a request under the AVG)
 *   formulieren <URL of the FormIO object type> | <formulier.json>
 *                   for each form definition in the Objecten API (or the one in the file): whether
 *                   Voordeur can show it as the form of a taak, and why not
 *   aanvragen       the aanvragen received and not yet delivered to the back office (kenmerk, route, when)
 * Output never contains a BSN, an e-mail address or a phone number: people are keyed hashes.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { printUndelivered } from './features/aanvragen/beheer.ts';
import { auditExport } from './features/medewerkers/beheer.ts';
import { failures, status } from './features/notificaties/beheer.ts';
import { formInFile, formsInObjecten, printReports } from './features/taken/formio/beheer.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { JobQueue } from './platform/queue/queue.ts';
import { Metrics } from './platform/metrics.ts';
import { connectSources } from './sources/index.ts';
import { IdentityKeys } from './platform/identity-keys.ts';
import { AanvraagStore } from './sources/voordeur/aanvragen.ts';
import { Organisaties } from './sources/voordeur/organisaties.ts';
import { PublicAddresses } from './platform/http/public-address.ts';
import { berichtTypePattern, maxBewaarDagen, OrganisatieBewaartermijnen } from './sources/voordeur/organisatie-bewaartermijnen.ts';

const [command, argument] = process.argv.slice(2);
try {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const queue = new JobQueue(database.db);
  switch (command) {
    case 'status':
    case 'failed': {
      const { jobs, messages } = command === 'status' ? await status(database.db, queue) : await failures(database.db, queue);
      console.log('Jobs');
      console.table(jobs);
      console.log('Messages');
      console.table(messages);
      break;
    }
    case 'retry': {
      if (!argument) throw new Error('usage: npm run beheer -- retry <job id>');
      console.log(
        (await queue.retry(argument))
          ? `Job ${argument} is back in the queue.`
          : `Job ${argument} is not a failed job (or a job with its key is already waiting).`,
      );
      break;
    }
    case 'organisatie': {
      const [, id, naam, file] = process.argv.slice(2);
      if (!id || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(id) || !naam || !file)
        throw new Error('usage: npm run beheer -- organisatie <id: lower-case letters, digits, dashes> <naam> <jwks.json>');
      const jwks = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
      if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error(`${file} is not a JWK Set with at least one key`);
      // Only public keys: a private key does not belong here.
      if (jwks.keys.some((key) => typeof key !== 'object' || key === null || 'd' in key))
        throw new Error(`${file} holds a private key: give only the public keys`);
      await new Organisaties(database.db).save({ id, naam, jwks: { keys: jwks.keys as Record<string, unknown>[] } });
      console.log(`Organisation ${id} (${naam}) can now get tokens at <PUBLIC_URL>/api/v1/token with client assertions signed by these keys.`);
      break;
    }
    case 'organisatie-webhook': {
      const [, id, target] = process.argv.slice(2);
      if (!id || !target) throw new Error('usage: npm run beheer -- organisatie-webhook <id> <https url> | <id> geen');
      const organisaties = new Organisaties(database.db, new IdentityKeys(config.identityKeySecret));
      if (target === 'geen') {
        if (!(await organisaties.setWebhook(id, null))) throw new Error(`no organisation ${id}`);
        console.log(`Organisation ${id} has no webhook now.`);
        break;
      }
      const url = new URL(target);
      if (url.protocol !== 'https:' && !config.demoMode) throw new Error('the webhook must be an https URL');
      // Where the name leads now (it is checked again on each call).
      const where = await new PublicAddresses({ allowPrivate: config.organisatieApi?.privateAddresses ?? config.demoMode }).check(url.href);
      if (where !== 'public')
        throw new Error(
          where === 'private'
            ? `${url.hostname} resolves to an address that is not on the internet (ORGANISATIE_API_PRIVATE_ADDRESSES=true allows it, for a demo)`
            : `${url.hostname} cannot be resolved`,
        );
      const secret = randomBytes(32).toString('base64url');
      if (!(await organisaties.setWebhook(id, { url: url.href, secret }))) throw new Error(`no organisation ${id}`);
      console.log(`Organisation ${id}'s webhook is ${url.href}. Give the organisation this signing secret (shown once):\n${secret}`);
      break;
    }
    case 'organisatie-bewaartermijn': {
      const [, id, term, berichtType = ''] = process.argv.slice(2);
      const dagen = term === 'geen' ? null : Number(term);
      if (!id || (dagen !== null && !(Number.isInteger(dagen) && dagen >= 1 && dagen <= maxBewaarDagen)) || !berichtTypePattern.test(berichtType))
        throw new Error(`usage: npm run beheer -- organisatie-bewaartermijn <id> <dagen: 1 to ${maxBewaarDagen}> | geen [berichtType]`);
      if (!(await new OrganisatieBewaartermijnen(database.db).set(id, berichtType, dagen))) throw new Error(`no organisation ${id}`);
      const which = berichtType ? `berichten of type ${berichtType}` : 'berichten (of every type without a term of its own)';
      console.log(
        dagen === null
          ? `Organisation ${id}'s ${which} are kept.`
          : `Organisation ${id}'s ${which} are deleted ${dagen} days after their publicatiedatum, within the hour after.`,
      );
      break;
    }
    case 'formulieren': {
      // A FormIO object type in the Objecten API, or a form definition in a JSON file.
      if (!argument) throw new Error('usage: npm run beheer -- formulieren <URL of the FormIO object type> | <formulier.json>');
      const objecten = connectSources(config, new Metrics()).objecten;
      if (existsSync(argument)) process.stdout.write(printReports([formInFile(argument)], true));
      else if (!objecten) throw new Error('OBJECTEN_API_URL and OBJECTEN_TOKEN are needed to read the forms');
      else {
        const { reports, complete } = await formsInObjecten(objecten, argument);
        process.stdout.write(printReports(reports, complete));
      }
      break;
    }
    case 'aanvragen': {
      process.stdout.write(printUndelivered(await new AanvraagStore(database.db, new IdentityKeys(config.identityKeySecret)).undelivered()));
      break;
    }
    case 'medewerkers-audit': {
      process.stdout.write(await auditExport(database.db, new IdentityKeys(config.identityKeySecret), process.argv.slice(3)));
      break;
    }
    default:
      console.error(
        'usage: npm run beheer -- status | failed | retry <job id> | organisatie <id> <naam> <jwks.json> | organisatie-webhook <id> <url>|geen | organisatie-bewaartermijn <id> <dagen>|geen [berichtType] | medewerkers-audit <from> <to> [csv|json] [bsn <BSN>|kvk <nummer>] | formulieren <FormIO objecttype URL>|<file.json> | aanvragen',
      );
      process.exitCode = 2;
  }
  await database.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
}
