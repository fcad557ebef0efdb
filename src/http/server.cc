#include "http/server.h"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>  // before Boost: 1.74's asio/awaitable.hpp uses std::exchange without including it (GCC 12)
#include <vector>

#include "http/ascii.h"
#include "http/target.h"
#include "http/worker_pool.h"

namespace ordo::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// Reads while a header is awaited are small: most requests are well under 4 KiB, and an idle connection keeps
// its buffer. Body reads are larger, but never much beyond what the body limit still allows.
constexpr size_t kHeaderReadSize = 4 * 1024;
constexpr size_t kBodyReadSize = 64 * 1024;
constexpr size_t kBodyFramingSlack = 1024;  // chunk sizes and CRLFs read beyond the remaining body budget
constexpr size_t kIdleBufferCapacity = 16 * 1024;
// Successive reads one connection may do before the I/O thread turns to the others.
constexpr int kReadsPerTurn = 16;
// After an answer that closes the connection, what the client still sends is read and dropped for a while
// (at most so much), so that the close does not reset the connection before the client has read the answer.
constexpr milliseconds kLingerTime{1000};
constexpr size_t kMaxLingerBytes = 4 << 20;
// Connections being answered 503/429 at accept; beyond it further ones are closed without an answer.
constexpr size_t kMaxRefusing = 256;
constexpr int kAcceptsPerTurn = 256;
constexpr milliseconds kAcceptRetryDelay{50};  // after EMFILE and the like
constexpr milliseconds kStopDrainTime{2000};   // Stop() waits this long for connections to close
constexpr auto kFarFuture = std::chrono::hours(24);

const char* CodeNameFor(int status) {
  if (status == 500) return CodeName(Code::kInternal);
  if (status == 400 || status == 505) return CodeName(Code::kInvalid);
  return CodeName(Code::kLimit);
}

std::string JsonEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

Response DefaultError(int status, const char* code_name, const std::string& message) {
  Response r;
  r.status = status;
  r.body = std::string("{\"error\":{\"code\":\"") + code_name + "\",\"message\":\"" + JsonEscape(message) +
           "\",\"notes\":[]}}";
  return r;
}

// "Tue, 01 Dec 2026 22:36:55 GMT" (RFC 9110 IMF-fixdate), formatted once a second per thread, without locale.
std::string_view HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local time_t cached = -1;
  thread_local char text[32];
  thread_local int length = 0;
  const time_t now = time(nullptr);
  if (now != cached) {
    tm t{};
    gmtime_r(&now, &t);
    length = snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[t.tm_wday % 7], t.tm_mday,
                      kMonths[t.tm_mon % 12], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    cached = now;
  }
  return {text, static_cast<size_t>(length)};
}

std::string_view Reason(int status) {
  const std::string_view reason = bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(status)));
  return reason.empty() || reason.front() == '<' ? std::string_view() : reason;  // "<unknown-status>"
}

// Fields the transport writes itself; a handler's copies are not sent.
bool IsTransportField(std::string_view name) {
  return EqualsIgnoringCase(name, "content-length") || EqualsIgnoringCase(name, "transfer-encoding") ||
         EqualsIgnoringCase(name, "connection") || EqualsIgnoringCase(name, "date") ||
         EqualsIgnoringCase(name, "content-type");
}

// Whether a request line that Beast refused as "bad version" is well formed but for another HTTP version
// ("GET / HTTP/2.0"), which deserves 505 rather than 400.
bool IsOtherHttpVersion(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() < 12 || line.find(' ') == line.rfind(' ')) return false;
  const std::string_view v = line.substr(line.size() - 9);  // " HTTP/d.d"
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return v.substr(0, 6) == " HTTP/" && digit(v[6]) && v[7] == '.' && digit(v[8]) && v.substr(6) != "1.0" &&
         v.substr(6) != "1.1";
}

bool IsSafeFieldValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == value.npos;
}

std::string Ms(milliseconds d) { return std::to_string(d.count()) + " ms"; }

std::string AddressText(const net::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

Status CheckLimits(const Limits& l) {
  auto bad = [](const std::string& what) { return Status::Invalid("invalid HTTP limits: " + what); };
  if (l.max_connections == 0) return bad("max_connections must be at least 1");
  if (l.backlog < 1) return bad("backlog must be at least 1");
  if (l.header_timeout.count() <= 0 || l.request_timeout.count() <= 0 || l.keep_alive_timeout.count() <= 0 ||
      l.write_timeout.count() <= 0 || l.handler_time_limit.count() <= 0) {
    return bad("every timeout must be positive");
  }
  if (l.max_header_bytes < 64 || l.max_header_bytes > (1u << 30)) return bad("max_header_bytes must be 64 B-1 GiB");
  if (l.io_threads < 1 || l.cheap_workers < 1 || l.expensive_workers < 1) {
    return bad("io_threads, cheap_workers and expensive_workers must be at least 1");
  }
  return Status::Ok();
}

}  // namespace

