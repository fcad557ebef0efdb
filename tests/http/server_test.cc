// The transport's protocol behaviour: what a handler sees, keep-alive, HTTP/1.0, HEAD, pipelining, clean 4xx
// answers to malformed input, error rendering, binding.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "http_test_util.h"

namespace ordo::http {
namespace {

using testing::Answer;
using testing::Connection;
using testing::Get;
using testing::StartServer;
using testing::TextResponse;

// Answers with a line per field of the request.
Response Echo(const Request& r) {
  std::string out = "method=" + r.method + "\ntarget=" + r.target + "\npath=" + r.path + "\n";
  for (const auto& [k, v] : r.query) out += "query:" + k + "=" + v + "\n";
  out += "x-test=" + std::string(r.Header("x-test")) + "\nremote=" + r.remote_address +
         "\nversion=" + std::to_string(r.version) + "\nbody=" + r.body;
  return TextResponse(out);
}

TEST(HttpServerTest, HandlerSeesTheDecodedRequest) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  Answer a = c.Exchange(Get("/api/entity/RU%2DMUR?at=2024-03-01&q=a+b%26c", "X-Test: yes\r\n"));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body,
            "method=GET\ntarget=/api/entity/RU%2DMUR?at=2024-03-01&q=a+b%26c\npath=/api/entity/RU-MUR\n"
            "query:at=2024-03-01\nquery:q=a b&c\nx-test=yes\nremote=127.0.0.1\nversion=11\nbody=");
  EXPECT_EQ(a.Header("Content-Type"), "text/plain");
  EXPECT_FALSE(a.Header("Date").empty());
  EXPECT_EQ(a.Header("Connection"), "");
}

TEST(HttpServerTest, BodiesWithContentLengthAndChunked) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  Answer a = c.Exchange("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("body=hello"), std::string::npos);
  a = c.Exchange(
      "POST /p HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("body=abcdefg"), std::string::npos);
}

TEST(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  for (int i = 0; i < 20; ++i) {
    Answer a = c.Exchange(Get("/n?i=" + std::to_string(i)));
    ASSERT_EQ(a.status, 200) << i;
    EXPECT_NE(a.body.find("query:i=" + std::to_string(i) + "\n"), std::string::npos);
  }
  Answer last = c.Exchange(Get("/bye", "Connection: close\r\n"));
  EXPECT_EQ(last.status, 200);
  EXPECT_EQ(last.Header("Connection"), "close");
  EXPECT_TRUE(c.WaitClosed(std::chrono::milliseconds(2000)));
  EXPECT_EQ(server->stats().requests, 21u);
}

TEST(HttpServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  auto server = StartServer(Limits{}, Echo);
  Connection plain(server->port());
  Answer a = plain.Exchange("GET /old HTTP/1.0\r\n\r\n");
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("version=10"), std::string::npos);
  EXPECT_EQ(a.Header("Connection"), "close");
  EXPECT_TRUE(plain.WaitClosed(std::chrono::milliseconds(2000)));

  Connection kept(server->port());
  for (int i = 0; i < 3; ++i) {
    Answer b = kept.Exchange("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    ASSERT_EQ(b.status, 200) << i;
    EXPECT_EQ(b.Header("Connection"), "keep-alive");
  }
}

TEST(HttpServerTest, HeadSendsTheLengthButNoBody) {
  auto server = StartServer(Limits{}, [](const Request&) { return TextResponse(std::string(1500, 'x')); });
  Connection c(server->port());
  ASSERT_TRUE(c.Send("HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n"));
  Answer head = c.Read(std::chrono::milliseconds(5000), /*head=*/true);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("Content-Length"), "1500");
  // Were a body sent after the HEAD answer, it would be read here in place of the next status line.
  Answer get = c.Exchange(Get("/x"));
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(get.body.size(), 1500u);
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  ASSERT_TRUE(c.Send(Get("/1") + "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok" + Get("/3")));
  for (const char* path : {"path=/1\n", "path=/2\n", "path=/3\n"}) {
    Answer a = c.Read();
    ASSERT_EQ(a.status, 200);
    EXPECT_NE(a.body.find(path), std::string::npos) << a.body;
  }
  EXPECT_NE(server->stats().requests, 0u);
}

