// The Windows build's SQLite: the part of better-sqlite3's API the helper uses (new Database(file),
// pragma, exec, prepare().run/get/all, transaction) over node-sqlite3-wasm, SQLite compiled to
// WebAssembly with real file access, whose npm package needs no binary of its own
// ([Note: Native modules in the Windows build], native-modules.ts). Bundled into the executable;
// node-sqlite3-wasm itself is installed beside it. Its VFS has no shared memory, so a request for
// WAL keeps the rollback journal: still one atomic transaction per step, only slower.

/** What node-sqlite3-wasm's Database offers (its own node-sqlite3-wasm.d.ts, trimmed). */
export interface WasmDatabase {
  exec(sql: string): void;
  run(sql: string, values?: unknown[]): unknown;
  get(sql: string, values?: unknown[]): unknown;
  all(sql: string, values?: unknown[]): unknown[];
  close(): void;
  readonly inTransaction: boolean;
}
export interface WasmSqlite { Database: new (file: string) => WasmDatabase }

export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface BetterSqliteLike {
  pragma(source: string): unknown[];
  exec(sql: string): BetterSqliteLike;
  prepare(sql: string): Statement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

export function betterSqliteOnWasm(wasm: WasmSqlite): new (file: string) => BetterSqliteLike {
  return class Database implements BetterSqliteLike {
    private readonly db: WasmDatabase;
    private depth = 0;

    constructor(file: string) {
      this.db = new wasm.Database(file);
    }

    pragma(source: string): unknown[] {
      return this.db.all(`PRAGMA ${source}`);
    }

    exec(sql: string): BetterSqliteLike {
      this.db.exec(sql);
      return this;
    }

    prepare(sql: string): Statement {
      const db = this.db;
      return {
        run: (...params) => {
          db.run(sql, params);
          const row = db.get('SELECT changes() AS n') as { n: number };
          return { changes: row.n };
        },
        // better-sqlite3 answers undefined for no row; node-sqlite3-wasm answers null.
        get: (...params) => db.get(sql, params) ?? undefined,
        all: (...params) => db.all(sql, params),
      };
    }

    /** As better-sqlite3's: all or nothing, nested calls as savepoints. */
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      return (...args: A): R => {
        const savepoint = `veilbox_${this.depth}`;
        this.db.exec(this.depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
        this.depth++;
        try {
          const result = fn(...args);
          this.depth--;
          this.db.exec(this.depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
          return result;
        } catch (error) {
          this.depth--;
          this.db.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw error;
        }
      };
    }

    close(): void {
      this.db.close();
    }
  };
}
