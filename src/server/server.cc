#include "server/server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "http/server.h"
#include "ordo/database.h"
#include "present/json.h"
#include "server/api.h"
#include "server/cache.h"
#include "server/http.h"
#include "server/static_files.h"

namespace ordo::server {

namespace {

constexpr const char* kNoWebUi = R"(<!doctype html><meta charset="utf-8"><title>ordo</title>
<p>The web UI is not built. Run <code>scripts/web-build.sh</code>, or start <code>ordo serve --web-root DIR</code>.
The JSON API is at <a href="/api">/api</a>.</p>
)";

// A reply as the transport writes it: JSON, indented with ?pretty=1, never cached.
http::Response ToResponse(const Request& req, const Reply& reply) {
  const bool pretty = req.HasParam("pretty") && req.Param("pretty") != "0";
  http::Response res;
  res.status = reply.status;
  res.headers = reply.headers;
  // Browsers may keep an answer but ask again each time (ETag, 304).
  res.headers.emplace_back("Cache-Control", "no-cache");
  if (!reply.content_type.empty()) {
    res.content_type = reply.content_type;
    res.body = reply.text;
    return res;
  }
  res.body = reply.body.Dump(pretty);
  return res;
}

// The statuses the transport answers itself (408, 413, 503, 504, …) in the API's error shape.
http::Response RenderTransportError(int status, const char* code_name, const std::string& message) {
  const std::string_view code(code_name);
  const Status s = code == "limit"      ? Status::Limit(message)
                   : code == "internal" ? Status::Internal(message)
                                        : Status::Invalid(message);
  http::Response res;
  res.status = status;
  res.headers.emplace_back("Cache-Control", "no-store");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.body = present::ErrorJson(s, {}, {}, code_name).Dump(false);
  return res;
}

// The policy of every answer: no MIME sniffing, no framing by another site, no referrer, and
// for the UI's pages only its own scripts, styles, images (data: and blob: for the map's
// symbols and its PNG download) and API.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void AddSecurityHeaders(http::Response* res) {
  res->headers.emplace_back("X-Content-Type-Options", "nosniff");
  res->headers.emplace_back("X-Frame-Options", "DENY");
  res->headers.emplace_back("Referrer-Policy", "no-referrer");
  res->headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The name of a Host header: "[::1]:8080" is "::1", "localhost:8080" is "localhost".
std::string HostName(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    return std::string(host.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  return std::string(host.substr(0, host.find(':')));
}

bool IsAddress(const std::string& name) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

bool IsLoopback(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return address == "localhost";
}

http::Limits LimitsFor(const ServeOptions& o) {
  http::Limits l;
  l.max_connections = o.max_connections;
  l.max_connections_per_client = o.max_connections_per_client;
  l.max_body_bytes = o.max_body_bytes;
  if (o.workers > 0) l.cheap_workers = o.workers;
  l.expensive_workers = o.expensive_workers;
  l.handler_time_limit = std::chrono::milliseconds(o.time_limit_ms);
  l.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
  l.request_timeout = std::chrono::milliseconds(o.request_timeout_ms);
  return l;
}

}  // namespace

class Server::Impl {
 public:
  Impl(std::unique_ptr<Database> db, ServeOptions options, std::string web_root)
      : db_(std::move(db)),
        options_(std::move(options)),
        web_root_(std::move(web_root)),
        api_(*db_, options_),
        cache_(options_.cache_bytes) {}

  ~Impl() { Stop(); }

  Status Bind() {
    if (options_.port < 0 || options_.port > 65535) {
      return Status::Invalid(fmt::format("invalid port {}: expected 0-65535", options_.port));
    }
    auto handler = [this](const Request& req) { return Answer(req); };
    // The lane is chosen on the I/O thread from the route table alone.
    auto classify = [this](const Request& req) {
      return api_.IsExpensive(req) ? http::Lane::kExpensive : http::Lane::kCheap;
    };
    auto server = http::Server::Create(options_.listen, options_.port, LimitsFor(options_), handler, classify,
                                       RenderTransportError);
    if (!server.ok()) return server.status();
    http_ = std::move(server).value();
    return Status::Ok();
  }

