// The routes of the JSON API (docs/http.md). Each handler parses the request, calls the public
// API of Database and serializes with server/shapes.h; nothing else.
#ifndef ORDO_SERVER_API_H_
#define ORDO_SERVER_API_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ordo/database.h"
#include "server/server.h"
#include "server/shapes.h"

namespace ordo::server {

// An HTTP answer before it is written: a status and a JSON body.
struct Reply {
  int status = 200;
  json body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class Api {
 public:
  // REQUIRES: db outlives the Api.
  Api(Database& db, const ServeOptions& options);

  // Registers every /api route on server.
  void Register(httplib::Server& server);

  // The routes, callable without a socket (the server wraps each in Send()).
  Reply Index(const httplib::Request& req) const;
  Reply Schema(const httplib::Request& req) const;
  Reply Entity(const httplib::Request& req) const;
  Reply Members(const httplib::Request& req) const;
  Reply History(const httplib::Request& req) const;
  Reply Path(const httplib::Request& req) const;
  Reply Diff(const httplib::Request& req) const;
  Reply Snapshot(const httplib::Request& req) const;
  Reply Orders(const httplib::Request& req) const;
  Reply Order(const httplib::Request& req) const;
  Reply Search(const httplib::Request& req) const;
  Reply Map(const httplib::Request& req) const;
  Reply Tree(const httplib::Request& req) const;
  Reply Changes(const httplib::Request& req) const;
  Reply PostOrders(const httplib::Request& req);

 private:
  // Fails with a "did you mean" note for an unknown id, as the CLI does.
  Reply NotFoundWithHint(Status status, const std::string& id) const;

  Database& db_;
  const ServeOptions& options_;
  OrderCache orders_;
};

// Writes a reply as JSON (pretty-printed with ?pretty=1).
void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply);
// An error reply from a status.
Reply ErrorReply(const Status& status);

}  // namespace ordo::server

#endif  // ORDO_SERVER_API_H_
