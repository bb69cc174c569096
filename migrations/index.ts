/** All migrations, in order. Add a new one at the end; never change one that has shipped. */
import * as m0001 from './0001_sessions.ts';
import * as m0002 from './0002_gegevens.ts';
import * as m0003 from './0003_taken.ts';

export const migrations = {
  '0001_sessions': m0001,
  '0002_gegevens': m0002,
  '0003_taken': m0003,
};