class Session;

// One request on its way to a worker and back. Owned jointly by the session (until it answers) and the
// lane's queue or worker (until the handler returns), so that a late handler never touches freed memory.
struct Job {
  std::shared_ptr<Session> session;
  uint64_t serial = 0;  // the session's request number; a result for an older one is dropped
  Request request;
  std::atomic<bool> abandoned{false};  // answered already (504) or the connection closed: do not run
};

class Server::Impl {
 public:
  Impl(const Limits& limits, Handler handler, Classifier classifier, ErrorRenderer errors)
      : limits_(limits),
        handler_(std::move(handler)),
        classifier_(std::move(classifier)),
        errors_(std::move(errors)),
        acceptor_(net::make_strand(ioc_)),
        accept_retry_(acceptor_.get_executor()) {}
  ~Impl() { Stop(); }

  Status Bind(const std::string& listen, int port);
  void Start();
  void Stop();
  int port() const { return port_; }
  Stats stats() const;

  // What sessions use.
  const Limits& limits() const { return limits_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  Response RenderError(int status, const std::string& message) const;
  Lane Classify(const Request& request) const { return classifier_ ? classifier_(request) : Lane::kCheap; }
  bool Submit(Lane lane, const std::shared_ptr<Job>& job);
  // The registry of connections, for the limits and for Stop(). Each is called on the session's strand.
  uint64_t MarkIdle(Session& session);
  void MarkBusy(Session& session);
  void Unregister(Session& session);

  std::atomic<size_t> requests_{0};
  std::atomic<size_t> requests_rejected_{0};
  std::atomic<size_t> requests_timed_out_{0};
  std::atomic<size_t> bytes_read_{0};
  std::atomic<size_t> bytes_discarded_{0};
  std::atomic<size_t> connections_evicted_{0};

 private:
  void Accept();
  void OnAccept(const beast::error_code& ec, tcp::socket socket);
  void Admit(tcp::socket socket);
  void RunHandler(const std::shared_ptr<Job>& job) const;

  const Limits limits_;
  const Handler handler_;
  const Classifier classifier_;
  const ErrorRenderer errors_;

  // The registry. Sessions are listed by raw pointer: a session unregisters (under mu_) before its memory goes.
  mutable std::mutex mu_;
  std::condition_variable drained_;  // all_ became empty
  std::list<Session*> all_;          // every open session
  std::list<Session*> idle_;         // keep-alive sessions waiting for a request, longest-idle first
  std::unordered_map<std::string, size_t> per_client_;
  size_t open_ = 0;      // admitted sessions (not refusing ones)
  size_t refusing_ = 0;  // sessions answering 503/429 at accept
  uint64_t idle_serial_ = 0;
  std::atomic<size_t> accepted_{0};
  std::atomic<size_t> refused_{0};
  std::atomic<bool> stopping_{false};

  std::unique_ptr<WorkerPool> cheap_;
  std::unique_ptr<WorkerPool> expensive_;

  // Declared after everything sessions use: destroying the io_context destroys the sessions its pending
  // handlers still own, and they unregister.
  net::io_context ioc_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_retry_;
  std::vector<std::thread> io_threads_;
  std::mutex lifecycle_mu_;
  bool started_ = false;
  bool stopped_ = false;
  int port_ = 0;
};

// One connection. Everything but the registration runs on the connection's strand (its socket's executor).
//
// Phases: kRequest (reading a request, under the header and request deadlines) -> kHandler (a worker has it,
// under the handler time limit) -> kWrite (under the write timeout) -> kIdle (keep-alive, under its timeout)
// -> kRequest ... An answer that ends the connection goes kWrite -> kLinger -> closed. One timer serves every
// deadline: it holds the earliest, and when it fires early (a deadline moved later) it is set again.
class Session : public std::enable_shared_from_this<Session> {
 public:
  // The session's entries in the registry; guarded by Server::Impl::mu_.
  struct Registration {
    bool registered = false;
    bool refusing = false;
    std::list<Session*>::iterator all;
    std::optional<std::list<Session*>::iterator> idle;
    uint64_t idle_serial = 0;
  };

