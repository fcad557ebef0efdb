// The HTTP transport (src/http) alone, for bench/http_bench.sh: every request is answered, in the cheap lane,
// with the same fixed JSON body of about 1.5 KB (the size of GET /api/entity/RU-MUR's answer).
//
//   http_bench_server [--port N] [--io-threads N] [--cheap-workers N]
// Prints "listening on 127.0.0.1:PORT" once it serves; stops on SIGINT or SIGTERM.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "http/server.h"

namespace {

std::string FixedBody() {
  std::string s = "{\"id\":\"RU-MUR\",\"kind\":\"oblast\",\"names\":[";
  for (int i = 0; i < 36; ++i) s += "{\"lang\":\"en\",\"name\":\"Murmansk Oblast " + std::to_string(i) + "\"},";
  s.back() = ']';
  s += "}";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  ordo::http::Limits limits;
  for (int i = 1; i + 1 < argc; i += 2) {
    const int value = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--port") == 0) {
      port = value;
    } else if (std::strcmp(argv[i], "--io-threads") == 0) {
      limits.io_threads = value;
    } else if (std::strcmp(argv[i], "--cheap-workers") == 0) {
      limits.cheap_workers = value;
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  auto fds = ordo::http::RaiseOpenFileLimit(limits.max_connections + 64);
  if (fds.ok() && *fds < limits.max_connections + 64) limits.max_connections = *fds - 64;

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  const std::string body = FixedBody();
  auto server = ordo::http::Server::Create(
      "127.0.0.1", port, limits,
      [&body](const ordo::http::Request&) {
        ordo::http::Response r;
        r.body = body;
        return r;
      },
      nullptr, nullptr);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 2;
  }
  (*server)->Start();
  std::printf("listening on 127.0.0.1:%d (body %zu bytes, %d I/O thread(s), %d cheap workers)\n", (*server)->port(),
              body.size(), limits.io_threads, limits.cheap_workers);
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  (*server)->Stop();
  return 0;
}
