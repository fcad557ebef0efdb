// The JSON the HTTP API answers with. Every shape that the CLI also prints (`ordo show --json`,
// `members`, `history`, `diff`, `snapshot`, `orders`, `order`, `search`, `path`) is built here
// from cli/format.h exactly as the CLI builds it; tests/server/shapes_test.cc compares the two.
#ifndef ORDO_SERVER_SHAPES_H_
#define ORDO_SERVER_SHAPES_H_

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ordo/database.h"

namespace ordo::server {

using json = nlohmann::ordered_json;

// The orders of a database by id, for the "sources" of facts and the "orders" of entities.
// Orders never change once applied, so the cache only grows: a miss reloads it once.
// Thread-safe.
class OrderCache {
 public:
  explicit OrderCache(const Database& db) : db_(db) {}
  // The order, or nullptr when the database has none of that id.
  std::shared_ptr<const OrderInfo> Find(const std::string& id) const;
  void Invalidate();

 private:
  const Database& db_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const OrderInfo>> orders_;
  mutable bool loaded_ = false;
};

// The English name, else the first, else "" (as the CLI's tables show it).
std::string DisplayName(const std::vector<Name>& names);
json NamesToJson(const std::vector<Name>& names);

// FactToJson plus "sources": the source ids of the order that asserted the fact.
json FactJson(const FactInfo& fact, const OrderCache& orders);
// `ordo show ID --json`.
json EntityJson(const EntityInfo& info, Date at, const OrderCache& orders);
// `ordo members ID --json`: one row per fact, with the subject's kind and name at the date.
json MembersJson(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects, const OrderCache& orders);
// `ordo history`, `snapshot`, `path --json`.
json FactsJson(const std::vector<FactInfo>& facts, const OrderCache& orders);
// `ordo diff D1 D2 --json`.
json ChangesJson(const std::vector<Change>& changes, const OrderCache& orders);
// `ordo orders --json`.
json OrdersJson(const std::vector<OrderInfo>& orders);
// `ordo order ID --json`.
json OrderChangesJson(const OrderChanges& changes);
// `ordo search TEXT --json`.
json MatchesJson(const std::vector<Match>& matches);

// {"error": {"code", "message", "file", "line", "column", "notes": [...], "rendered"}}.
// "rendered" is the compiler-style text of RenderDiagnostic when `text` (the request body) is
// given; location fields are present only when known. `code_name` overrides CodeName() for
// HTTP-level errors ("unauthorized", "forbidden", "method_not_allowed").
json ErrorBody(const Status& status, std::string_view text = {}, const std::string& file = {},
               const char* code_name = nullptr);
// One diagnostic without the "error" wrapper.
json DiagnosticJson(const Status& status, std::string_view text, const std::string& file);
// The HTTP status of an error: 404 not found, 400 invalid, 422 violation, 409 conflict,
// 413 limit, 500 io and internal.
int HttpStatusFor(Code code);

}  // namespace ordo::server

#endif  // ORDO_SERVER_SHAPES_H_