  Session(Server::Impl& server, tcp::socket socket, std::string remote, Clock::time_point accepted_at)
      : server_(server),
        limits_(server.limits()),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        remote_(std::move(remote)),
        accepted_at_(accepted_at) {}
  ~Session() { server_.Unregister(*this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Registration registration;
  const std::string& remote() const { return remote_; }
  net::any_io_executor executor() { return socket_.get_executor(); }

  // Each of these runs on the strand.
  void Start() {
    if (server_.stopping()) {
      Close();
      return;
    }
    BeginRequest();
  }
  void Refuse(int status, const std::string& message) { SendError(status, message, true, true); }
  void Evict(uint64_t idle_serial) {
    if (phase_ != Phase::kIdle || registration_idle_serial_ != idle_serial) return;  // busy again since
    server_.connections_evicted_.fetch_add(1, std::memory_order_relaxed);
    Close();
  }
  void Close();
  void OnHandled(uint64_t serial, std::optional<Response> response, const std::string& failure);

 private:
  enum class Phase : uint8_t { kRequest, kIdle, kHandler, kWrite, kLinger, kClosed };

  void BeginRequest();
  void StartRequestClock(Clock::time_point start);
  void ReadLoop();
  void WaitReadable();
  void StopReading();
  bool Consume(size_t n);
  bool Parse();
  bool OnHeader();
  void OnParseError(const beast::error_code& ec);
  void OnRequest();
  void SendError(int status, const std::string& message, bool close, bool retry_after = false);
  void Send(Response response, bool close, bool retry_after);
  void OnWritten(const beast::error_code& ec);
  void Linger();
  void SetDeadline(Clock::time_point t);
  void OnTimer(const beast::error_code& ec, uint64_t generation);
  void OnDeadline();

  Server::Impl& server_;
  const Limits& limits_;
  tcp::socket socket_;
  net::steady_timer timer_;
  const std::string remote_;
  const Clock::time_point accepted_at_;

  Phase phase_ = Phase::kRequest;
  bool first_request_ = true;
  uint64_t registration_idle_serial_ = 0;  // copy of registration.idle_serial for use on the strand

  Clock::time_point deadline_ = Clock::time_point::max();
  bool timer_armed_ = false;
  uint64_t timer_generation_ = 0;
  bool read_waiting_ = false;
  uint64_t read_generation_ = 0;

  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Clock::time_point header_deadline_;
  Clock::time_point request_deadline_;
  bool header_done_ = false;
  size_t header_consumed_ = 0;  // bytes of the header the parser took before the header was complete
  size_t request_bytes_ = 0;    // bytes of the current request received so far
  bool keep_alive_ = false;
  bool head_ = false;
  int version_ = 11;
  uint64_t request_serial_ = 0;
  std::shared_ptr<Job> job_;

  std::string out_head_;
  std::string out_body_;
  bool close_after_write_ = false;
  size_t linger_bytes_ = 0;
};

// ---- Session ----

void Session::BeginRequest() {
  if (server_.stopping()) {
    Close();
    return;
  }
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  parser_->body_limit(static_cast<std::uint64_t>(limits_.max_body_bytes));
  header_done_ = false;
  header_consumed_ = 0;
  keep_alive_ = false;
  head_ = false;
  request_bytes_ = buffer_.size();
  if (buffer_.size() > 0) {  // pipelined: the next request is here already
    phase_ = Phase::kRequest;
    StartRequestClock(Clock::now());
    if (Parse()) ReadLoop();
    return;
  }
  if (first_request_) {
    phase_ = Phase::kRequest;
    StartRequestClock(accepted_at_);
  } else {
    phase_ = Phase::kIdle;
    if (buffer_.capacity() > kIdleBufferCapacity) buffer_.shrink_to_fit();
    registration_idle_serial_ = server_.MarkIdle(*this);
    SetDeadline(Clock::now() + limits_.keep_alive_timeout);
  }
  ReadLoop();
}

void Session::StartRequestClock(Clock::time_point start) {
  header_deadline_ = start + limits_.header_timeout;
  request_deadline_ = start + limits_.request_timeout;
  SetDeadline(std::min(header_deadline_, request_deadline_));
}

// Reads what the socket has, without blocking, and hands it on; waits for readability when there is nothing.
void Session::ReadLoop() {
  for (int i = 0; i < kReadsPerTurn; ++i) {
    if (phase_ != Phase::kRequest && phase_ != Phase::kIdle && phase_ != Phase::kLinger) return;
    size_t want = kHeaderReadSize;
    if (phase_ == Phase::kLinger) {
      want = kBodyReadSize;
    } else if (header_done_) {
      const size_t have = parser_->get().body().size();
      const size_t budget = limits_.max_body_bytes > have ? limits_.max_body_bytes - have : 0;
      want = std::min(kBodyReadSize, budget + kBodyFramingSlack);
    }
    beast::error_code ec;
    const size_t n = socket_.read_some(buffer_.prepare(want), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) {
      WaitReadable();
      return;
    }
    if (ec) {  // end of stream or a reset: the client is gone, nothing to answer
      Close();
      return;
    }
    buffer_.commit(n);
    try {
      if (!Consume(n)) return;
    } catch (const std::exception&) {  // std::bad_alloc from a body or a request copy: drop this connection only
      Close();
      return;
    }
  }
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->ReadLoop(); });
}

void Session::WaitReadable() {
  if (read_waiting_) return;
  read_waiting_ = true;
  socket_.async_wait(tcp::socket::wait_read,
                     [self = shared_from_this(), generation = read_generation_](const beast::error_code& ec) {
                       if (generation != self->read_generation_ || self->phase_ == Phase::kClosed) return;
                       self->read_waiting_ = false;
                       if (ec) {
                         self->Close();
                         return;
                       }
                       self->ReadLoop();
                     });
}

void Session::StopReading() {
  if (!read_waiting_) return;
  read_waiting_ = false;
  ++read_generation_;
  beast::error_code ec;
  socket_.cancel(ec);  // only the wait is pending: writes happen after reading stops
}

// Takes n new bytes at the end of buffer_; returns whether to go on reading.
bool Session::Consume(size_t n) {
  if (phase_ == Phase::kLinger) {
    server_.bytes_discarded_.fetch_add(n, std::memory_order_relaxed);
    linger_bytes_ += n;
    buffer_.consume(buffer_.size());
    if (linger_bytes_ > kMaxLingerBytes) {
      Close();
      return false;
    }
    return true;
  }
  server_.bytes_read_.fetch_add(n, std::memory_order_relaxed);
  if (phase_ == Phase::kIdle) {
    server_.MarkBusy(*this);
    phase_ = Phase::kRequest;
    StartRequestClock(Clock::now());
  }
  request_bytes_ += n;
  return Parse();
}

// Feeds buffer_ to the parser; returns whether more bytes are needed.
bool Session::Parse() {
  while (buffer_.size() > 0) {
    beast::error_code ec;
    const size_t used = parser_->put(buffer_.data(), ec);
    if (!header_done_) header_consumed_ += used;
    buffer_.consume(used);
    if (ec == bhttp::error::need_more) {
      // Beast bounds the request line and the fields each by header_limit; this bounds them together.
      if (!header_done_ && header_consumed_ + buffer_.size() > limits_.max_header_bytes) {
        OnParseError(bhttp::error::header_limit);
        return false;
      }
      return true;
    }
    if (ec) {
      OnParseError(ec);
      return false;
    }
    if (!header_done_ && parser_->is_header_done()) {
      header_done_ = true;
      if (!OnHeader()) return false;
    }
    if (parser_->is_done()) {
      OnRequest();
      return false;
    }
    if (used == 0) return true;
  }
  return true;
}

bool Session::OnHeader() {
  const auto& message = parser_->get();
  // RFC 9112 section 6.3: a request whose Transfer-Encoding does not end in chunked has no knowable length.
  if (message.count(bhttp::field::transfer_encoding) > 0 && !parser_->chunked()) {
    SendError(400,
              "the request's Transfer-Encoding '" + Printable(message[bhttp::field::transfer_encoding]) +
                  "' does not end in chunked",
              true);
    return false;
  }
  SetDeadline(request_deadline_);
  if (!parser_->is_done() && message.version() == 11 &&
      EqualsIgnoringCase(message[bhttp::field::expect], "100-continue")) {
    // The send buffer is empty (nothing is written while a request is read), so this small write goes whole.
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    beast::error_code ec;
    socket_.write_some(net::buffer(kContinue.data(), kContinue.size()), ec);
  }
  parser_->eager(true);
  return true;
}

void Session::OnParseError(const beast::error_code& ec) {
  const auto data = buffer_.data();
  const std::string_view buffered(static_cast<const char*>(data.data()), data.size());
  if (ec == bhttp::error::header_limit) {
    // The parser may have taken the request line already (header_consumed_); else it is still buffered.
    const size_t scan = std::min(buffered.size(), limits_.max_header_bytes);
    if (header_consumed_ == 0 && buffered.substr(0, scan).find('\n') == std::string_view::npos) {
      SendError(414,
                "the request line is longer than the limit of " + std::to_string(limits_.max_header_bytes) + " bytes",
                true);
    } else {
      SendError(431,
                "the request header is larger than the limit of " + std::to_string(limits_.max_header_bytes) + " bytes",
                true);
    }
  } else if (ec == bhttp::error::body_limit) {
    SendError(413, "the request body is larger than the limit of " + std::to_string(limits_.max_body_bytes) + " bytes",
              true);
  } else if (ec == bhttp::error::bad_version && header_consumed_ == 0 &&
             IsOtherHttpVersion(buffered.substr(0, buffered.find('\n')))) {
    SendError(505, "this HTTP version is not supported; send HTTP/1.1 or HTTP/1.0", true);
  } else {
    SendError(400, "the request is not valid HTTP/1.1: " + ec.message(), true);
  }
}

void Session::OnRequest() {
  auto message = parser_->release();
  parser_.reset();
  keep_alive_ = message.keep_alive();
  head_ = message.method() == bhttp::verb::head;
  version_ = static_cast<int>(message.version());

  auto job = std::make_shared<Job>();
  Request& request = job->request;
  request.method.assign(message.method_string());
  request.target.assign(message.target());
  auto target = ParseTarget(request.target);
  if (!target.ok()) {
    SendError(400, target.status().message(), false);
    return;
  }
  request.path = std::move(target->path);
  request.query = std::move(target->query);
  for (const auto& field : message) request.headers.emplace_back(field.name_string(), field.value());
  request.body = std::move(message.body());
  request.remote_address = remote_;
  request.version = version_;
  request.deadline = Clock::now() + limits_.handler_time_limit;

  Lane lane = Lane::kCheap;
  try {
    lane = server_.Classify(request);
  } catch (const std::exception& e) {
    SendError(500, std::string("internal error while classifying the request: ") + e.what(), false);
    return;
  } catch (...) {
    SendError(500, "internal error while classifying the request", false);
    return;
  }
  job->session = shared_from_this();
  job->serial = ++request_serial_;
  job_ = job;
  phase_ = Phase::kHandler;
  SetDeadline(request.deadline);
  if (!server_.Submit(lane, job)) {
    job_.reset();
    server_.requests_rejected_.fetch_add(1, std::memory_order_relaxed);
    SendError(503,
              std::string("the server is busy: ") + std::to_string(limits_.max_queued_per_lane) +
                  " requests are already waiting in the " + (lane == Lane::kCheap ? "cheap" : "expensive") + " lane",
              false, true);
  }
}

void Session::OnHandled(uint64_t serial, std::optional<Response> response, const std::string& failure) {
  if (phase_ != Phase::kHandler || serial != request_serial_) return;  // answered 504 already, or closed
  const std::shared_ptr<Job> job = std::move(job_);
  server_.requests_.fetch_add(1, std::memory_order_relaxed);
  if (!response) {
    SendError(500, "internal error while answering " + job->request.method + " " + job->request.path + ": " + failure,
              false);
    return;
  }
  if (response->status < 200 || response->status > 599) {
    SendError(500, "internal error: the handler answered with status " + std::to_string(response->status), false);
    return;
  }
  Send(std::move(*response), false, false);
}

void Session::SendError(int status, const std::string& message, bool close, bool retry_after) {
  Send(server_.RenderError(status, message), close, retry_after);
}

void Session::Send(Response response, bool close, bool retry_after) {
  StopReading();
  close_after_write_ = close || !keep_alive_ || server_.stopping();
  const int status = response.status;
  const bool no_body = status == 204 || status == 304;

  std::string& h = out_head_;
  h.clear();
  h += "HTTP/1.1 ";
  h += std::to_string(status);
  h += ' ';
  h += Reason(status);
  h += "\r\nDate: ";
  h += HttpDate();
  h += "\r\n";
  if (!response.content_type.empty() && IsSafeFieldValue(response.content_type)) {
    h += "Content-Type: ";
    h += response.content_type;
    h += "\r\n";
  }
  if (!no_body) {
    h += "Content-Length: ";
    h += std::to_string(response.body.size());
    h += "\r\n";
  }
  if (close_after_write_) {
    h += "Connection: close\r\n";
  } else if (version_ == 10) {
    h += "Connection: keep-alive\r\n";
  }
  if (retry_after) h += "Retry-After: 1\r\n";
  for (const auto& [name, value] : response.headers) {
    if (!IsToken(name) || !IsSafeFieldValue(value) || IsTransportField(name)) continue;
    if (retry_after && EqualsIgnoringCase(name, "retry-after")) continue;
    h += name;
    h += ": ";
    h += value;
    h += "\r\n";
  }
  h += "\r\n";
  out_body_ = head_ || no_body ? std::string() : std::move(response.body);

  phase_ = Phase::kWrite;
  SetDeadline(Clock::now() + limits_.write_timeout);
  const std::array<net::const_buffer, 2> buffers{net::buffer(out_head_), net::buffer(out_body_)};
  net::async_write(socket_, buffers,
                   [self = shared_from_this()](const beast::error_code& ec, size_t) { self->OnWritten(ec); });
}

void Session::OnWritten(const beast::error_code& ec) {
  if (phase_ == Phase::kClosed) return;
  if (ec) {
    Close();
    return;
  }
  out_body_ = std::string();
  if (close_after_write_) {
    Linger();
    return;
  }
  first_request_ = false;
  BeginRequest();
}

void Session::Linger() {
  beast::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  phase_ = Phase::kLinger;
  parser_.reset();
  buffer_.consume(buffer_.size());
  linger_bytes_ = 0;
  SetDeadline(Clock::now() + kLingerTime);
  ReadLoop();
}

void Session::Close() {
  if (phase_ == Phase::kClosed) return;
  phase_ = Phase::kClosed;
  if (job_) {
    job_->abandoned.store(true, std::memory_order_release);
    job_.reset();
  }
  beast::error_code ec;
  socket_.close(ec);
  timer_.cancel();
  parser_.reset();
  buffer_ = beast::flat_buffer();
  out_body_ = std::string();
  server_.Unregister(*this);
}

void Session::SetDeadline(Clock::time_point t) {
  deadline_ = t;
  if (timer_armed_ && timer_.expiry() <= t) return;  // fires early and is set again then
  timer_armed_ = true;
  timer_.expires_at(std::min(t, Clock::now() + kFarFuture));
  timer_.async_wait([self = shared_from_this(), generation = ++timer_generation_](const beast::error_code& ec) {
    self->OnTimer(ec, generation);
  });
}

void Session::OnTimer(const beast::error_code& ec, uint64_t generation) {
  if (generation != timer_generation_ || phase_ == Phase::kClosed) return;  // superseded, or closed
  timer_armed_ = false;
  if (ec) return;
  if (Clock::now() < deadline_) {
    SetDeadline(deadline_);
    return;
  }
  OnDeadline();
}

void Session::OnDeadline() {
  switch (phase_) {
    case Phase::kRequest:
      if (request_bytes_ == 0) {  // nothing of a request arrived: nobody to answer
        Close();
      } else if (!header_done_ && Clock::now() >= header_deadline_) {
        SendError(408, "the request header was not complete within " + Ms(limits_.header_timeout), true);
      } else {
        SendError(408, "the request was not complete within " + Ms(limits_.request_timeout), true);
      }
      return;
    case Phase::kHandler:
      if (job_) job_->abandoned.store(true, std::memory_order_release);
      job_.reset();
      server_.requests_timed_out_.fetch_add(1, std::memory_order_relaxed);
      SendError(504, "the request was not answered within " + Ms(limits_.handler_time_limit), false);
      return;
    case Phase::kIdle:
    case Phase::kWrite:
    case Phase::kLinger: Close(); return;
    case Phase::kClosed: return;
  }
}

// ---- Server::Impl ----

Status Server::Impl::Bind(const std::string& listen, int port) {
  if (port < 0 || port > 65535) return Status::Invalid("invalid port " + std::to_string(port) + ": expected 0-65535");
  const std::string where = listen + ":" + std::to_string(port);
  beast::error_code ec;
  tcp::endpoint endpoint;
  const net::ip::address address = net::ip::make_address(listen, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, static_cast<unsigned short>(port));
  } else {
    tcp::resolver resolver(ioc_);
    const auto results = resolver.resolve(listen, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      return Status::Invalid("cannot resolve the listen address '" + listen + "': " + ec.message());
    }
    endpoint = results.begin()->endpoint();
  }
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(std::min(limits_.backlog, SOMAXCONN), ec);
  if (!ec) acceptor_.non_blocking(true, ec);
  if (ec) {
    Status s = Status::Io("cannot listen on " + where + ": " + ec.message());
    if (ec == net::error::address_in_use) s.AddNote("is another server using the port? choose another one");
    beast::error_code ignored;
    acceptor_.close(ignored);
    return s;
  }
  port_ = acceptor_.local_endpoint(ec).port();
  return Status::Ok();
}

