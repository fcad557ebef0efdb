// The routes of the JSON API (docs/http.md). Each handler parses the request, calls the public
// API of Database and serializes with server/shapes.h; nothing else.
#ifndef ORDO_SERVER_API_H_
#define ORDO_SERVER_API_H_

#include <httplib.h>

#include <memory>
#include <optional>
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

// The branch a request reads: the record, or the scenario named by ?scenario=.
struct Branch {
  const Database* db = nullptr;        // the record or the scenario; borrowed or held below
  const OrderCache* orders = nullptr;  // that branch's orders, for the "sources" of facts
  std::shared_ptr<Database> scenario;  // holds a scenario's handle (null for the record)
  std::unique_ptr<OrderCache> scenario_orders;
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
  Reply Statements(const httplib::Request& req) const;
  Reply Report(const httplib::Request& req) const;
  Reply Scenarios(const httplib::Request& req) const;
  Reply ScenarioDiff(const httplib::Request& req) const;
  Reply Rules(const httplib::Request& req) const;
  Reply Alerts(const httplib::Request& req) const;
  Reply PostOrders(const httplib::Request& req);
  Reply PostScenario(const httplib::Request& req);
  Reply PostScenarioOrders(const httplib::Request& req);
  Reply DeleteScenario(const httplib::Request& req);

 private:
  // Fails with a "did you mean" note for an unknown id, as the CLI does.
  Reply NotFoundWithHint(Status status, const std::string& id) const;
  // The record for "", else the named scenario; fails with kNotFound for an unknown one.
  Status OpenBranch(const std::string& scenario, Branch* out) const;
  // The view the request's query parameters ask for, and the branch its scenario names.
  Status ViewAndBranch(const httplib::Request& req, View* view, Branch* out) const;
  // 405 on a read-only server, 401 without a bearer token, 403 with a wrong one; nullopt when
  // the request may write.
  std::optional<Reply> RefuseWrite(const httplib::Request& req) const;
  // Parses and applies the body's order text to the record ("") or a scenario.
  Reply ApplyOrders(const httplib::Request& req, const std::string& scenario);

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
