// libFuzzer target: the HTTP API (docs/http.md) on arbitrary requests, without sockets. The input
// is read as a request: a request line ("METHOD TARGET"), header lines up to an empty line, then
// the body. The target goes through the transport's parser (http::ParseTarget), and the request
// through the route table (Api::Dispatch) over the record of tests/server/fixture, built once in
// LLVMFuzzerInitialize. GET (and HEAD) requests share one read-only handle; any other method runs
// on a fresh writable copy of the record, with a write token (header "Authorization: Bearer
// fuzz-token" in the seeds and the dictionary), so every input starts from the same record.
// Run with scripts/fuzz.sh SECONDS http.
//
// A finding is a sanitizer report, an answer outside 200-599, an error answer whose body is not
// the API's error shape, or a handler's exception (the transport would answer 500 for it).
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "fixture.h"
#include "http/target.h"
#include "ordo/database.h"
#include "server/api.h"
#include "server/http.h"

namespace {

namespace fs = std::filesystem;
using ordo::Database;

constexpr const char* kToken = "fuzz-token";

struct Fixture {
  std::string dir;
  std::string record;  // the fixture's record: copied for each writing request
  std::string scratch;
  std::unique_ptr<Database> reader;
  ordo::server::ServeOptions read_options;
  ordo::server::ServeOptions write_options;
  std::unique_ptr<ordo::server::Api> read_api;
};

// Built by LLVMFuzzerInitialize.
std::unique_ptr<Fixture> fixture;

using ordo::fuzz::Fail;

// The request the input spells, or false when its request line or target does not parse (the
// transport answers 400 before any handler runs).
bool ReadRequest(std::string_view in, ordo::server::Request* req) {
  auto line_end = [&](size_t from) {
    const size_t nl = in.find('\n', from);
    return nl == std::string_view::npos ? in.size() : nl;
  };
  auto strip_cr = [](std::string_view s) { return !s.empty() && s.back() == '\r' ? s.substr(0, s.size() - 1) : s; };
  size_t end = line_end(0);
  const std::string_view request_line = strip_cr(in.substr(0, end));
  const size_t space = request_line.find(' ');
  if (space == std::string_view::npos || space == 0) return false;
  req->method = std::string(request_line.substr(0, space));
  std::string_view target = request_line.substr(space + 1);
  if (const size_t v = target.rfind(" HTTP/"); v != std::string_view::npos) target = target.substr(0, v);
  req->target = std::string(target);
  auto parsed = ordo::http::ParseTarget(target);
  if (!parsed.ok()) return false;
  req->path = std::move(parsed->path);
  req->query = std::move(parsed->query);
  size_t pos = end + 1;
  while (pos < in.size()) {
    end = line_end(pos);
    const std::string_view line = strip_cr(in.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) break;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    req->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  if (pos < in.size()) req->body = std::string(in.substr(pos));
  req->remote_address = "127.0.0.1";
  req->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  return true;
}

void Check(const ordo::server::Request& req, const ordo::server::Reply& reply) {
  if (reply.status < 200 || reply.status > 599) Fail("status " + std::to_string(reply.status) + " for " + req.target);
  if (!reply.content_type.empty()) return;
  const std::string body = reply.body.Dump(false);
  if (reply.status >= 400 && body.find("\"error\"") == std::string::npos) {
    Fail("error answer " + std::to_string(reply.status) + " without an error object for " + req.target + ": " + body);
  }
}

ordo::server::Reply Answer(ordo::server::Api& api, const ordo::server::Request& req) {
  try {
    return api.Dispatch(req);
  } catch (const std::exception& e) {
    Fail(std::string("exception from a handler (the transport answers 500): ") + e.what() + " for " + req.method + " " +
         req.target);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = std::make_unique<Fixture>();
  char tmpl[] = "/tmp/ordo-http-fuzz-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) Fail("mkdtemp failed");
  fixture->dir = tmpl;
  fixture->record = fixture->dir + "/record.db";
  fixture->scratch = fixture->dir + "/scratch.db";
  ordo::fuzz::LoadFixture(fixture->record);
  ordo::Options read_only;
  read_only.create_if_missing = false;
  read_only.read_only = true;
  auto db = Database::Open(fixture->record, read_only);
  if (!db.ok()) Fail(db.status().ToString());
  fixture->reader = std::move(db).value();
  fixture->read_options.db_path = fixture->record;
  fixture->write_options.db_path = fixture->scratch;
  fixture->write_options.write_token = kToken;
  fixture->read_api = std::make_unique<ordo::server::Api>(*fixture->reader, fixture->read_options);
  // The temporary directory goes when the fuzzer exits.
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(fixture->dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ordo::server::Request req;
  if (!ReadRequest(std::string_view(reinterpret_cast<const char*>(data), size), &req)) return 0;
  if (req.path != "/api" && req.path.rfind("/api/", 0) != 0) return 0;  // static files: not the API
  if (req.method == "GET" || req.method == "HEAD") {
    Check(req, Answer(*fixture->read_api, req));
    return 0;
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fixture->scratch + suffix, ec);
  fs::copy_file(fixture->record, fixture->scratch, ec);
  if (ec) Fail("cannot copy the record: " + ec.message());
  ordo::Options writable;
  writable.create_if_missing = false;
  auto db = Database::Open(fixture->scratch, writable);
  if (!db.ok()) Fail(db.status().ToString());
  ordo::server::Api api(**db, fixture->write_options);
  Check(req, Answer(api, req));
  return 0;
}