void Server::Impl::Start() {
  std::lock_guard lifecycle(lifecycle_mu_);
  if (started_ || stopped_) return;
  started_ = true;
  cheap_ = std::make_unique<WorkerPool>(limits_.cheap_workers, limits_.max_queued_per_lane);
  expensive_ = std::make_unique<WorkerPool>(limits_.expensive_workers, limits_.max_queued_per_lane);
  work_.emplace(ioc_.get_executor());
  net::post(acceptor_.get_executor(), [this] { Accept(); });
  for (int i = 0; i < limits_.io_threads; ++i) {
    io_threads_.emplace_back([this] {
      while (true) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception&) {
          // A handler threw (out of memory): the event loop goes on with the other connections.
        }
      }
    });
  }
}

void Server::Impl::Stop() {
  std::lock_guard lifecycle(lifecycle_mu_);
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(mu_);  // Admit() reads stopping_ under mu_: after this, no session registers
    stopping_.store(true, std::memory_order_release);
  }
  if (!started_) {
    beast::error_code ec;
    acceptor_.close(ec);
    return;
  }
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
    accept_retry_.cancel();
  });
  std::vector<std::shared_ptr<Session>> sessions;
  {
    std::lock_guard lock(mu_);
    for (Session* s : all_) {
      if (auto p = s->weak_from_this().lock()) sessions.push_back(std::move(p));
    }
  }
  for (auto& s : sessions) net::post(s->executor(), [s] { s->Close(); });
  sessions.clear();
  cheap_->Stop();
  expensive_->Stop();
  {
    std::unique_lock lock(mu_);
    drained_.wait_for(lock, kStopDrainTime, [this] { return all_.empty(); });
  }
  work_.reset();
  ioc_.stop();
  for (std::thread& t : io_threads_) t.join();
  io_threads_.clear();
}

