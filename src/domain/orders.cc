#include "domain/orders.h"

#include <algorithm>
#include <set>

namespace ordo::domain {

OrderIndex::OrderIndex(const Database& db) {
  for (OrderInfo& o : db.Orders()) {
    const size_t pos = orders_.size();
    std::string id = o.id;
    orders_.push_back(std::move(o));
    index_.emplace(std::move(id), pos);
  }
}

const OrderInfo* OrderIndex::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &orders_[it->second];
}

std::vector<std::string> OrderIndex::Sorted(std::vector<std::string> ids) const {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::stable_sort(ids.begin(), ids.end(), [this](const std::string& a, const std::string& b) {
    auto ia = index_.find(a), ib = index_.find(b);
    const size_t pa = ia == index_.end() ? orders_.size() : ia->second;
    const size_t pb = ib == index_.end() ? orders_.size() : ib->second;
    return pa < pb;
  });
  return ids;
}

std::vector<SourceInfo> OrderIndex::Sources(const std::vector<std::string>& order_ids) const {
  std::vector<SourceInfo> out;
  std::set<std::string> seen;
  for (const std::string& id : order_ids) {
    const OrderInfo* o = Find(id);
    if (o == nullptr) continue;
    for (const SourceInfo& s : o->sources) {
      if (seen.insert(s.id).second) out.push_back(s);
    }
  }
  return out;
}

std::vector<std::string> OrderIndex::Notes(const std::vector<std::string>& order_ids) const {
  std::vector<std::string> out;
  for (const std::string& id : order_ids) {
    if (const OrderInfo* o = Find(id)) out.insert(out.end(), o->notes.begin(), o->notes.end());
  }
  return out;
}

std::vector<std::string> OrderIndex::SourceIds(const std::string& order_id) const {
  std::vector<std::string> out;
  if (const OrderInfo* o = Find(order_id)) {
    for (const SourceInfo& s : o->sources) out.push_back(s.id);
  }
  return out;
}

}  // namespace ordo::domain