TEST(HttpServerTest, ExpectContinueGetsAnInterimAnswer) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  ASSERT_TRUE(c.Send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  Answer interim = c.Read();
  EXPECT_EQ(interim.status, 100);
  Answer a = c.Exchange("abc");
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(a.body.find("body=abc"), std::string::npos);
}

TEST(HttpServerTest, StatusesWithoutBodyAndHeaderHygiene) {
  auto server = StartServer(Limits{}, [](const Request& r) {
    Response res;
    if (r.path == "/204") {
      res.status = 204;
      res.body = "ignored";
    } else if (r.path == "/999") {
      res.status = 999;
    } else {
      res.headers = {{"X-Fine", "1"},         {"X-Split", "a\r\nSet-Cookie: evil"},
                     {"Bad Name", "x"},       {"Content-Length", "1"},
                     {"Connection", "close"}, {"Cache-Control", "no-store"}};
      res.body = "{}";
    }
    return res;
  });
  Connection c(server->port());
  Answer no_content = c.Exchange(Get("/204"));
  EXPECT_EQ(no_content.status, 204);
  EXPECT_EQ(no_content.Header("Content-Length"), "");
  Answer bad = c.Exchange(Get("/999"));
  EXPECT_EQ(bad.status, 500);
  Answer a = c.Exchange(Get("/h"));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.Header("X-Fine"), "1");
  EXPECT_EQ(a.Header("Cache-Control"), "no-store");
  EXPECT_EQ(a.Header("X-Split"), "");
  EXPECT_EQ(a.Header("Set-Cookie"), "");
  EXPECT_EQ(a.Header("Content-Length"), "2");
  EXPECT_EQ(a.Header("Connection"), "");
  EXPECT_EQ(a.body, "{}");
  EXPECT_EQ(c.Exchange(Get("/after")).status, 200);  // the connection is still usable
}

// Malformed input gets a clean 4xx (or 505) answer from the transport, rendered by the error renderer, and
// the connection is closed; the server goes on serving.
struct BadInput {
  const char* name;
  std::string bytes;
  int status;
};

