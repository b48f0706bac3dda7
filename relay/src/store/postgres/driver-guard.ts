// [Note: postgres.js write after close] postgres.js 3.4.9 can throw from a timer when PostgreSQL
// drops a connection in the middle of a transaction (pg_terminate_backend, a failover, a restart):
// connection.js schedules a buffered write with setImmediate, the socket closes and is set to null,
// and the write then runs `socket.write` on null. The query itself has already been rejected (the
// request answered 503 store_unavailable) and the pool reconnects for the next one, so that one
// TypeError is logged and dropped instead of ending the process. Any other uncaught error still ends
// the relay as Node would (stack on stderr, exit code 1). Installed by server.ts with `--meta`.

export function isDriverWriteAfterClose(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  return /reading 'write'/.test(error.message) && /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '');
}

export function installDriverGuard(): void {
  process.on('uncaughtException', (error) => {
    if (isDriverWriteAfterClose(error)) {
      console.error('relay: a PostgreSQL connection closed mid-write; the pool reconnects');
      return;
    }
    console.error(error);
    process.exit(1);
  });
}
