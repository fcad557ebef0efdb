// What a user asks ordo to record: schema declarations, sources and orders.
// The order language (ordo/lang.h) produces a Batch; Database::Apply consumes one.
// These are plain value types; the caller owns them.
#ifndef ORDO_ORDER_H_
#define ORDO_ORDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ordo/status.h"
#include "ordo/time.h"

namespace ordo {

// The type of an attribute or qualifier value. Stored on disk; do not renumber.
enum class ValueType : uint8_t { kString = 0, kInteger = 1, kNumber = 2, kDate = 3, kBoolean = 4 };
const char* ValueTypeName(ValueType t);  // "string", "integer", "number", "date", "boolean"

// A typed value of an attribute or a qualifier.
struct Value {
  std::variant<std::string, int64_t, double, FuzzyDate, bool> v;
  ValueType type() const { return static_cast<ValueType>(v.index()); }
  friend bool operator==(const Value&, const Value&) = default;
};
// Strings are shown quoted ("fleet"), numbers plainly, dates as EDTF, booleans as true/false.
std::string FormatValue(const Value& v);

// A key-value pair qualifying a fact (Wikidata-style), e.g. role: combat, extent: partial.
struct Qualifier {
  std::string key;
  Value value;
  friend bool operator==(const Qualifier&, const Qualifier&) = default;
};

// A name in a language. lang is a BCP 47 tag ("en", "ru", "uk"); "en" when not given.
struct Name {
  std::string lang = "en";
  std::string text;
};

// ---- Schema ---------------------------------------------------------------

// "kind territory", "kind military-district : unit" (a kind may refine a parent kind;
// a relation accepting the parent accepts the child).
struct KindDecl {
  std::string name;
  std::string parent;  // empty: none
  std::string note;
  SourceRegion where;
};

// A relation between entities: subject kinds -> object kinds.
struct RelationDecl {
  std::string name;
  std::vector<std::string> subject_kinds;
  std::vector<std::string> object_kinds;
  bool exclusive = false;  // at most one object per subject at any valid time, per perspective
  bool acyclic = false;    // no cycle at any valid time, per perspective
  std::string note;
  SourceRegion where;
};

// "perspective RU note \"…\"": a party whose view of a contested fact the record holds apart
// (docs/language.md, "Perspectives"). Orders and operations may name only declared ones.
struct PerspectiveDecl {
  std::string name;
  std::string note;
  SourceRegion where;
};

// A typed attribute of entities. Attributes are always single-valued at a time (per perspective).
struct AttributeDecl {
  std::string name;
  std::vector<std::string> subject_kinds;  // empty: any kind
  ValueType type = ValueType::kString;
  std::string note;
  SourceRegion where;
};

// ---- Sources ---------------------------------------------------------------

struct SourceDecl {
  std::string id;     // kebab-case, unique
  std::string title;  // required
  std::string publisher;
  std::optional<FuzzyDate> date;
  std::string url;
  std::string quote;
  std::string note;
  SourceRegion where;
  std::string original;  // the original URL of a page read through a mirror (url is the copy read)
};

// ---- Orders ---------------------------------------------------------------

enum class OpKind : uint8_t {
  kCreate,       // create IDS : KIND [NAMES]          entity lifetime starts (or restarts)
  kEndEntity,    // end IDS                            lifetime ends; the entity's own facts end with it
  kAssign,       // assign IDS REL -> OBJ              a new fact; refused if an exclusive relation already has one
  kMove,         // move IDS REL -> OBJ                exclusive relations: replaces the current object from the date
  kEndRelation,  // end IDS REL [-> OBJ]               the fact stops holding from the date
  kSet,          // set IDS ATTR VALUE                 replaces the attribute's value from the date
  kUnset,        // unset IDS ATTR
  kRename,       // rename IDS NAMES                   names in the given languages from the date
  kAlias,        // alias IDS NAMES                    adds aliases from the date
  kCorrect,      // correct IDS REL -> OBJ|none, or correct IDS ATTR VALUE|none, over explicit from/to:
                 // replaces what the record holds over that valid interval; the old record stays
                 // answerable at earlier record times
  kLineage,      // lineage IDS TYPE IDS               the subjects were formed from (merged into, split
                 // from, renamed from, re-established from) the objects on the date
  kAlternative,  // alternative IDS REL -> OBJ, alternative IDS ATTR VALUE: another value a source gives
                 // for the same fact; the record's preferred value stays, marked disputed
  kUncovered,    // uncovered IDS REL                  the record does not cover the relation for the
                 // subjects over the interval: absence there is silence, not "none"
};
const char* OpKindName(OpKind k);  // "create", "end", "assign", ...

// The kinds of lineage, as `lineage` writes them: formed-from, merged-into, split-from,
// renamed-from, re-established-from. In `A merged-into B` the subject is the predecessor; in the
// others the subject is the successor.
const std::vector<std::string>& LineageTypes();
bool LineageSubjectIsSuccessor(const std::string& type);

struct Op {
  OpKind kind = OpKind::kAssign;
  std::vector<std::string> subjects;        // one or more entity ids (bulk operations)
  std::vector<SourceRegion> subject_where;  // parallel to subjects, for diagnostics
  std::string entity_kind;                  // kCreate
  std::string predicate;                    // relation or attribute name
  std::string object;                       // relation object id; empty with kCorrect means "none"
  std::vector<std::string> objects;         // kLineage: the other ends (one id or a list)
  std::vector<SourceRegion> object_wheres;  // parallel to objects
  std::optional<Value> value;               // attribute value; absent with kCorrect means "none"
  std::vector<Name> names;                  // kCreate, kRename, kAlias
  std::optional<FuzzyDate> from;            // default: the order's effective date
  std::optional<FuzzyDate> to;              // default: open-ended
  std::optional<std::string> perspective;   // default: the order's perspective ("" = undisputed)
  std::vector<Qualifier> qualifiers;
  std::string note;
  // The sources that state this operation's facts (`cites SRC, SRC`); empty: the order's.
  std::vector<std::string> sources;
  std::vector<SourceRegion> source_where;  // parallel to sources
  SourceRegion where;                      // the whole operation
  SourceRegion predicate_where;            // the relation or attribute name
  SourceRegion object_where;               // the object id or the value
  SourceRegion kind_where;                 // kCreate: the kind name
  SourceRegion perspective_where;          // the perspective's name, when the operation names one
};

struct OrderDecl {
  std::string id;  // kebab-case, unique
  std::string title;
  std::string issuer;  // an entity id or free text (e.g. "RU", "ISW")
  std::optional<FuzzyDate> signed_on;
  FuzzyDate effective;               // default valid-time start of every operation
  std::optional<Instant> recorded;   // record time; absent means "now" at apply time
  std::vector<std::string> sources;  // source ids; at least one
  std::string perspective;           // default perspective of its operations; "" = undisputed
  std::vector<std::string> notes;
  std::vector<Op> ops;
  SourceRegion where;                      // the order's id in its header
  std::vector<SourceRegion> source_where;  // parallel to sources
  SourceRegion perspective_where;          // the perspective's name, when the header names one
};

// ---- Watch rules (docs/rules.md) -----------------------------------------------

// A term of a rule atom: a variable (?s, stored without the '?') or an entity id.
struct RuleTerm {
  bool is_variable = false;
  std::string name;
  SourceRegion where;
  friend bool operator==(const RuleTerm& a, const RuleTerm& b) {
    return a.is_variable == b.is_variable && a.name == b.name;
  }
};

// predicate(subject, object)[qualifiers]: a relation fact whose object is a term, or an
// attribute fact whose value is a literal (value set, object unused).
struct RuleAtom {
  std::string predicate;
  RuleTerm subject;
  RuleTerm object;
  std::optional<Value> value;
  std::vector<Qualifier> qualifiers;  // each must be on the fact with an equal value
  SourceRegion where;                 // the predicate name
  bool negated = false;               // `not ATOM` (queries only): no such fact holds
};

// An ad-hoc question in the atoms of rules (docs/cli.md, "Queries"):
//   [select ?a, ?b where] ATOM, not ATOM, ...
// The answer is every distinct assignment of the selected variables (default: all, in order of
// first appearance) under which the positive atoms hold and the negated ones do not.
struct QueryDecl {
  std::vector<std::string> select;  // variable names without '?'
  std::vector<SourceRegion> select_where;
  std::vector<RuleAtom> atoms;
};

// A condition as a party stated it: rule ID "TITLE" cites STATEMENT sources ... when ATOMS.
struct RuleDecl {
  std::string id;  // kebab-case, unique
  std::string title;
  std::string cites;                 // the statement entity whose `quote` alerts show
  std::vector<std::string> sources;  // source ids; at least one
  std::string perspective;           // facts of this perspective join the undisputed; "" = none
  std::string note;                  // how the rule's terms differ from the statement's words
  std::vector<RuleAtom> atoms;       // the conjunction; at least one
  SourceRegion where;                // the rule's id
  SourceRegion cites_where;
  std::vector<SourceRegion> source_where;  // parallel to sources
  SourceRegion perspective_where;
};
// The canonical text of a rule (parses back to an equal rule); used to store rules.
std::string FormatRule(const RuleDecl& rule);
// "member-of(?s, nato), deployed-to(?s, ?t)[role: \"combat\"]"
std::string FormatRuleCondition(const RuleDecl& rule);

// One unit of application: everything in it applies, or nothing does.
// Declarations apply in this order: kinds, perspectives, relations, attributes, sources, then orders
// in their listed order, then rules (they may name entities the batch's orders create).
struct Batch {
  std::vector<KindDecl> kinds;
  std::vector<PerspectiveDecl> perspectives;
  std::vector<RelationDecl> relations;
  std::vector<AttributeDecl> attributes;
  std::vector<SourceDecl> sources;
  std::vector<OrderDecl> orders;
  std::vector<RuleDecl> rules;
  void Append(Batch&& other);
};

}  // namespace ordo

#endif  // ORDO_ORDER_H_
