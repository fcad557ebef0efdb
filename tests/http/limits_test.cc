// The transport's limits: deadlines that do not restart on activity, the handler time limit, lanes, the
// connection limits and the body limit.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "http_test_util.h"

namespace ordo::http {
namespace {

using std::chrono::milliseconds;
using testing::Answer;
using testing::Clock;
using testing::Connection;
using testing::Get;
using testing::MillisecondsSince;
using testing::StartServer;
using testing::TextResponse;

Response Ok(const Request&) { return TextResponse("ok"); }

// Sends `bytes` one byte every `interval` until the server answers or closes; returns the answer and when it
// came (ms after the first byte).
std::pair<Answer, double> Trickle(Connection& c, const std::string& bytes, milliseconds interval) {
  const Clock::time_point start = Clock::now();
  for (char b : bytes) {
    if (!c.Send(std::string(1, b))) break;
    Answer a = c.Read(interval);
    if (a.status != 0 || c.closed()) return {a, MillisecondsSince(start)};
  }
  Answer a = c.Read(milliseconds(5000));
  return {a, MillisecondsSince(start)};
}

TEST(HttpLimitsTest, HeaderDeadlineDoesNotRestartOnEachByte) {
  Limits limits;
  limits.header_timeout = milliseconds(800);
  auto server = StartServer(limits, Ok);
  Connection c(server->port());
  // 2,000 header bytes at one per 20 ms would take 40 s; each byte restarting an 800 ms timer would never fire.
  const auto [answer, ms] = Trickle(c, "GET / HTTP/1.1\r\nX-Slow: " + std::string(2000, 'a'), milliseconds(20));
  EXPECT_EQ(answer.status, 408);
  EXPECT_NE(answer.body.find("the request header was not complete within 800 ms"), std::string::npos);
  EXPECT_GE(ms, 700);
  EXPECT_LE(ms, 1800);
  EXPECT_TRUE(c.WaitClosed(milliseconds(3000)));
}

TEST(HttpLimitsTest, RequestDeadlineCoversTheBodyAndDoesNotRestart) {
  Limits limits;
  limits.header_timeout = milliseconds(5000);
  limits.request_timeout = milliseconds(1000);
  auto server = StartServer(limits, Ok);
  Connection c(server->port());
  ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n"));
  const auto [answer, ms] = Trickle(c, std::string(1000, 'b'), milliseconds(20));
  EXPECT_EQ(answer.status, 408);
  EXPECT_NE(answer.body.find("the request was not complete within 1000 ms"), std::string::npos);
  EXPECT_GE(ms, 850);
  EXPECT_LE(ms, 2000);
}

TEST(HttpLimitsTest, HeaderDeadlineOfALaterRequestStartsAtItsFirstByte) {
  Limits limits;
  limits.header_timeout = milliseconds(600);
  limits.keep_alive_timeout = milliseconds(5000);
  auto server = StartServer(limits, Ok);
  Connection c(server->port());
  ASSERT_EQ(c.Exchange(Get("/first")).status, 200);
  std::this_thread::sleep_for(milliseconds(800));  // idle longer than the header deadline: still open
  const auto [answer, ms] = Trickle(c, "GET / HTTP/1.1\r\nX: " + std::string(500, 'c'), milliseconds(20));
  EXPECT_EQ(answer.status, 408);
  EXPECT_GE(ms, 500);
  EXPECT_LE(ms, 1600);
}

TEST(HttpLimitsTest, SilentConnectionsAndIdleKeepAliveAreClosedWithoutAnswer) {
  Limits limits;
  limits.header_timeout = milliseconds(400);
  limits.keep_alive_timeout = milliseconds(300);
  auto server = StartServer(limits, Ok);
  Connection silent(server->port());
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(silent.WaitClosed(milliseconds(3000)));
  EXPECT_GE(MillisecondsSince(start), 350);
  EXPECT_TRUE(silent.pending().empty());

  Connection idle(server->port());
  ASSERT_EQ(idle.Exchange(Get("/")).status, 200);
  start = Clock::now();
  EXPECT_TRUE(idle.WaitClosed(milliseconds(3000)));
  EXPECT_GE(MillisecondsSince(start), 250);
}

TEST(HttpLimitsTest, HandlerTimeLimitAnswers504AndDropsTheLateResult) {
  Limits limits;
  limits.handler_time_limit = milliseconds(300);
  std::atomic<int> finished{0};
  auto server = StartServer(limits, [&](const Request& r) {
    if (r.path == "/slow") {
      std::this_thread::sleep_for(milliseconds(1200));
      ++finished;
      return TextResponse("late");
    }
    return TextResponse("fast");
  });
  Connection c(server->port());
  const Clock::time_point start = Clock::now();
  Answer timed_out = c.Exchange(Get("/slow"));
  const double ms = MillisecondsSince(start);
  EXPECT_EQ(timed_out.status, 504);
  EXPECT_NE(timed_out.body.find("the request was not answered within 300 ms"), std::string::npos);
  EXPECT_GE(ms, 280);
  EXPECT_LE(ms, 1000);
  // The connection goes on; the late "late" must not appear as the answer to the next request.
  Answer next = c.Exchange(Get("/fast"));
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "fast");
  std::this_thread::sleep_for(milliseconds(1200));
  EXPECT_EQ(finished, 1);
  Answer after = c.Exchange(Get("/fast"));
  EXPECT_EQ(after.body, "fast");
  EXPECT_TRUE(c.pending().empty());
  EXPECT_EQ(server->stats().requests_timed_out, 1u);
}

TEST(HttpLimitsTest, RequestsWaitingTooLongInTheirLaneAreNotRun) {
  Limits limits;
  limits.cheap_workers = 1;
  limits.handler_time_limit = milliseconds(300);
  std::atomic<int> runs{0};
  auto server = StartServer(limits, [&](const Request&) {
    ++runs;
    std::this_thread::sleep_for(milliseconds(600));
    return TextResponse("done");
  });
  Connection first(server->port());
  Connection second(server->port());
  ASSERT_TRUE(first.Send(Get("/1")));
  std::this_thread::sleep_for(milliseconds(50));
  ASSERT_TRUE(second.Send(Get("/2")));
  EXPECT_EQ(first.Read().status, 504);
  EXPECT_EQ(second.Read().status, 504);
  std::this_thread::sleep_for(milliseconds(700));
  EXPECT_EQ(runs, 1);  // the second timed out while waiting, so it never ran
}

// A gate that handlers wait at until the test opens it.
class Gate {
 public:
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(HttpLimitsTest, AFullLaneAnswers503WithRetryAfter) {
  Limits limits;
  limits.cheap_workers = 1;
  limits.max_queued_per_lane = 1;
  Gate gate;
  std::atomic<int> entered{0};
  auto server = StartServer(limits, [&](const Request&) {
    ++entered;
    gate.Wait();
    return TextResponse("ok");
  });
  Connection running(server->port());
  Connection queued(server->port());
  Connection refused(server->port());
  ASSERT_TRUE(running.Send(Get("/")));
  while (entered == 0) std::this_thread::sleep_for(milliseconds(1));
  ASSERT_TRUE(queued.Send(Get("/")));
  std::this_thread::sleep_for(milliseconds(100));
  Answer busy = refused.Exchange(Get("/"));
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.Header("Retry-After"), "1");
  EXPECT_NE(busy.body.find("1 requests are already waiting in the cheap lane"), std::string::npos);
  gate.Open();
  EXPECT_EQ(running.Read().status, 200);
  EXPECT_EQ(queued.Read().status, 200);
  EXPECT_EQ(refused.Exchange(Get("/")).status, 200);  // kept alive after the 503
  EXPECT_EQ(server->stats().requests_rejected, 1u);
}

TEST(HttpLimitsTest, CheapRequestsAreAnsweredWhile40ExpensiveOnesRun) {
  Limits limits;  // 2 expensive workers: 2 of the 40 run, 38 wait in their lane
  limits.handler_time_limit = milliseconds(25'000);
  std::atomic<int> expensive_started{0};
  std::atomic<int> expensive_finished{0};
  auto server = StartServer(
      limits,
      [&](const Request& r) {
        if (r.path == "/expensive") {
          ++expensive_started;
          std::this_thread::sleep_for(milliseconds(2000));
          ++expensive_finished;
        }
        return TextResponse("ok");
      },
      [](const Request& r) { return r.path == "/expensive" ? Lane::kExpensive : Lane::kCheap; });
  std::vector<Connection> expensive;
  for (int i = 0; i < 40; ++i) {
    expensive.emplace_back(server->port());
    ASSERT_TRUE(expensive.back().Send(Get("/expensive")));
  }
  while (expensive_started < limits.expensive_workers) std::this_thread::sleep_for(milliseconds(1));
  std::vector<double> ms;
  Connection cheap(server->port());
  for (int i = 0; i < 30; ++i) {
    const Clock::time_point start = Clock::now();
    ASSERT_EQ(cheap.Exchange(Get("/cheap")).status, 200);
    ms.push_back(MillisecondsSince(start));
    std::this_thread::sleep_for(milliseconds(40));
  }
  EXPECT_LE(*std::max_element(ms.begin(), ms.end()), 100.0) << "p50 " << testing::Percentile(ms, 50);
  EXPECT_LT(expensive_finished, 40);  // all the while, expensive requests were in flight
}

TEST(HttpLimitsTest, PerClientLimitWhenEnabled) {
  Limits limits;
  limits.max_connections_per_client = 3;
  auto server = StartServer(limits, Ok);
  std::vector<Connection> held;
  for (int i = 0; i < 3; ++i) {
    held.emplace_back(server->port());
    ASSERT_EQ(held.back().Exchange(Get("/")).status, 200) << i;
  }
  Connection fourth(server->port());
  Answer refused = fourth.Exchange(Get("/"));
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.Header("Connection"), "close");
  EXPECT_EQ(refused.Header("Retry-After"), "1");
  EXPECT_NE(refused.body.find("too many connections from 127.0.0.1: the limit is 3"), std::string::npos);
  EXPECT_TRUE(fourth.WaitClosed(milliseconds(3000)));
  held[0].Close();
  std::this_thread::sleep_for(milliseconds(100));
  Connection again(server->port());
  EXPECT_EQ(again.Exchange(Get("/")).status, 200);
}

TEST(HttpLimitsTest, PerClientLimitIsOffByDefault) {
  auto server = StartServer(Limits{}, Ok);
  std::vector<Connection> held;
  for (int i = 0; i < 100; ++i) {
    held.emplace_back(server->port());
    ASSERT_EQ(held.back().Exchange(Get("/")).status, 200) << i;
  }
}

TEST(HttpLimitsTest, AtTheConnectionLimitIdleConnectionsGoFirstThenNewOnesAreRefused) {
  Limits limits;
  limits.max_connections = 4;
  auto server = StartServer(limits, Ok);
  Connection idle_old(server->port());
  ASSERT_EQ(idle_old.Exchange(Get("/")).status, 200);
  std::this_thread::sleep_for(milliseconds(20));
  Connection idle_new(server->port());
  ASSERT_EQ(idle_new.Exchange(Get("/")).status, 200);
  Connection fresh1(server->port());
  Connection fresh2(server->port());
  std::this_thread::sleep_for(milliseconds(100));
  ASSERT_EQ(server->stats().connections_open, 4u);

  // A fifth connection: the longest-idle one is closed to make room.
  Connection fifth(server->port());
  EXPECT_EQ(fifth.Exchange(Get("/")).status, 200);
  EXPECT_TRUE(idle_old.WaitClosed(milliseconds(2000)));
  EXPECT_EQ(idle_new.Exchange(Get("/")).status, 200);  // the other one was left alone
  EXPECT_EQ(server->stats().connections_evicted, 1u);

  // Now none is idle (each of the four is reading a request): a new one is answered 503.
  ASSERT_TRUE(idle_new.Send("GET / HTTP/1.1\r\n"));
  ASSERT_TRUE(fifth.Send("GET / HTTP/1.1\r\n"));
  std::this_thread::sleep_for(milliseconds(100));
  Connection sixth(server->port());
  Answer refused = sixth.Read();
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.Header("Connection"), "close");
  EXPECT_NE(refused.body.find("the server is at its limit of 4 connections"), std::string::npos);
  EXPECT_TRUE(sixth.WaitClosed(milliseconds(3000)));
  EXPECT_EQ(server->stats().connections_refused, 1u);
}

