// Shared by the test servers (server.mjs, api.mjs, entra.mjs): how they stop. SIGTERM, SIGINT
// and SIGHUP close the server and exit 0 (at most 1 s later, even with connections open); with
// exitOnStdinClose the server also stops when stdin reaches EOF, so a test that spawns it with a
// piped stdin takes it down even when the test panics. A closed stdout (EPIPE) is ignored:
// stdout only ever carries the one ready line.
export function stopOnSignals(server, { exitOnStdinClose = false } = {}) {
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(code));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(code), 1000).unref();
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  process.on('SIGHUP', () => stop(0));
  if (exitOnStdinClose) {
    process.stdin.on('end', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.resume();
  }
  process.stdout.on('error', () => {});
  return stop;
}
