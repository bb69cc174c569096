// Counts the SQL PGlite runs (by statement text, first 90 characters) and prints it at exit.
import { PGlite } from '@electric-sql/pglite';
const counts = new Map();
for (const method of ['query', 'exec']) {
  const original = PGlite.prototype[method];
  PGlite.prototype[method] = function (sql, ...rest) {
    const key = `${method}: ${String(sql).replace(/\s+/g, ' ').slice(0, 110)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.call(this, sql, ...rest);
  };
}
setInterval(() => {
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.error('SQL counts:', JSON.stringify(top, null, 1));
  counts.clear();
}, 6000).unref();
