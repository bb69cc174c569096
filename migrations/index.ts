/** All migrations, in order. Add a new one at the end; never change one that has shipped. */
import * as m0001 from './0001_sessions.ts';

export const migrations = {
  '0001_sessions': m0001,
};
