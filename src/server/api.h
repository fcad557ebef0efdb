// The JSON API (docs/http.md) as one table of routes. Each route says its method, its path
// (with {captures}), its own query parameters, which view parameters it takes and whether it is
// expensive; GET /api's list of routes is generated from the table, and the dispatcher builds
// one request context (the view and the branch) before a handler runs. Handlers parse what is
// left, ask the engine or the domain layer, and pick a shape of present/json.h; nothing else.
#ifndef ORDO_SERVER_API_H_
#define ORDO_SERVER_API_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/orders.h"
#include "lang/csv_import.h"
#include "ordo/database.h"
#include "read/linker.h"
#include "server/http.h"
#include "server/server.h"

namespace ordo::server {

// Which of the view parameters (at, recorded, perspective, scenario) a route takes; every route
// also takes `pretty`.
enum class ViewParams {
  kNone,      // only pretty
  kScenario,  // scenario: the branch, no view
  kRecorded,  // recorded, perspective, scenario (queries over all valid time)
  kFull,      // at, recorded, perspective, scenario
};

// What a handler works with: the request, its path captures, the view and the branch its
// parameters name, and that branch's orders.
struct Context {
  const Request& req;
  std::vector<std::string> captures;  // the {…} segments of the route's path, in order
  View view;
  Database* db = nullptr;                      // the record or the scenario's branch
  const domain::OrderIndex* orders = nullptr;  // that branch's orders
  std::shared_ptr<Database> branch;            // holds a scenario's handle
  std::shared_ptr<const domain::OrderIndex> orders_held;
  std::string scenario;  // the `scenario` parameter

  std::string Param(std::string_view name) const { return req.Param(name); }
  bool HasParam(std::string_view name) const { return req.HasParam(name); }
};

class Api;
struct Route {
  const char* method;                 // "GET", "POST", "DELETE"
  const char* path;                   // "/api/entity/{id}"
  std::vector<const char*> params;    // the route's own query parameters
  std::vector<const char*> required;  // those shown in GET /api as "?name="
  ViewParams view;
  bool expensive;  // a request that may take long (the transport's slow lane)
  Reply (Api::*handler)(Context&);
};

class Api {
 public:
  // REQUIRES: db outlives the Api.
  Api(Database& db, const ServeOptions& options);

  // Answers one request to a path under /api (routes, 404, 405). Never throws on input; an
  // exception from a handler is the caller's (the transport answers 500).
  Reply Dispatch(const Request& req);
  // Whether the route a request names is marked expensive (false for unknown routes).
  bool IsExpensive(const Request& req) const;
  // The table.
  static const std::vector<Route>& Routes();

  // ---- handlers (each after Dispatch built its Context) ----
  Reply Index(Context& c);
  Reply Schema(Context& c);
  Reply Entity(Context& c);
  Reply Members(Context& c);
  Reply History(Context& c);
  Reply Path(Context& c);
  Reply Lineage(Context& c);
  Reply Diff(Context& c);
  Reply Snapshot(Context& c);
  Reply Orders(Context& c);
  Reply Order(Context& c);
  Reply Search(Context& c);
  Reply Names(Context& c);
  Reply Sources(Context& c);
  Reply Map(Context& c);
  Reply Tree(Context& c);
  Reply Changes(Context& c);
  Reply Compare(Context& c);
  Reply Query(Context& c);
  Reply Statements(Context& c);
  Reply Report(Context& c);
  Reply Scenarios(Context& c);
  Reply ScenarioDiff(Context& c);
  Reply Rules(Context& c);
  Reply Alerts(Context& c);
  Reply AlertsAtom(Context& c);
  Reply ExportOrbat(Context& c);
  Reply Read(Context& c);
  Reply PostOrders(Context& c);
  Reply PostScenario(Context& c);
  Reply PostScenarioOrders(Context& c);
  Reply PostImport(Context& c);
  Reply DeleteScenario(Context& c);

 private:
  // Checks the parameters, parses the view and opens the branch the route's parameters name.
  Status Prepare(const Route& route, Context* c) const;
  // 405 on a read-only server, 401 without a bearer token, 403 with a wrong one; nullopt when
  // the request may write.
  std::optional<Reply> RefuseWrite(const Request& req) const;
  // Parses and applies the body's order text to the record ("") or a scenario.
  Reply ApplyOrders(Context& c, const std::string& scenario);
  // Applies a parsed batch; its diagnostics are rendered against text (named file), after
  // mapping to the CSV cells they come from when csv is given (POST /api/import).
  Reply ApplyBatch(const std::string& scenario, bool check_only, const Batch& batch, const std::string& text,
                   const std::string& file, const lang::CsvImport* csv);
  // An error, with "did you mean" notes from a name search for an unknown id.
  Reply NotFoundWithHint(const Context& c, Status status, const std::string& id) const;
  // The record's orders, rebuilt after each write.
  std::shared_ptr<const domain::OrderIndex> RecordOrders() const;

  Database& db_;
  const ServeOptions& options_;
  mutable std::mutex orders_mu_;
  mutable std::shared_ptr<const domain::OrderIndex> orders_;  // guarded by orders_mu_
  // The gazetteer of POST /api/read, rebuilt when the record changes.
  mutable std::mutex linker_mu_;
  mutable std::shared_ptr<const read::Linker> linker_;  // guarded by linker_mu_
  mutable uint64_t linker_generation_ = 0;              // guarded by linker_mu_
};

}  // namespace ordo::server

#endif  // ORDO_SERVER_API_H_
