// The server's defaults against a hostile neighbour: headers on every answer, the Host header
// checked (DNS rebinding: `Host: evil.example` was answered 200), the token compared as sent,
// no SQLite text and no absolute path in any answer.
#include <gtest/gtest.h>

#include <string>

#include "server/http.h"
#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

std::string HeaderOf(const std::string& raw, const std::string& name) {
  const size_t at = raw.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const size_t from = at + name.size() + 4;
  return raw.substr(from, raw.find("\r\n", from) - from);
}

std::string Raw(int port, const std::string& target, const std::string& host, const std::string& extra = "") {
  return RawRequest(port,
                    "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "Connection: close\r\n\r\n");
}

TEST_F(ServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  StartServer();
  const std::string local = "127.0.0.1:" + std::to_string(server_->port());
  for (const char* target : {"/api", "/api/entity/RU-MUR", "/api/entity/NOWHERE", "/", "/assets/app.js", "/no-such"}) {
    SCOPED_TRACE(target);
    const std::string raw = Raw(server_->port(), target, local);
    EXPECT_EQ(HeaderOf(raw, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(HeaderOf(raw, "X-Frame-Options"), "DENY");
    EXPECT_EQ(HeaderOf(raw, "Referrer-Policy"), "no-referrer");
    const std::string csp = HeaderOf(raw, "Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("img-src 'self' data: blob:"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  }
}

TEST_F(ServerTest, AnotherHostIsRefusedAgainstDnsRebinding) {
  StartServer();
  const int port = server_->port();
  const std::string p = ":" + std::to_string(port);
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1" + p, "localhost" + p, "LOCALHOST" + p, "localhost", "127.0.0.1"}) {
    SCOPED_TRACE(host);
    EXPECT_EQ(RawStatus(Raw(port, "/api", host)), 200);
  }
  const std::string raw = Raw(port, "/api/entity/RU-MUR", "evil.example" + p);
  EXPECT_EQ(RawStatus(raw), 421);
  const auto body = nlohmann::json::parse(raw.substr(raw.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["error"]["code"], "misdirected");
  EXPECT_EQ(body["error"]["message"], "the Host 'evil.example" + p + "' is not a name of this server");
  EXPECT_EQ(body["error"]["notes"][0], "to answer to it, start ordo serve with --allow-host evil.example");
  EXPECT_EQ(RawStatus(Raw(port, "/", "evil.example")), 421) << "the UI too";
  EXPECT_EQ(RawStatus(Raw(port, "/api", "127.0.0.1.evil.example" + p)), 421);
}

TEST_F(ServerTest, AnAllowedHostIsAnswered) {
  ServeOptions options;
  options.allow_hosts = {"ordo.example.org"};
  StartServer(options);
  EXPECT_EQ(RawStatus(Raw(server_->port(), "/api", "ordo.example.org:443")), 200);
  EXPECT_EQ(RawStatus(Raw(server_->port(), "/api", "Ordo.Example.Org")), 200);
  EXPECT_EQ(RawStatus(Raw(server_->port(), "/api", "other.example.org")), 421);
}

TEST_F(ServerTest, TheTokenIsComparedAsSent) {
  ServeOptions options;
  options.write_token = "a%41b";
  StartServer(options);
  // Not percent-decoded: "aAb" is not "a%41b".
  EXPECT_EQ(Post("/api/orders?check=1", "", "aAb").status, 403);
  // Past the token, the empty order text is refused as such.
  EXPECT_EQ(Post("/api/orders?check=1", "", "a%41b").status, 400);
  EXPECT_EQ(Post("/api/orders?check=1", "", "a%41bc").status, 403);
  EXPECT_EQ(Post("/api/orders?check=1", "", "a%41").status, 403);
  // Not cut at a NUL: the transport refuses the header, or the token does not match.
  const std::string nul = RawRequest(server_->port(), std::string("POST /api/orders?check=1 HTTP/1.1\r\nHost: ") +
                                                          "127.0.0.1\r\nAuthorization: Bearer a%41b\0x\r\n" +
                                                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(RawStatus(nul) == 400 || RawStatus(nul) == 403) << nul;
}

TEST(ErrorReplyTest, FileErrorsAreAnsweredWithoutTheirText) {
  const Reply r = ErrorReply(Status::Io("cannot write orders: UNIQUE constraint failed: orders.id"));
  EXPECT_EQ(r.status, 500);
  const std::string body = r.body.Dump(false);
  EXPECT_EQ(body.find("UNIQUE"), std::string::npos) << body;
  EXPECT_NE(body.find("the database could not be read or written; the server's log says why"), std::string::npos);
  const Reply internal = ErrorReply(Status::Internal("assertion in /home/me/ordo/src/engine/apply.cc:12"));
  EXPECT_EQ(internal.body.Dump(false).find("/home/me"), std::string::npos);
  const Reply busy = ErrorReply(Status::Io("the database is busy: another process is writing it; retry"));
  EXPECT_EQ(busy.status, 503);
  ASSERT_EQ(busy.headers.size(), 1u);
  EXPECT_EQ(busy.headers[0].first, "Retry-After");
}

TEST_F(ServerTest, NoAnswerShowsWhereTheFilesLie) {
  StartServer();  // the fixture was loaded from its absolute path in the source tree
  const HttpAnswer orders = Get("/api/orders");
  ASSERT_EQ(orders.status, 200);
  ASSERT_FALSE(orders.body.empty());
  for (const auto& o : orders.body) {
    const std::string from = o["loaded_from"];
    EXPECT_NE(from.front(), '/') << from;
    EXPECT_EQ(from.find(ORDO_SOURCE_DIR), std::string::npos) << from;
  }
  EXPECT_EQ(Get("/api").text.find(ORDO_SOURCE_DIR), std::string::npos);
}

}  // namespace
}  // namespace ordo::server::testing
