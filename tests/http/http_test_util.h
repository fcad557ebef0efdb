// A raw-socket HTTP client for the transport's tests: it sends exactly the bytes a test wants (slowly,
// malformed, pipelined) and reads answers with timeouts, so that nothing in between hides what the server does.
#ifndef ORDO_TESTS_HTTP_HTTP_TEST_UTIL_H_
#define ORDO_TESTS_HTTP_HTTP_TEST_UTIL_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/server.h"

namespace ordo::http::testing {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

inline double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Answer {
  int status = 0;  // 0: no complete answer
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string Header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          })) {
        return v;
      }
    }
    return "";
  }
};

// One TCP connection to 127.0.0.1:port.
class Connection {
 public:
  explicit Connection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
    if (fd_ >= 0) {
      const int one = 1;
      ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
  }
  ~Connection() { Close(); }
  Connection(Connection&& other) noexcept : fd_(std::exchange(other.fd_, -1)), in_(std::move(other.in_)) {}
  Connection& operator=(Connection&& other) noexcept {
    Close();
    fd_ = std::exchange(other.fd_, -1);
    in_ = std::move(other.in_);
    return *this;
  }

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Sends all of data; false when the peer has closed or reset.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one answer (Content-Length framed, as the server always sends). For a HEAD request the body is
  // not read. Returns status 0 when the connection closes or the timeout passes first.
  Answer Read(milliseconds timeout = milliseconds(5000), bool head = false) {
    Answer a;
    const Clock::time_point end = Clock::now() + timeout;
    size_t header_end;
    while ((header_end = in_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(end)) return a;
    }
    const std::string head_text = in_.substr(0, header_end);
    in_.erase(0, header_end + 4);
    size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0) return a;
    const int status = std::atoi(status_line.c_str() + 9);
    while (line_end != std::string::npos) {
      const size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line =
          head_text.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      a.headers.emplace_back(line.substr(0, colon), value);
    }
    const std::string length = a.Header("Content-Length");
    const size_t body_size = head || length.empty() ? 0 : std::strtoull(length.c_str(), nullptr, 10);
    while (in_.size() < body_size) {
      if (!Fill(end)) return a;
    }
    a.body = in_.substr(0, body_size);
    in_.erase(0, body_size);
    a.status = status;
    return a;
  }

  // Sends a request and reads its answer.
  Answer Exchange(std::string_view request, milliseconds timeout = milliseconds(5000), bool head = false) {
    if (!Send(request)) return {};
    return Read(timeout, head);
  }

  // Waits for the server to close (end of stream or reset), discarding what it sends; false on timeout.
  bool WaitClosed(milliseconds timeout) {
    const Clock::time_point end = Clock::now() + timeout;
    while (true) {
      in_.clear();
      if (!Fill(end)) return closed_;
    }
  }
  // Bytes received and not yet consumed by Read().
  const std::string& pending() const { return in_; }
  bool closed() const { return closed_; }

 private:
  // Appends what arrives before `end`; false at end of stream, reset or timeout.
  bool Fill(Clock::time_point end) {
    const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r <= 0) return false;
    char buf[65536];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    in_.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string in_;
  bool closed_ = false;
};

inline std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra_headers) + "\r\n";
}

// A server on 127.0.0.1, any free port, started.
inline std::unique_ptr<Server> StartServer(const Limits& limits, Handler handler, Classifier classifier = nullptr,
                                           ErrorRenderer errors = nullptr) {
  auto server = Server::Create("127.0.0.1", 0, limits, std::move(handler), std::move(classifier), std::move(errors));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  if (!server.ok()) return nullptr;
  std::unique_ptr<Server> s = std::move(server).value();
  s->Start();
  return s;
}

inline Response TextResponse(std::string body) {
  Response r;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

// A field of /proc/self/status in KiB: "VmRSS" (resident memory now), "VmHWM" (its peak); -1 when absent.
inline long StatusKiB(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
}
inline long ResidentKiB() { return StatusKiB("VmRSS"); }
// Resets the peak (VmHWM) to the current resident memory (Linux 4.0+); false when not allowed.
inline bool ResetPeakResident() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

// The p-th percentile (0-100) of samples, nearest rank.
inline double Percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(rank, samples.size() - 1)];
}

}  // namespace ordo::http::testing

#endif  // ORDO_TESTS_HTTP_HTTP_TEST_UTIL_H_
