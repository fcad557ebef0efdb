// ordo's HTTP/1.1 transport: an event-driven server (Boost.Beast's parser on Boost.Asio) that reads requests
// under deadlines and limits, and runs handlers on two bounded worker pools ("lanes"), separate from I/O.
// It knows nothing of ordo's API: src/server plugs its route table in as the Handler. docs/http-transport.md
// says why Beast and what was measured.
//
// Threads: I/O threads (Limits::io_threads) accept, read, parse and write; they call the Classifier and the
// ErrorRenderer. Worker threads (Limits::cheap_workers + expensive_workers) call the Handler. All three
// callbacks must therefore be thread-safe; none may block an I/O thread (the Classifier looks at the
// request only).
#ifndef ORDO_HTTP_SERVER_H_
#define ORDO_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"
#include "ordo/status.h"

namespace ordo::http {

// The number of cores (std::thread::hardware_concurrency), at least 2 and at most 16.
int DefaultCheapWorkers();

struct Limits {
  // Connections open at once. At the limit, the longest-idle keep-alive connection is closed to admit a new
  // one; when none is idle, the new connection is answered 503 and closed. Each connection is a file
  // descriptor: the process's RLIMIT_NOFILE must be above this (see RaiseOpenFileLimit). Default: 4,096.
  size_t max_connections = 4096;
  // Connections open at once from one client address; a connection beyond it is answered 429 and closed.
  // 0 = no limit. Default: 0 (off, so that a load test from loopback is not refused).
  size_t max_connections_per_client = 0;
  // Listen backlog, for bursts of connections that arrive faster than they are accepted. Capped at SOMAXCONN
  // (and by the kernel at net.core.somaxconn). Default: 1,024.
  int backlog = 1024;
  // From a connection's accept (first request) or from the first byte of a later request, until the end of
  // the request's header. A deadline: data arriving does not restart it. Beyond it: 408 and close, or a silent
  // close when nothing of the request had arrived. Default: 10 s.
  std::chrono::milliseconds header_timeout{10'000};
  // From the same start until the last byte of the body: a deadline too, 408 beyond. Default: 30 s.
  std::chrono::milliseconds request_timeout{30'000};
  // How long a keep-alive connection may wait for its next request; then it is closed silently. Default: 5 s.
  std::chrono::milliseconds keep_alive_timeout{5'000};
  // To write one response; a client that reads slower is disconnected. Default: 30 s.
  std::chrono::milliseconds write_timeout{30'000};
  // Request line and header fields together. Beyond: 414 when the request line alone is longer, else 431;
  // then close. Default: 16 KiB. (Up to one read, 4 KiB, beyond it may be read before the refusal.)
  size_t max_header_bytes = 16 * 1024;
  // The body, after chunked framing is removed. Checked while reading: a Content-Length above it is refused
  // before any body byte is read, and a chunked body as soon as its chunk sizes add up to more; the answer is
  // 413 and the connection is closed. Default: 1 MiB.
  size_t max_body_bytes = 1 << 20;
  // Threads running the event loop. Default: 1 (62k requests/s at 16 connections here, docs/http-transport.md).
  int io_threads = 1;
  // Threads running handlers of the cheap lane. Default: DefaultCheapWorkers(), the number of cores (2-16).
  int cheap_workers = DefaultCheapWorkers();
  // Threads running handlers of the expensive lane; cheap requests never wait behind these. Default: 2.
  int expensive_workers = 2;
  // Requests that may wait for a worker in each lane; beyond it a request is answered 503 with Retry-After.
  // Default: 1,024.
  size_t max_queued_per_lane = 1024;
  // From the end of a request's reading until its answer. A request whose handler has not answered by then
  // (waiting in its lane included) is answered 504; the handler's late result is dropped. Default: 10 s.
  std::chrono::milliseconds handler_time_limit{10'000};
};

// Answers a request; called on a worker thread. An exception it throws becomes a 500.
using Handler = std::function<Response(const Request&)>;
// Chooses the lane of a request, on an I/O thread, before its handler runs. Must be cheap.
using Classifier = std::function<Lane(const Request&)>;
// Builds the responses the transport sends itself: 400 (malformed request, bad target), 408, 413, 414, 429,
// 431, 500 (handler threw), 503 (connection limit or lane full), 504 (handler time limit), 505. `code_name` is
// ordo's CodeName ("invalid", "limit", "internal"); `message` says what happened, in words, with the limit.
// The status and the Connection, Retry-After and Content-Length fields are the transport's, whatever the
// renderer sets. Called on an I/O thread; an exception it throws falls back to a built-in JSON body.
using ErrorRenderer = std::function<Response(int status, const char* code_name, const std::string& message)>;

// Counters since Create, for tests and monitoring.
struct Stats {
  size_t connections_accepted = 0;  // admitted under the limits
  size_t connections_refused = 0;   // answered 503/429 at accept, or closed outright when refusing too many
  size_t connections_evicted = 0;   // idle keep-alive connections closed to make room
  size_t connections_open = 0;      // admitted and not yet closed
  size_t requests = 0;              // answered by the handler
  size_t requests_rejected = 0;     // 503: lane full
  size_t requests_timed_out = 0;    // 504: handler time limit
  size_t bytes_read = 0;            // read from clients, before any 4xx that closes the connection
  size_t bytes_discarded = 0;       // read and dropped after such a 4xx, so that the client sees the answer
};

class Server {
 public:
  // Binds `listen` ("127.0.0.1", "::1", "0.0.0.0", a host name) and `port` (0: any free port) with
  // SO_REUSEADDR and listens; does not serve yet. Fails with kInvalid for bad limits, an empty handler or an
  // unresolvable address, and with kIo when the port cannot be bound (another server listens on it).
  // An empty classifier puts every request in the cheap lane; an empty renderer uses a built-in JSON body
  // {"error": {"code", "message", "notes": []}}.
  static Result<std::unique_ptr<Server>> Create(const std::string& listen, int port, const Limits& limits,
                                                Handler handler, Classifier classifier, ErrorRenderer errors);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts the I/O and worker threads; returns at once. Connections that arrived since Create are served
  // from the backlog. Idempotent; does nothing after Stop().
  void Start();
  // Stops accepting, closes every connection, drops requests still waiting in a lane, waits for running
  // handlers to return, and joins every thread. No callback runs after it returns. Idempotent, thread-safe.
  // REQUIRES: not called from a callback.
  void Stop();

  // The port bound (useful after port 0).
  int port() const;
  Stats stats() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Raises this process's soft RLIMIT_NOFILE to `wanted` (at most the hard limit); returns the soft limit now
// in force. Serving N connections needs about N + 64 descriptors. Fails with kIo when getrlimit/setrlimit do.
Result<size_t> RaiseOpenFileLimit(size_t wanted);

}  // namespace ordo::http

#endif  // ORDO_HTTP_SERVER_H_