TEST(HttpServerTest, MalformedRequestsGetCleanAnswers) {
  Limits limits;
  limits.max_header_bytes = 1024;
  limits.max_body_bytes = 64;
  auto server = StartServer(limits, Echo);
  const std::vector<BadInput> cases = {
      {"garbage request line", "GARBAGE\r\n\r\n", 400},
      {"missing version", "GET /\r\n\r\n", 400},
      {"space in method", "G ET / HTTP/1.1\r\n\r\n", 400},
      {"control byte in target", std::string("GET /a\x01 HTTP/1.1\r\n\r\n"), 400},
      {"NUL in a header", std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26), 400},
      {"header without colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400},
      {"HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", 505},
      {"HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", 505},
      {"long request line", "GET /" + std::string(2000, 'a') + " HTTP/1.1\r\n\r\n", 414},
      {"large header", "GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'b') + "\r\n\r\n", 431},
      {"many headers",
       "GET / HTTP/1.1\r\n" +
           [] {
             std::string s;
             for (int i = 0; i < 200; ++i) s += "X-" + std::to_string(i) + ": v\r\n";
             return s;
           }() +
           "\r\n",
       431},
      {"bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400},
      {"chunk size overflow", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n", 400},
      {"chunk too large", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n", 413},
      {"chunk without CRLF", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n", 400},
      {"unknown transfer coding", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc", 400},
      {"length and chunked", "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"two lengths", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
      {"negative length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"length over the limit", "POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n", 413},
      {"huge length", "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400},
  };
  for (const BadInput& bad : cases) {
    Connection c(server->port());
    Answer a = c.Exchange(bad.bytes);
    EXPECT_EQ(a.status, bad.status) << bad.name;
    EXPECT_EQ(a.Header("Connection"), "close") << bad.name;
    EXPECT_EQ(a.Header("Content-Type"), "application/json; charset=utf-8") << bad.name;
    EXPECT_NE(a.body.find("\"error\""), std::string::npos) << bad.name;
    EXPECT_TRUE(c.WaitClosed(std::chrono::milliseconds(3000))) << bad.name;
  }
  Connection after(server->port());
  EXPECT_EQ(after.Exchange(Get("/still-here")).status, 200);
}

TEST(HttpServerTest, BadTargetIs400ButKeepsTheConnection) {
  auto server = StartServer(Limits{}, Echo);
  Connection c(server->port());
  Answer a = c.Exchange(Get("/a%zz"));
  EXPECT_EQ(a.status, 400);
  EXPECT_NE(a.body.find("bad percent-escape"), std::string::npos);
  Answer b = c.Exchange(Get("relative"));
  EXPECT_EQ(b.status, 400);
  EXPECT_EQ(c.Exchange(Get("/ok")).status, 200);
}

TEST(HttpServerTest, RandomBytesNeverCrashTheServer) {
  auto server = StartServer(Limits{}, Echo);
  std::mt19937 rng(12345);
  const std::string alphabet = "GET POST HTTP/1.1\r\n: chunked Transfer-Encoding Content-Length 0123456789abcdef%/?&=";
  for (int i = 0; i < 300; ++i) {
    std::string bytes;
    const int n = static_cast<int>(rng() % 300);
    for (int j = 0; j < n; ++j) {
      bytes += (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    if (i % 2 == 0) bytes = "GET / HTTP/1.1\r\n" + bytes;
    Connection c(server->port());
    c.Send(bytes + "\r\n\r\n");
    Answer a = c.Read(std::chrono::milliseconds(2000));
    if (a.status != 0) {
      EXPECT_TRUE(a.status == 200 || (a.status >= 400 && a.status < 600)) << a.status;
    }
  }
  Connection after(server->port());
  EXPECT_EQ(after.Exchange(Get("/alive")).status, 200);
}

TEST(HttpServerTest, ErrorRendererShapesTheTransportsAnswers) {
  std::mutex mu;
  std::vector<std::tuple<int, std::string, std::string>> calls;
  auto renderer = [&](int status, const char* code_name, const std::string& message) {
    std::lock_guard lock(mu);
    calls.emplace_back(status, code_name, message);
    Response r;
    r.status = 299;  // the transport's status wins
    r.body = "{\"error\":{\"code\":\"" + std::string(code_name) + "\"}}";
    r.headers = {{"X-Rendered", "1"}};
    return r;
  };
  Limits limits;
  limits.max_body_bytes = 10;
  auto server = StartServer(
      limits, [](const Request&) -> Response { throw std::runtime_error("boom"); }, nullptr, renderer);
  Connection c(server->port());
  Answer thrown = c.Exchange(Get("/throws"));
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(thrown.body, "{\"error\":{\"code\":\"internal\"}}");
  EXPECT_EQ(thrown.Header("X-Rendered"), "1");
  Connection big(server->port());
  Answer too_large = big.Exchange("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
  EXPECT_EQ(too_large.status, 413);
  Connection garbage(server->port());
  EXPECT_EQ(garbage.Exchange("NONSENSE\r\n\r\n").status, 400);

  std::lock_guard lock(mu);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(std::get<0>(calls[0]), 500);
  EXPECT_EQ(std::get<1>(calls[0]), "internal");
  EXPECT_EQ(std::get<2>(calls[0]), "internal error while answering GET /throws: boom");
  EXPECT_EQ(std::get<0>(calls[1]), 413);
  EXPECT_EQ(std::get<1>(calls[1]), "limit");
  EXPECT_EQ(std::get<2>(calls[1]), "the request body is larger than the limit of 10 bytes");
  EXPECT_EQ(std::get<0>(calls[2]), 400);
  EXPECT_EQ(std::get<1>(calls[2]), "invalid");
}

TEST(HttpServerTest, ThrowingRendererFallsBackToTheBuiltInBody) {
  auto server = StartServer(Limits{}, Echo, nullptr,
                            [](int, const char*, const std::string&) -> Response { throw std::bad_alloc(); });
  Connection c(server->port());
  Answer a = c.Exchange("BAD\r\n\r\n");
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body.rfind("{\"error\":{\"code\":\"invalid\",\"message\":\"the request is not valid HTTP/1.1: ", 0), 0u)
      << a.body;
  EXPECT_NE(a.body.find("\"notes\":[]}}"), std::string::npos);
}

TEST(HttpServerTest, RefusesAPortInUse) {
  auto first = StartServer(Limits{}, Echo);
  auto second = Server::Create("127.0.0.1", first->port(), Limits{}, Echo, nullptr, nullptr);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kIo);
  EXPECT_NE(second.status().message().find("cannot listen on 127.0.0.1:" + std::to_string(first->port())),
            std::string::npos)
      << second.status().ToString();
  EXPECT_NE(second.status().ToString().find("another server"), std::string::npos);
  // ... and the first one still answers.
  Connection c(first->port());
  EXPECT_EQ(c.Exchange(Get("/")).status, 200);
}

TEST(HttpServerTest, CreateRejectsBadArguments) {
  Limits no_workers;
  no_workers.cheap_workers = 0;
  EXPECT_EQ(Server::Create("127.0.0.1", 0, no_workers, Echo, nullptr, nullptr).status().code(), Code::kInvalid);
  Limits no_timeout;
  no_timeout.header_timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(Server::Create("127.0.0.1", 0, no_timeout, Echo, nullptr, nullptr).status().code(), Code::kInvalid);
  EXPECT_EQ(Server::Create("127.0.0.1", 0, Limits{}, nullptr, nullptr, nullptr).status().code(), Code::kInvalid);
  EXPECT_EQ(Server::Create("127.0.0.1", 70000, Limits{}, Echo, nullptr, nullptr).status().code(), Code::kInvalid);
  EXPECT_EQ(Server::Create("no-such-host.invalid", 0, Limits{}, Echo, nullptr, nullptr).status().code(),
            Code::kInvalid);
}

TEST(HttpServerTest, ListensOnIpv6AndHostNames) {
  for (const char* listen : {"localhost", "::1"}) {
    auto server = Server::Create(listen, 0, Limits{}, Echo, nullptr, nullptr);
    if (!server.ok() && std::string(listen) == "::1") GTEST_SKIP() << "no IPv6 loopback here";
    ASSERT_TRUE(server.ok()) << listen << ": " << server.status().ToString();
    (*server)->Start();
    EXPECT_GT((*server)->port(), 0);
  }
}

TEST(HttpServerTest, StopIsIdempotentAndWaitsForRunningHandlers) {
  std::atomic<bool> entered{false};
  std::atomic<bool> returned{false};
  auto server = StartServer(Limits{}, [&](const Request&) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    returned = true;
    return TextResponse("late");
  });
  Connection c(server->port());
  ASSERT_TRUE(c.Send(Get("/slow")));
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server->Stop();
  EXPECT_TRUE(returned);
  server->Stop();
  EXPECT_TRUE(c.WaitClosed(std::chrono::milliseconds(2000)));
  Connection refused(server->port());
  EXPECT_FALSE(refused.ok() && refused.Exchange(Get("/"), std::chrono::milliseconds(300)).status != 0);
}

TEST(HttpServerTest, StopBeforeStartAndDestroyWithoutStop) {
  auto created = Server::Create("127.0.0.1", 0, Limits{}, Echo, nullptr, nullptr);
  ASSERT_TRUE(created.ok());
  (*created)->Stop();
  (*created)->Start();  // does nothing after Stop
  auto running = StartServer(Limits{}, Echo);
  Connection c(running->port());
  EXPECT_EQ(c.Exchange(Get("/")).status, 200);
  running.reset();  // the destructor stops
}

}  // namespace
}  // namespace ordo::http
