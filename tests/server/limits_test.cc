// ordo serve under load, on the real routes: expensive queries run in their own lane and do not
// delay cheap ones, every request has a time limit, and a body is refused while it is read.
// (The transport's own tests, tests/http, cover the rest with a trivial handler.)
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "http/http_test_util.h"
#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

using http::testing::Connection;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr size_t kMiB = 1 << 20;

// A record large enough that one snapshot of it takes a while: n territories in 10 districts.
void WriteLargeRecord(const std::string& path, int n) {
  std::string text =
      "kind territory\nkind district\nrelation in : territory -> district exclusive\n"
      "source s { title \"generated\" }\n"
      "order big \"big\" effective 2000-01-01 sources s {\n  create (d0 d1 d2 d3 d4 d5 d6 d7 d8 d9) : district\n";
  for (int i = 0; i < n; ++i) {
    text += "  create t" + std::to_string(i) + " : territory\n  assign t" + std::to_string(i) + " in -> d" +
            std::to_string(i % 10) + "\n";
  }
  text += "}\n";
  ParseResult parsed = ParseOrders(text, "big.ordo");
  ASSERT_TRUE(parsed.ok());
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Apply(parsed.batch).ok());
}

std::string RawGet(const std::string& target) { return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n"; }

class ServerLimitsTest : public ServerTest {
 protected:
  void StartLarge(ServeOptions options, int n) {
    db_path_ = (dir_.path() / "fixture.db").string();
    WriteLargeRecord(db_path_, n);
    if (HasFatalFailure()) return;
    options.max_result_rows = 10'000'000;
    StartServer(options);
  }
};

// 40 snapshots of a large record in flight (2 run, 38 wait in the expensive lane) while
// GET /api/schema is asked again and again: each answer within 100 ms.
TEST_F(ServerLimitsTest, FortyExpensiveRequestsDoNotDelayTheSchema) {
  // Under ASan one snapshot takes about 8 s, so the 40 take longer than any time limit.
  if (kSanitized) GTEST_SKIP() << "a timing budget: 40 snapshots of 40,000 rows are too slow under a sanitizer";
  ServeOptions options;
  options.time_limit_ms = 60'000;
  StartLarge(options, 40'000);
  if (HasFatalFailure()) return;
  const std::string snapshot = RawGet("/api/snapshot?relation=in&at=2020-01-01");
  {
    // How long one takes, alone.
    Connection one(server_->port());
    const Clock::time_point start = Clock::now();
    ASSERT_EQ(one.Exchange(snapshot, milliseconds(30'000)).status, 200);
    std::printf("one snapshot of 40,000 rows: %.0f ms\n", http::testing::MillisecondsSince(start));
  }
  std::vector<Connection> expensive;
  for (int i = 0; i < 40; ++i) {
    expensive.emplace_back(server_->port());
    ASSERT_TRUE(expensive.back().Send(snapshot));
  }
  std::vector<double> ms;
  Connection cheap(server_->port());
  for (int i = 0; i < 20; ++i) {
    const Clock::time_point start = Clock::now();
    ASSERT_EQ(cheap.Exchange(RawGet("/api/schema")).status, 200);
    ms.push_back(http::testing::MillisecondsSince(start));
    std::this_thread::sleep_for(milliseconds(20));
  }
  const Clock::time_point cheap_done = Clock::now();
  Clock::time_point last_expensive = cheap_done;
  for (Connection& c : expensive) {
    ASSERT_EQ(c.Read(milliseconds(60'000)).status, 200);
    last_expensive = Clock::now();
  }
  EXPECT_LE(*std::max_element(ms.begin(), ms.end()), 100.0);
  EXPECT_GT(last_expensive, cheap_done) << "the expensive requests were all answered before the cheap ones ended";
}

// A request whose answer takes longer than the time limit gets a 504 in the API's error shape.
TEST_F(ServerLimitsTest, ARequestOverItsTimeLimitIs504) {
  ServeOptions options;
  options.time_limit_ms = 1;
  StartLarge(options, 40'000);
  if (HasFatalFailure()) return;
  Connection c(server_->port());
  http::testing::Answer a = c.Exchange(RawGet("/api/snapshot?relation=in&at=2020-01-01"), milliseconds(30'000));
  ASSERT_EQ(a.status, 504);
  auto body = nlohmann::json::parse(a.body, nullptr, false);
  EXPECT_EQ(body["error"]["code"], "limit") << a.body;
}

// A chunked body far over the limit, on the read-only server: refused once the limit has been
// read, long before the client has sent it all.
TEST_F(ServerLimitsTest, AChunkedBodyOverTheLimitIsRefusedWhileItIsRead) {
  StartServer();
  Connection c(server_->port());
  ASSERT_TRUE(c.Send("POST /api/orders HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(64 * 1024, 'x') + "\r\n";
  size_t sent = 0;
  while (sent < 300 * kMiB) {
    pollfd p{c.fd(), POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) break;  // answered
    if (!c.Send(chunk)) break;
    sent += chunk.size();
  }
  http::testing::Answer a = c.Read(milliseconds(5000));
  EXPECT_EQ(a.status, 413);
  auto body = nlohmann::json::parse(a.body, nullptr, false);
  EXPECT_EQ(body["error"]["code"], "limit") << a.body;
  EXPECT_EQ(body["error"]["message"], "the request body is larger than the limit of 1048576 bytes");
  EXPECT_LT(sent, 64 * kMiB);
  EXPECT_LE(server_->TransportStats().bytes_read, 2 * kMiB);
}

}  // namespace
}  // namespace ordo::server::testing
