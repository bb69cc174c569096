/** Production entry point: `npm run start:production` (node scripts/run.mjs src/server.ts). */
import { ConfigError } from './config.ts';
import { main } from './main.ts';

try {
  await main();
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Voordeur could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
