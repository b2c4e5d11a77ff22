import type Database from 'better-sqlite3';

const ROWS_PER_STATEMENT = 100;

export interface BatchInserter {
  add(...values: unknown[]): void;
  /** Writes the rows still pending; call before the transaction ends. */
  flush(): void;
}

/**
 * Inserts rows many at a time (`insert ... values (...), (...), ...`): one
 * native call per hundred rows instead of one per row, the bulk of the time
 * of writing a package of 100,000 cards. (Not for upserts: with `on
 * conflict`, a statement of many rows is slower than as many of one.)
 *
 * `insert` is the statement up to `values`, `row` one row's placeholders
 * (SQL expressions allowed).
 */
export function batchInserter(db: Database.Database, insert: string, row: string): BatchInserter {
  const perRow = row.split('?').length - 1;
  const statement = (rows: number) => db.prepare(`${insert} values ${Array(rows).fill(row).join(', ')}`);
  const full = statement(ROWS_PER_STATEMENT);
  let pending: unknown[] = [];
  return {
    add(...values: unknown[]): void {
      for (const value of values) pending.push(value);
      if (pending.length === perRow * ROWS_PER_STATEMENT) {
        full.run(pending);
        pending = [];
      }
    },
    flush(): void {
      if (pending.length > 0) statement(pending.length / perRow).run(pending);
      pending = [];
    },
  };
}