TEST(HttpLimitsTest, HeaderLimitCountsTheRequestLineAndFieldsTogether) {
  Limits limits;
  limits.max_header_bytes = 1024;
  auto server = StartServer(limits, Ok);
  Connection c(server->port());
  // The request line alone first, then fields in pieces: each piece is small, together they are too much.
  ASSERT_TRUE(c.Send("GET /" + std::string(300, 'p') + " HTTP/1.1\r\n"));
  std::this_thread::sleep_for(milliseconds(50));
  for (int i = 0; i < 5 && !c.closed(); ++i) {
    if (!c.Send("X-" + std::to_string(i) + ": " + std::string(200, 'v') + "\r\n")) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  Answer a = c.Read();
  EXPECT_EQ(a.status, 431);
  EXPECT_NE(a.body.find("the request header is larger than the limit of 1024 bytes"), std::string::npos);
  Connection under(server->port());
  EXPECT_EQ(
      under.Exchange("GET /" + std::string(300, 'p') + " HTTP/1.1\r\nX: " + std::string(600, 'v') + "\r\n\r\n").status,
      200);
}

TEST(HttpLimitsTest, ContentLengthOverTheLimitIsRefusedBeforeTheBody) {
  Limits limits;
  limits.max_body_bytes = 1000;
  auto server = StartServer(limits, Ok);
  Connection c(server->port());
  Answer a = c.Exchange("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n");
  EXPECT_EQ(a.status, 413);
  EXPECT_TRUE(c.WaitClosed(milliseconds(3000)));
  EXPECT_LT(server->stats().bytes_read, 100u);
  Connection at_limit(server->port());
  EXPECT_EQ(at_limit.Exchange("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'x')).status, 200);
}

}  // namespace
}  // namespace ordo::http
