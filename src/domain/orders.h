// The one lookup of applied orders by id: the header, sources and notes of the order behind a
// fact, for every layer above the engine. Built once from Database::Orders(); an order never
// changes once applied, so an index stays true for the orders it holds (build a new one after
// a write to see new ones).
#ifndef ORDO_DOMAIN_ORDERS_H_
#define ORDO_DOMAIN_ORDERS_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ordo/database.h"

namespace ordo::domain {

class OrderIndex {
 public:
  explicit OrderIndex(const Database& db);
  // An index holding no order (for tests and empty branches).
  OrderIndex() = default;

  // The order, or nullptr when the index has none of that id.
  const OrderInfo* Find(std::string_view id) const;
  // Ids in application order, each once; unknown ids last, as given.
  std::vector<std::string> Sorted(std::vector<std::string> ids) const;
  // The sources of the orders, each once, in order of first mention.
  std::vector<SourceInfo> Sources(const std::vector<std::string>& order_ids) const;
  // Their notes, order by order.
  std::vector<std::string> Notes(const std::vector<std::string>& order_ids) const;
  // The source ids of one order (empty for an unknown one).
  std::vector<std::string> SourceIds(const std::string& order_id) const;
  size_t size() const { return orders_.size(); }

 private:
  std::vector<OrderInfo> orders_;
  std::map<std::string, size_t, std::less<>> index_;
};

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_ORDERS_H_
