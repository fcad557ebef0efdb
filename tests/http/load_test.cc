// The transport under the loads that broke the thread-per-connection server: many idle and slow-header
// connections, and a 300 MiB chunked upload.
#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <cstdio>
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
using testing::Percentile;
using testing::StartServer;
using testing::TextResponse;

constexpr size_t kMiB = 1 << 20;

TEST(HttpLoadTest, ThousandIdleAnd64SlowHeaderClientsDoNotDelayOthers) {
  constexpr int kIdle = 1000;
  constexpr int kSlow = 64;
  // Both ends of every connection live in this process: ~2 * 1,064 descriptors, and the measured clients.
  auto fds = RaiseOpenFileLimit(8192);
  ASSERT_TRUE(fds.ok()) << fds.status().ToString();
  if (*fds < 2400) GTEST_SKIP() << "needs 2,400 file descriptors; RLIMIT_NOFILE allows " << *fds;

  Limits limits;
  limits.header_timeout = milliseconds(25'000);  // the slow clients stay through the measurement
  const std::string body(1500, 'x');
  auto server = StartServer(limits, [&](const Request&) { return TextResponse(body); });

  std::vector<Connection> idle;
  for (int i = 0; i < kIdle; ++i) {
    idle.emplace_back(server->port());
    ASSERT_TRUE(idle.back().ok()) << i;
  }
  std::vector<Connection> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.emplace_back(server->port());
    ASSERT_TRUE(slow.back().Send("GET /slow HTTP/1.1\r\n")) << i;
  }
  // Each slow client sends one more header line every 2 s.
  std::atomic<bool> done{false};
  std::thread driver([&] {
    for (int line = 0; !done; ++line) {
      for (Connection& c : slow) c.Send("X-Slow-" + std::to_string(line) + ": 1\r\n");
      for (int i = 0; i < 40 && !done; ++i) std::this_thread::sleep_for(milliseconds(50));
    }
  });
  const Clock::time_point wait_start = Clock::now();
  while (server->stats().connections_open < kIdle + kSlow && MillisecondsSince(wait_start) < 10'000) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_GE(server->stats().connections_open, static_cast<size_t>(kIdle + kSlow));

  // For 6 s (three of the slow clients' header lines), four clients send requests, 5 ms apart: every other
  // one on a new connection, the rest on a kept-alive one.
  constexpr int kClients = 4;
  const Clock::time_point measure_start = Clock::now();
  std::vector<std::vector<double>> latencies(kClients);
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      Connection kept(server->port());
      for (int i = 0; MillisecondsSince(measure_start) < 6000; ++i) {
        const Clock::time_point start = Clock::now();
        Answer a;
        if (i % 2 == 0) {
          Connection fresh(server->port());
          a = fresh.Exchange(Get("/api/entity/RU-MUR?at=2024-03-01"));
        } else {
          a = kept.Exchange(Get("/api/entity/RU-MUR?at=2024-03-01"));
        }
        latencies[t].push_back(MillisecondsSince(start));
        if (a.status != 200 || a.body.size() != body.size()) ++failures;
        std::this_thread::sleep_for(milliseconds(5));
      }
    });
  }
  for (std::thread& c : clients) c.join();
  done = true;
  driver.join();

  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::printf("%zu requests beside %d idle and %d slow-header connections: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              all.size(), kIdle, kSlow, Percentile(all, 50), Percentile(all, 99),
              *std::max_element(all.begin(), all.end()));
  EXPECT_GT(all.size(), 1000u);
  EXPECT_EQ(failures, 0);
  EXPECT_LE(Percentile(all, 99), 100.0) << "p50 " << Percentile(all, 50) << " ms, max "
                                        << *std::max_element(all.begin(), all.end()) << " ms";
  // The idle and slow connections were held, not dropped, all along.
  EXPECT_GE(server->stats().connections_open, static_cast<size_t>(kIdle + kSlow));
}

TEST(HttpLoadTest, Chunked300MiBBodyIsRefusedEarlyAndMemoryStaysFlat) {
  Limits limits;  // max_body_bytes: 1 MiB
  auto server = StartServer(limits, [](const Request&) { return TextResponse("stored"); });
  {
    Connection warm(server->port());
    ASSERT_EQ(warm.Exchange(Get("/")).status, 200);
  }
  const Stats before_stats = server->stats();
  const bool peak_reset = testing::ResetPeakResident();
  const long before_kib = testing::ResidentKiB();
  std::atomic<long> peak_kib{before_kib};  // sampled as well, in case the kernel's peak could not be reset
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      peak_kib = std::max(peak_kib.load(), testing::ResidentKiB());
      std::this_thread::sleep_for(milliseconds(2));
    }
  });

  Connection c(server->port());
  ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(64 * 1024, 'x') + "\r\n";  // 64 KiB chunks
  size_t sent = 0;
  while (sent < 300 * kMiB) {
    pollfd p{c.fd(), POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) break;  // the server has answered
    if (!c.Send(chunk)) break;
    sent += 64 * 1024;
  }
  Answer a = c.Read(milliseconds(5000));
  sampling = false;
  sampler.join();
  if (peak_reset) peak_kib = std::max(peak_kib.load(), testing::StatusKiB("VmHWM"));

  const Stats s = server->stats();
  std::printf("413 after the client sent %.1f MiB; the server read %zu bytes and discarded %zu; RSS +%ld KiB\n",
              static_cast<double>(sent) / kMiB, s.bytes_read - before_stats.bytes_read,
              s.bytes_discarded - before_stats.bytes_discarded, peak_kib - before_kib);
  EXPECT_EQ(a.status, 413);
  EXPECT_NE(a.body.find("the request body is larger than the limit of 1048576 bytes"), std::string::npos);
  EXPECT_LT(sent, 64 * kMiB) << "the client was stopped long before 300 MiB";
  // What the server read of this request: its header, 1 MiB of body with its chunk framing, at most 1 KiB more.
  EXPECT_LE(s.bytes_read - before_stats.bytes_read, kMiB + 4096);
  EXPECT_LE(s.bytes_discarded - before_stats.bytes_discarded, 4 * kMiB + 64 * 1024);
  EXPECT_LT(peak_kib - before_kib, 16 * 1024)
      << "resident memory grew from " << before_kib << " KiB to " << peak_kib << " KiB";
}

}  // namespace
}  // namespace ordo::http