  void Start() { http_->Start(); }
  void Stop() {
    if (http_) http_->Stop();
  }

  http::Response Answer(const Request& req) {
    http::Response res = Route(req);
    AddSecurityHeaders(&res);
    return res;
  }

  http::Response Route(const Request& req) {
    if (!HostAllowed(req.Header("Host"))) {
      const std::string host(req.Header("Host"));
      Reply r{421,
              present::ErrorJson(
                  Status::Invalid(fmt::format("the Host '{}' is not a name of this server", host))
                      .AddNote(fmt::format("to answer to it, start ordo serve with --allow-host {}", HostName(host))),
                  {}, {}, "misdirected"),
              {}};
      return ToResponse(req, r);
    }
    if (req.path == "/api" || req.path.rfind("/api/", 0) == 0) {
      // Orders another process (an `ordo load`) wrote to the file are read before answering.
      if (Status st = db_->Refresh(); !st.ok()) return ToResponse(req, ErrorReply(st));
      if (req.method != "GET") return ToResponse(req, api_.Dispatch(req));
      return AnswerRead(req);
    }
    if (req.method != "GET" && req.method != "HEAD") {
      Reply r = ErrorReply(Status::Invalid(fmt::format("method {} is not allowed for {}", req.method, req.path)));
      r.status = 405;
      r.headers.emplace_back("Allow", "GET, HEAD");
      return ToResponse(req, r);
    }
    return ServeFile(req);
  }

  // A read: a function of the target, the record's generation and today's date (the default
  // `at`), so it is kept in the cache and tagged with an ETag; a matching If-None-Match is a 304.
  http::Response AnswerRead(const Request& req) {
    const uint64_t generation = db_->generation();  // before the answer is computed
    std::string key = req.target;
    key += '\n';
    key += FormatDate(Date::Today());
    const std::string etag = fmt::format("\"{:x}-{:x}\"", generation, std::hash<std::string>{}(key));
    if (req.Header("If-None-Match") == etag) {
      http::Response not_modified;
      not_modified.status = 304;
      not_modified.content_type.clear();
      not_modified.headers.emplace_back("ETag", etag);
      return not_modified;
    }
    if (auto hit = cache_.Find(key, generation)) return std::move(*hit);
    http::Response res = ToResponse(req, api_.Dispatch(req));
    if (res.status == 200) {
      res.headers.emplace_back("ETag", etag);
      cache_.Put(key, generation, res);
    }
    return res;
  }

  http::Response ServeFile(const Request& req) const {
    if (web_root_.empty()) {
      if (req.path == "/" || req.path == "/index.html") {
        http::Response res;
        res.content_type = "text/html; charset=utf-8";
        res.body = kNoWebUi;
        return res;
      }
      return ToResponse(req, ErrorReply(Status::NotFound(fmt::format("no such file: {}", req.path))
                                            .AddNote("the web UI is not built; run scripts/web-build.sh")));
    }
    const std::optional<std::string> path = ResolveStaticPath(web_root_, req.path);
    if (!path) return ToResponse(req, ErrorReply(Status::NotFound(fmt::format("no such file: {}", req.path))));
    std::ifstream in(*path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) return ToResponse(req, ErrorReply(Status::Io(fmt::format("cannot read {}", req.path))));
    http::Response res;
    res.content_type = ContentTypeFor(*path);
    res.headers.emplace_back("Cache-Control", "no-cache");
    res.body = content.str();
    return res;
  }