Stats Server::Impl::stats() const {
  Stats s;
  s.connections_accepted = accepted_.load();
  s.connections_refused = refused_.load();
  s.connections_evicted = connections_evicted_.load();
  {
    std::lock_guard lock(mu_);
    s.connections_open = open_;
  }
  s.requests = requests_.load();
  s.requests_rejected = requests_rejected_.load();
  s.requests_timed_out = requests_timed_out_.load();
  s.bytes_read = bytes_read_.load();
  s.bytes_discarded = bytes_discarded_.load();
  return s;
}

Response Server::Impl::RenderError(int status, const std::string& message) const {
  const char* code_name = CodeNameFor(status);
  Response r;
  if (errors_) {
    try {
      r = errors_(status, code_name, message);
    } catch (...) {
      r = DefaultError(status, code_name, message);
    }
  } else {
    r = DefaultError(status, code_name, message);
  }
  r.status = status;
  return r;
}

bool Server::Impl::Submit(Lane lane, const std::shared_ptr<Job>& job) {
  WorkerPool& pool = lane == Lane::kExpensive ? *expensive_ : *cheap_;
  return pool.TrySubmit([this, job] { RunHandler(job); });
}

void Server::Impl::RunHandler(const std::shared_ptr<Job>& job) const {
  if (job->abandoned.load(std::memory_order_acquire)) return;  // timed out while it waited in the lane
  std::optional<Response> response;
  std::string failure;
  try {
    response = handler_(job->request);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  Session& session = *job->session;
  net::post(session.executor(), [job, response = std::move(response), failure = std::move(failure)]() mutable {
    job->session->OnHandled(job->serial, std::move(response), failure);
  });
}

void Server::Impl::Accept() {
  acceptor_.async_accept(net::make_strand(ioc_),
                         [this](const beast::error_code& ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void Server::Impl::OnAccept(const beast::error_code& ec, tcp::socket socket) {
  if (stopping() || ec == net::error::operation_aborted) return;
  if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory ||
      ec.value() == ENFILE) {
    // Out of file descriptors or memory: the connection stays in the backlog; try again shortly.
    accept_retry_.expires_after(kAcceptRetryDelay);
    accept_retry_.async_wait([this](const beast::error_code& e) {
      if (!e && !stopping()) Accept();
    });
    return;
  }
  if (!ec) Admit(std::move(socket));
  // Take the rest of a burst now: one accept per turn of the event loop would leave clients that the kernel
  // has already connected waiting behind every other connection's work (seconds, at 1,000 connections).
  for (int i = 0; i < kAcceptsPerTurn; ++i) {
    beast::error_code e;
    tcp::socket next(net::make_strand(ioc_));
    acceptor_.accept(next, e);  // the acceptor is non-blocking: would_block once the backlog is empty
    if (e) break;               // a real error shows again in the asynchronous accept
    Admit(std::move(next));
  }
  Accept();
}

void Server::Impl::Admit(tcp::socket socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (!ec) socket.set_option(tcp::no_delay(true), ec);
  if (!ec) socket.non_blocking(true, ec);
  if (ec) return;  // the client is gone already; the socket closes here
  std::string remote = AddressText(peer.address());
  auto session = std::make_shared<Session>(*this, std::move(socket), remote, Clock::now());

  int refuse = 0;
  std::string why;
  std::shared_ptr<Session> evict;
  uint64_t evict_serial = 0;
  {
    std::lock_guard lock(mu_);
    if (stopping()) return;
    const size_t per_limit = limits_.max_connections_per_client;
    auto client = per_client_.find(remote);
    if (per_limit > 0 && client != per_client_.end() && client->second >= per_limit) {
      refuse = 429;
      why = "too many connections from " + remote + ": the limit is " + std::to_string(per_limit);
    } else if (open_ >= limits_.max_connections) {
      while (!idle_.empty() && !evict) {
        Session* oldest = idle_.front();
        idle_.pop_front();
        oldest->registration.idle.reset();
        evict = oldest->weak_from_this().lock();  // empty when it is being destroyed (and so closing) now
        evict_serial = oldest->registration.idle_serial;
      }
      if (!evict) {
        refuse = 503;
        why = "the server is at its limit of " + std::to_string(limits_.max_connections) + " connections";
      }
    }
    if (refuse != 0) {
      refused_.fetch_add(1, std::memory_order_relaxed);
      if (refusing_ >= kMaxRefusing) return;  // under a flood: close without an answer
      ++refusing_;
      session->registration.refusing = true;
    } else {
      ++open_;
      ++per_client_[remote];
      accepted_.fetch_add(1, std::memory_order_relaxed);
    }
    session->registration.registered = true;
    session->registration.all = all_.insert(all_.end(), session.get());
  }
  if (evict) net::post(evict->executor(), [evict, evict_serial] { evict->Evict(evict_serial); });
  if (refuse != 0) {
    net::post(session->executor(), [session, refuse, why = std::move(why)] { session->Refuse(refuse, why); });
  } else {
    net::post(session->executor(), [session] { session->Start(); });
  }
}

uint64_t Server::Impl::MarkIdle(Session& session) {
  std::lock_guard lock(mu_);
  auto& r = session.registration;
  if (!r.registered || r.refusing) return 0;
  if (!r.idle) r.idle = idle_.insert(idle_.end(), &session);
  r.idle_serial = ++idle_serial_;
  return r.idle_serial;
}

void Server::Impl::MarkBusy(Session& session) {
  std::lock_guard lock(mu_);
  auto& r = session.registration;
  if (r.idle) {
    idle_.erase(*r.idle);
    r.idle.reset();
  }
}

void Server::Impl::Unregister(Session& session) {
  std::lock_guard lock(mu_);
  auto& r = session.registration;
  if (!r.registered) return;
  r.registered = false;
  all_.erase(r.all);
  if (r.idle) {
    idle_.erase(*r.idle);
    r.idle.reset();
  }
  if (r.refusing) {
    --refusing_;
  } else {
    --open_;
    auto client = per_client_.find(session.remote());
    if (client != per_client_.end() && --client->second == 0) per_client_.erase(client);
  }
  if (all_.empty()) drained_.notify_all();
}

// ---- Server ----

int DefaultCheapWorkers() { return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 16u)); }

Result<std::unique_ptr<Server>> Server::Create(const std::string& listen, int port, const Limits& limits,
                                               Handler handler, Classifier classifier, ErrorRenderer errors) {
  if (Status s = CheckLimits(limits); !s.ok()) return s;
  if (!handler) return Status::Invalid("the HTTP server needs a handler");
  auto impl = std::make_unique<Impl>(limits, std::move(handler), std::move(classifier), std::move(errors));
  if (Status s = impl->Bind(listen, port); !s.ok()) return s;
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }
void Server::Start() { impl_->Start(); }
void Server::Stop() { impl_->Stop(); }
int Server::port() const { return impl_->port(); }
Stats Server::stats() const { return impl_->stats(); }

Result<size_t> RaiseOpenFileLimit(size_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return Status::Io(std::string("getrlimit: ") + std::strerror(errno));
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    const rlim_t target = limit.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(wanted, limit.rlim_max);
    if (target > limit.rlim_cur) {
      limit.rlim_cur = target;
      if (setrlimit(RLIMIT_NOFILE, &limit) != 0) return Status::Io(std::string("setrlimit: ") + std::strerror(errno));
    }
  }
  return static_cast<size_t>(limit.rlim_cur);
}

}  // namespace ordo::http
