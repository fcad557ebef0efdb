#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <thread>

#include "ordo/database.h"
#include "present/json.h"
#include "server/api.h"
#include "server/http.h"
#include "server/static_files.h"

namespace ordo::server {

namespace {

constexpr const char* kNoWebUi = R"(<!doctype html><meta charset="utf-8"><title>ordo</title>
<p>The web UI is not built. Run <code>scripts/web-build.sh</code>, or start <code>ordo serve --web-root DIR</code>.
The JSON API is at <a href="/api">/api</a>.</p>
)";

// The text of an HTTP status for errors httplib raises itself (bad request line, body too large).
Status StatusForHttpError(const httplib::Request& req, int status, size_t max_body) {
  switch (status) {
    case 413: return Status::Limit(fmt::format("the request body is larger than the limit of {} bytes", max_body));
    case 414: return Status::Limit("the request URI is too long");
    case 404: return Status::NotFound(fmt::format("no such file: {}", req.path));
    default: return Status::Invalid(fmt::format("the request was not understood (HTTP {})", status));
  }
}

const char* HttpCodeName(int status) {
  switch (status) {
    case 400: return "invalid";
    case 404: return "not_found";
    case 413:
    case 414: return "limit";
    default: return status >= 500 ? "internal" : "invalid";
  }
}

// httplib binds with SO_REUSEPORT, so a second server on a busy port would share it silently.
// Binding a plain socket first tells whether the port is taken.
bool PortIsFree(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* result = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &result) != 0) return true;
  bool free = true;
  for (addrinfo* rp = result; rp != nullptr; rp = rp->ai_next) {
    const int fd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, rp->ai_addr, rp->ai_addrlen) != 0 && errno == EADDRINUSE) free = false;
    close(fd);
    break;
  }
  freeaddrinfo(result);
  return free;
}

// The API's view of an httplib request: the query from the target only (httplib also reads a
// form body into its params).
Request ToRequest(const httplib::Request& req) {
  Request r;
  r.method = req.method;
  r.target = req.target;
  r.path = req.path;
  r.query = ParseQuery(req.target);
  for (const auto& [k, v] : req.headers) r.headers.emplace_back(k, v);
  r.body = req.body;
  r.remote_address = req.remote_addr;
  return r;
}

// Writes a reply as JSON (indented with ?pretty=1).
void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  const bool pretty = req.has_param("pretty") && req.get_param_value("pretty") != "0";
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  res.set_header("Cache-Control", "no-store");
  res.set_content(reply.body.Dump(pretty), "application/json; charset=utf-8");
}

}  // namespace

class Server::Impl {
 public:
  Impl(std::unique_ptr<Database> db, ServeOptions options, std::string web_root)
      : db_(std::move(db)), options_(std::move(options)), web_root_(std::move(web_root)), api_(*db_, options_) {}

  ~Impl() { Stop(); }

  Status Bind() {
    const int threads = options_.threads > 0 ? options_.threads : 16;
    // httplib owns the queue it gets from this factory.
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http_.set_payload_max_length(options_.max_body_bytes);
    http_.set_keep_alive_max_count(1000);
    http_.set_keep_alive_timeout(3);  // also bounds how long Stop() waits for idle connections
    // Headers and body go out in separate writes; without this, delayed ACKs add 40 ms to
    // every answer on a keep-alive connection.
    http_.set_tcp_nodelay(true);
    http_.set_read_timeout(10, 0);
    http_.set_write_timeout(10, 0);
    http_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      Reply r{500,
              present::ErrorJson(Status::Internal(
                  fmt::format("internal error while answering {} {}: {}", req.method, req.path, what))),
              {}};
      Send(req, res, r);
    });
    // Errors httplib raises itself have no body yet: give them the API's JSON error shape.
    http_.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          const Status s = StatusForHttpError(req, res.status, options_.max_body_bytes);
          Reply r{res.status, present::ErrorJson(s, {}, {}, HttpCodeName(res.status)), {}};
          Send(req, res, r);
          return httplib::Server::HandlerResponse::Handled;
        }));
    auto api = [this](const httplib::Request& req, httplib::Response& res) {
      Send(req, res, api_.Dispatch(ToRequest(req)));
    };
    for (const char* pattern : {"/api", "/api/.*"}) {
      http_.Get(pattern, api);
      http_.Post(pattern, api);
      http_.Put(pattern, api);
      http_.Patch(pattern, api);
      http_.Delete(pattern, api);
    }
    http_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { ServeFile(req, res); });

    if (options_.port < 0 || options_.port > 65535) {
      return Status::Invalid(fmt::format("invalid port {}: expected 0-65535", options_.port));
    }
    const bool ok = options_.port == 0 ? (port_ = http_.bind_to_any_port(options_.listen)) > 0
                                       : PortIsFree(options_.listen, options_.port) &&
                                             http_.bind_to_port(options_.listen, options_.port);
    if (!ok) {
      Status s = Status::Io(fmt::format("cannot listen on {}:{}", options_.listen, options_.port));
      s.AddNote("is another server using the port? choose one with --port N");
      return s;
    }
    if (options_.port != 0) port_ = options_.port;
    return Status::Ok();
  }

  void Start() {
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    // Requests are accepted from bind on; wait briefly for the loop so that Stop() right after
    // Start() finds a running server to stop.
    for (int i = 0; i < 200 && !http_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    http_.stop();
    if (thread_.joinable()) thread_.join();
  }

  void ServeFile(const httplib::Request& req, httplib::Response& res) const {
    if (web_root_.empty()) {
      if (req.path == "/" || req.path == "/index.html") {
        res.set_content(kNoWebUi, "text/html; charset=utf-8");
        return;
      }
      Send(req, res,
           ErrorReply(Status::NotFound(fmt::format("no such file: {}", req.path))
                          .AddNote("the web UI is not built; run scripts/web-build.sh")));
      return;
    }
    const std::optional<std::string> path = ResolveStaticPath(web_root_, req.path);
    if (!path) {
      Send(req, res, ErrorReply(Status::NotFound(fmt::format("no such file: {}", req.path))));
      return;
    }
    std::ifstream in(*path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
      Send(req, res, ErrorReply(Status::Io(fmt::format("cannot read {}", req.path))));
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(content.str(), ContentTypeFor(*path));
  }

  int port() const { return port_; }
  const std::string& web_root() const { return web_root_; }
  const ServeOptions& options() const { return options_; }
  const Database& db() const { return *db_; }

 private:
  std::unique_ptr<Database> db_;
  ServeOptions options_;
  std::string web_root_;
  Api api_;
  httplib::Server http_;
  std::thread thread_;
  int port_ = 0;
  bool stopped_ = false;
};

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  std::error_code ec;
  if (options.db_path != ":memory:" && !std::filesystem::exists(options.db_path, ec)) {
    Status s = Status::Invalid(fmt::format("no database at '{}'", options.db_path));
    s.AddNote("load orders first with 'ordo load PATH...', or name the database with --db or ORDO_DB");
    return s;
  }
  std::string web_root = FindWebRoot(options.web_root);
  if (!options.web_root.empty() && web_root.empty()) {
    return Status::Invalid(fmt::format("the web root '{}' is not a directory", options.web_root));
  }
  if (!options.web_root.empty() && !std::filesystem::is_directory(web_root, ec)) {
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

  auto server = Server::Create(options);
  if (!server.ok()) {
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    const Status status = server.status();
    err << "ordo: error: " << status.message() << "\n";
    for (const Note& n : status.notes()) err << "note: " << n.message << "\n";
    return 2;
  }
  Server& s = **server;
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
