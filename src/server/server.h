// `ordo serve`: the HTTP API (docs/http.md) and the web UI (web/) over one database.
//
// The server is thin: every route of the table in server/api.h parses its query, calls the
// public API (ordo/database.h, ordo/lang.h) or the domain layer and answers with a shape of
// present/json.h, the same the CLI prints, so `ordo show --json` and `GET /api/entity/ID` print
// the same objects.
#ifndef ORDO_SERVER_SERVER_H_
#define ORDO_SERVER_SERVER_H_

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "http/server.h"
#include "ordo/status.h"

namespace ordo::server {

struct ServeOptions {
  // The database file to serve; it must exist (load it first with `ordo load`). Default: ordo.db.
  std::string db_path = "ordo.db";
  // Address to bind. Default: loopback only.
  std::string listen = "127.0.0.1";
  // TCP port; 0 picks a free one (tests). Default: 8080.
  int port = 8080;
  // When non-empty, POST /api/orders applies orders sent with "Authorization: Bearer TOKEN" and
  // the database is opened for writing. Empty: read-only, POST answers 405. Default: empty.
  std::string write_token;
  // Names a request's Host header may carry besides the address served (and, on loopback,
  // "localhost"); a request naming another host is refused with 421, so that a page of another
  // site cannot reach the server through DNS rebinding. Default: none.
  std::vector<std::string> allow_hosts;
  // Directory of the built web UI. Empty: web/dist next to the binary's source tree
  // (<exe>/../web/dist, then ./web/dist); when none exists only the API is served.
  std::string web_root;
  // Largest request body accepted, chunked or not: the request is refused (413) once more has
  // been read. Default: 1 MiB.
  size_t max_body_bytes = 1 << 20;
  // Largest answer of one query (Options::max_result_rows); larger ones get 413. Default: 100,000.
  size_t max_result_rows = 100000;
  // Largest `limit` of /api/search. Default: 1,000.
  size_t max_search_results = 1000;
  // Connections open at once; at the limit the longest-idle keep-alive connection is closed to
  // admit a new one. Default: 4,096.
  size_t max_connections = 4096;
  // Connections open at once from one client address (429 beyond); 0 = no limit. Default: 0, so
  // that a load test from loopback is not refused.
  size_t max_connections_per_client = 0;
  // Threads answering cheap requests (entity, members, search, …). 0: one per core (2-16).
  int workers = 0;
  // Threads answering expensive requests (statements, snapshot, diff, map, …), so that cheap ones
  // never wait behind them. Default: 2.
  int expensive_workers = 2;
  // Time from a request's last byte to its answer; beyond it the answer is 504. Default: 10 s.
  int time_limit_ms = 10000;
  // Time to read a request's header, and its whole body: deadlines that data arriving does not
  // restart (408 beyond). Defaults: 10 s and 30 s.
  int header_timeout_ms = 10000;
  int request_timeout_ms = 30000;
  // Bytes of answers kept (server/cache.h): a read is answered from the cache while the record
  // is unchanged. 0 disables it. Default: 64 MiB.
  size_t cache_bytes = 64u << 20;
};

// A running server: listens on a background thread until Stop() or destruction.
// Usable in-process (tests start it on port 0 and read port()).
class Server {
 public:
  // Opens the database and binds the socket; fails with kIo/kInvalid naming the cause
  // (missing database, port in use, unreadable web root). Does not serve yet.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts answering requests on background threads (one event loop, two worker pools:
  // src/http/server.h). REQUIRES: called once.
  void Start();
  // Stops listening, closes every connection, waits for running requests; idempotent.
  void Stop();

  int port() const;
  // The transport's counters (connections, requests, bytes read).
  http::Stats TransportStats() const;
  // "http://127.0.0.1:8080/"
  std::string url() const;
  // The web root in use; empty when no web UI is served.
  const std::string& web_root() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs `ordo serve`: opens, prints the address to open on `out`, and blocks until SIGINT or
// SIGTERM. Returns the process exit code: 0 after a clean stop, 2 when it could not start
// (the reason is on `err`).
int Serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ordo::server

#endif  // ORDO_SERVER_SERVER_H_
