// Every change of one relation or attribute in a period, in date order: the analyst's change
// log (`ordo changes`, GET /api/changes), and the names tables print beside ids.
#ifndef ORDO_DOMAIN_CHANGES_H_
#define ORDO_DOMAIN_CHANGES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/orders.h"
#include "ordo/database.h"

namespace ordo::domain {

// Names of entities at dates, looked up once each: the English name, else the first, else "".
class Namer {
 public:
  explicit Namer(const Database& db) : db_(db) {}
  // The name the entity has at `at` (when it does not exist then: the one it had last, or
  // first); "" for an unknown id or one without names.
  const std::string& Name(const std::string& id, Date at, const View& view);

 private:
  const Database& db_;
  std::map<std::pair<std::string, int32_t>, std::string> names_;
};

// One change: on `date` the subject's facts of the relation (in one perspective) went from
// `before` (those holding the day before) to `after` (those holding on the day).
struct ChangeEvent {
  Date date;
  FuzzyDate when;  // the bound as written (2024-03-01, 2014-12-01?)
  std::string subject;
  std::string subject_name;
  std::string perspective;
  std::vector<FactInfo> before;
  std::vector<FactInfo> after;
  std::vector<std::string> before_names;  // parallel to before: the objects' names ("" for values)
  std::vector<std::string> after_names;
  // The order behind the change: the one that asserted the fact that starts, else the one that
  // ended the fact that stops; and the sources that state it (the fact's own, else the order's).
  std::string order;
  std::vector<SourceInfo> sources;
};

struct ChangeLog {
  std::string relation;
  Date from;  // inclusive
  Date to;    // inclusive
  std::vector<ChangeEvent> changes;
};

// What a fact says, for telling two versions apart: its object or value and its qualifiers.
std::string Says(const FactInfo& f);
// Whether the fact holds on valid date d: from <= d < to.
inline bool Holds(const FactInfo& f, Date d) { return !(d < f.from.date) && d < f.to.date; }

// The facts of the subjects whose parties hold different things (`snapshot --contested`): of
// facts valid at one date, those of every subject for which two views differ in the objects or
// values they hold, a view being the undisputed facts plus one perspective's (the undisputed
// facts alone are a view too when they say something). Crimea, which Russia holds part of
// Russia and Ukraine and the UN part of Ukraine, is contested; a region no party disputes is not.
std::vector<FactInfo> ContestedOnly(std::vector<FactInfo> facts);

// Every change of `relation` with from <= date <= to, as known at view.recorded (in
// view.perspective's view, or each perspective's apart), ordered by date, then subject, then
// perspective. A change of qualifiers (partial -> whole) is a change. Fails as Timeline does.
Result<ChangeLog> ListChanges(const Database& db, const OrderIndex& orders, const std::string& relation, Date from,
                              Date to, const View& view);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_CHANGES_H_
