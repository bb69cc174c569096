/**
 * `npm run beheer -- <command>`: what operators need to watch notifications.
 *   status          jobs per queue (pending, running, failed, age of the oldest) and messages per state
 *   failed          failed jobs with their reason, and messages Notify refused or that were not sent
 *   retry <job id>  puts a failed job back in the queue
 * Output never contains a BSN, an e-mail address or a phone number: people are keyed hashes.
 */
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { JobQueue } from './platform/queue/queue.ts';

const [command, argument] = process.argv.slice(2);
try {
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const queue = new JobQueue(database.db);
  const db = database.db;
  switch (command) {
    case 'status': {
      console.table(await queue.stats());
      console.table(await db.selectFrom('notification_messages').select(['channel', 'state', (eb) => eb.fn.countAll<string>().as('messages')]).groupBy(['channel', 'state']).execute());
      break;
    }
    case 'failed': {
      console.table((await queue.list('failed', { limit: 100 })).map((job) => ({ id: job.id, queue: job.queue, attempts: job.attempts, reason: job.lastError, since: job.createdAt.toISOString() })));
      console.table(
        await db
          .selectFrom('notification_messages')
          .select(['id', 'channel', 'state', 'reason', 'created_at'])
          .where('state', 'in', ['failed', 'sending'])
          .orderBy('created_at', 'desc')
          .limit(100)
          .execute(),
      );
      break;
    }
    case 'retry': {
      if (!argument) throw new Error('usage: npm run beheer -- retry <job id>');
      console.log((await queue.retry(argument)) ? `Job ${argument} is back in the queue.` : `Job ${argument} is not a failed job (or a job with its key is already waiting).`);
      break;
    }
    default:
      console.error('usage: npm run beheer -- status | failed | retry <job id>');
      process.exitCode = 2;
  }
  await database.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
}
