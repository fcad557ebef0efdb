// The text the `ordo` command prints for each answer: tables with names beside ids, key-value
// blocks, the orders and sources behind facts. Pure functions of their arguments; no I/O.
#ifndef ORDO_PRESENT_TEXT_H_
#define ORDO_PRESENT_TEXT_H_

#include <string>
#include <vector>

#include "domain/changes.h"
#include "domain/compare.h"
#include "domain/orders.h"
#include "domain/query.h"
#include "domain/statements.h"
#include "ordo/database.h"
#include "present/format.h"

namespace ordo::present {

// `ordo show`: the entity's header, its facts at the view's date and the orders and sources behind them.
// With alternatives, the values other sources give follow the facts (show --disputes).
std::string EntityText(const EntityInfo& info, const View& view, const domain::OrderIndex& orders,
                       bool alternatives = false);
// `ordo show --disputes`: the other values sources give for the entity's facts at the date.
std::string AlternativesText(const EntityInfo& info, const View& view);
// `ordo lineage`: the entities of a lineage with their lives, then the events by date.
std::string LineageText(const LineageInfo& lineage);
// `ordo members`: one row per fact, with the subject's name and kind.
std::string MembersText(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects);
// `ordo history`: every fact with its record interval, then the orders and sources.
std::string HistoryText(const std::vector<FactInfo>& facts, const domain::OrderIndex& orders);
// `ordo diff`: per subject and relation, what held at d1 and what holds at d2, and by which order.
std::string DiffText(const std::vector<Change>& changes, Date d1, Date d2);
// `ordo changes`: one row per change, names beside ids, before -> after, the order and its
// sources (the first and a count unless all_sources). With csv, the columns a spreadsheet wants:
// ids and names apart, every source.
Table ChangeLogTable(const domain::ChangeLog& log, bool all_sources, bool csv);
std::string ChangeLogText(const domain::ChangeLog& log, const View& view, bool all_sources);
// `ordo compare`: added, corrected and retracted facts, with the order and when it was recorded.
Table ComparisonTable(const domain::Comparison& comparison, bool csv);
std::string ComparisonText(const domain::Comparison& comparison);
// `ordo query`: per selected variable its id and the entity's name (CSV: VAR, VAR_name).
Table QueryTable(const domain::NamedAnswer& answer);
std::string QueryText(const domain::NamedAnswer& answer, const View& view);
// `ordo snapshot`: a table, or RFC 4180 CSV with a header line.
std::string SnapshotText(const std::vector<FactInfo>& facts, const std::string& relation);
std::string SnapshotCsv(const std::vector<FactInfo>& facts);

// The other listings as CSV (CsvDocument: RFC 4180, CRLF, a byte order mark), one row per
// fact, change, order, match, link or statement, ids beside names, every qualifier (notes
// too) and every source id (';'-separated).
// Facts of one entity (show, history, path): with record times when record_times.
std::string FactsCsv(const std::vector<FactInfo>& facts, bool record_times);
std::string MembersCsv(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects);
std::string DiffCsv(const std::vector<Change>& changes);
std::string OrdersCsv(const std::vector<OrderInfo>& orders);
std::string MatchesCsv(const std::vector<Match>& matches);
std::string LineageCsv(const LineageInfo& lineage);
std::string StatementsCsv(const std::vector<domain::StatementRecord>& statements);
// `ordo orders` and `ordo order ID`.
std::string OrdersText(const std::vector<OrderInfo>& orders);
std::string OrderText(const OrderChanges& changes);
// `ordo search`.
std::string MatchesText(const std::vector<Match>& matches);
// `ordo path`: the chain, then its facts.
std::string PathText(const std::vector<FactInfo>& facts, const std::string& relation);
// `ordo statements`: one block per statement, blocks separated by a blank line.
std::string StatementsText(const std::vector<domain::StatementRecord>& statements);
// `ordo report`: the report, then each claim beside what the record holds.
std::string ReportText(const domain::ReportCheck& report);
// `ordo scenario list`, `scenario diff`, `rules`, `alerts`.
std::string ScenariosText(const std::vector<ScenarioInfo>& scenarios);
std::string ScenarioDifferencesText(const std::vector<ScenarioDifference>& differences);
std::string RulesText(const std::vector<RuleInfo>& rules);
std::string AlertsText(const std::vector<AlertInfo>& alerts);
// "alert: rule R met on D by order O (?v = id, ...)" per alert, as `scenario load` prints them.
std::string FiredAlertsText(const std::vector<AlertInfo>& alerts);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_TEXT_H_
