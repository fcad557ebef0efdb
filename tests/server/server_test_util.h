// A server on loopback over a fresh copy of tests/server/fixture, and small HTTP helpers.
#ifndef ORDO_TESTS_SERVER_SERVER_TEST_UTIL_H_
#define ORDO_TESTS_SERVER_SERVER_TEST_UTIL_H_

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"
#include "server/server.h"

namespace ordo::server::testing {

namespace fs = std::filesystem;

// Whether the tests run under a sanitizer (make test-asan, make test-tsan), where the engine is
// several times slower: a test of a timing budget skips itself there (docs/testing.md).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// A fresh directory under the build tree, removed at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::path(ORDO_BINARY_DIR) / "test-tmp" /
            ("server-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Loads the order files under dir (relative to the source tree) into the database file at
// path, as `ordo load` does.
inline void LoadOrderFiles(const std::string& path, const std::string& dir) {
  auto files = lang::CollectOrderFiles({std::string(ORDO_SOURCE_DIR) + dir});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  Batch batch;
  for (const std::string& f : *files) {
    auto text = lang::ReadTextFile(f);
    ASSERT_TRUE(text.ok());
    ParseResult parsed = ParseOrders(*text, f);
    ASSERT_TRUE(parsed.ok()) << parsed.diagnostics.front().ToString();
    batch.Append(std::move(parsed.batch));
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto applied = (*db)->Apply(batch);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
}

// Loads the fixture's order files (tests/server/fixture) into a new database file at path.
inline void LoadFixture(const std::string& path) { LoadOrderFiles(path, "/tests/server/fixture"); }

struct HttpAnswer {
  int status = 0;
  nlohmann::json body;
  std::string text;
  std::string content_type;
};

// Sends raw bytes and returns the raw answer: for request lines httplib's client would clean up.
inline std::string RawRequest(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, 0);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return answer;
}

inline int RawStatus(const std::string& answer) {
  // "HTTP/1.1 404 Not Found"
  if (answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

class ServerTest : public ::testing::Test {
 protected:
  // Starts a server over a fresh fixture database; options.db_path is filled in.
  void StartServer(ServeOptions options = {}) {
    db_path_ = (dir_.path() / "fixture.db").string();
    if (!fs::exists(db_path_)) LoadFixture(db_path_);
    options.db_path = db_path_;
    options.port = 0;
    if (options.web_root.empty()) {
      web_root_ = dir_.path() / "www";
      fs::create_directories(web_root_ / "assets");
      WriteFile(web_root_ / "index.html", "<!doctype html><title>ordo</title>");
      WriteFile(web_root_ / "assets" / "app.js", "console.log('ordo');");
      WriteFile(dir_.path() / "secret.txt", "top secret");
      options.web_root = web_root_.string();
    }
    auto server = Server::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    server_->Start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }

  void TearDown() override {
    client_.reset();
    if (server_) server_->Stop();
  }

  static void WriteFile(const fs::path& p, const std::string& text) {
    FILE* f = std::fopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }

  static HttpAnswer ToAnswer(const httplib::Result& r) {
    HttpAnswer a;
    if (!r) return a;
    a.status = r->status;
    a.text = r->body;
    a.content_type = r->get_header_value("Content-Type");
    if (a.content_type.rfind("application/json", 0) == 0) a.body = nlohmann::json::parse(r->body, nullptr, false);
    return a;
  }

  HttpAnswer Get(const std::string& path) { return ToAnswer(client_->Get(path.c_str())); }

  HttpAnswer Post(const std::string& path, const std::string& body, const std::string& token = "") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return ToAnswer(client_->Post(path.c_str(), headers, body, "text/plain"));
  }

  TempDir dir_;
  std::string db_path_;
  fs::path web_root_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace ordo::server::testing

#endif  // ORDO_TESTS_SERVER_SERVER_TEST_UTIL_H_