  // A request without a Host header (HTTP/1.0) is answered: DNS rebinding always sends one.
  bool HostAllowed(std::string_view host) const {
    if (host.empty()) return true;
    const std::string name = Lower(HostName(host));
    if (name == Lower(options_.listen)) return true;
    for (const std::string& allowed : options_.allow_hosts) {
      if (name == Lower(allowed)) return true;
    }
    if (IsLoopback(options_.listen)) return name == "localhost" || IsLoopback(name);
    // Bound to every address: any address literal is one of ours, a name only when allowed.
    if (options_.listen == "0.0.0.0" || options_.listen == "::") return IsAddress(name) || name == "localhost";
    return false;
  }

  int port() const { return http_->port(); }
  http::Stats stats() const { return http_->stats(); }
  const ResponseCache& cache() const { return cache_; }
  const std::string& web_root() const { return web_root_; }
  const ServeOptions& options() const { return options_; }

 private:
  std::unique_ptr<Database> db_;
  ServeOptions options_;
  std::string web_root_;
  Api api_;
  ResponseCache cache_;
  std::unique_ptr<http::Server> http_;  // last: stopped and destroyed before the Api it calls
};

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  std::error_code ec;
  if (options.db_path != ":memory:" && !std::filesystem::exists(options.db_path, ec)) {
    Status s = Status::Invalid(fmt::format("no database at '{}'", options.db_path));
    s.AddNote("load orders first with 'ordo load PATH...', or name the database with --db or ORDO_DB");
    return s;
  }
  std::string web_root = FindWebRoot(options.web_root);
  if (!options.web_root.empty() && (web_root.empty() || !std::filesystem::is_directory(web_root, ec))) {
    return Status::Invalid(fmt::format("the web root '{}' is not a directory", options.web_root));
  }
  Options db_options;
  db_options.create_if_missing = false;
  db_options.read_only = options.write_token.empty();
  db_options.max_result_rows = options.max_result_rows;
  auto db = Database::Open(options.db_path, db_options);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>(std::move(db).value(), options, std::move(web_root));
  if (Status s = impl->Bind(); !s.ok()) return s;
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;
void Server::Start() { impl_->Start(); }
void Server::Stop() { impl_->Stop(); }
int Server::port() const { return impl_->port(); }
http::Stats Server::TransportStats() const { return impl_->stats(); }
std::string Server::url() const {
  const std::string& host = impl_->options().listen;
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("http://{}:{}/", v6 ? "[" + host + "]" : host, impl_->port());
}
const std::string& Server::web_root() const { return impl_->web_root(); }

int Serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // Block the stop signals in every thread (the workers inherit the mask) and wait for them here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t old_mask;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);
  // Each connection is a file descriptor.
  auto fds = http::RaiseOpenFileLimit(options.max_connections + 64);
  if (fds.ok() && *fds < options.max_connections + 64) {
    err << "ordo serve: warning: the open-file limit is " << *fds << ", below the " << options.max_connections
        << " connections allowed; raise it (ulimit -n) or lower --max-connections\n";
  }

  auto server = Server::Create(options);
  if (!server.ok()) {
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    const Status status = server.status();
    err << "ordo: error: " << status.message() << "\n";
    for (const Note& n : status.notes()) err << "note: " << n.message << "\n";
    return 2;
  }
  Server& s = **server;
  if (!IsLoopback(options.listen)) {
    err << "ordo serve: warning: listening on " << options.listen
        << ", not loopback: anyone who can reach this address reads the record over plain HTTP"
        << (options.write_token.empty() ? "" : ", and the write token travels unencrypted") << "\n";
  }
  s.Start();
  out << "ordo serve: open " << s.url() << "\n"
      << "  database " << options.db_path << ", "
      << (options.write_token.empty() ? "read-only" : "accepting orders at POST /api/orders (token required)")
      << "\n  web UI " << (s.web_root().empty() ? "not built (scripts/web-build.sh); API only" : s.web_root())
      << "\n  stop with Ctrl-C\n";
  out.flush();
  int sig = 0;
  sigwait(&stop_signals, &sig);
  s.Stop();
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  out << "ordo serve: stopped\n";
  return 0;
}

}  // namespace ordo::server
