// The bundled record (data/): loads every .ordo file as the `ordo load data/` command does
// (recursive walk, sorted by path, all files parsed and applied as one batch) and checks the
// facts the record promises: the reorganisations of federal and military districts, alliance
// memberships, the bitemporal view, perspectives on contested territory, claim versus control,
// people, warheads, and that every order cites a source.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ordo/database.h"
#include "ordo/lang.h"
#include "ordo/order.h"
#include "ordo/time.h"

namespace ordo {
namespace {

namespace fs = std::filesystem;

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

View At(Date at, const std::string& perspective = "") {
  View v;
  v.at = at;
  v.perspective = perspective;
  return v;
}

View AsRecorded(Date at, const std::string& recorded, const std::string& perspective = "") {
  View v = At(at, perspective);
  Result<Instant> r = ParseInstant(recorded);
  EXPECT_TRUE(r.ok()) << recorded;
  if (r.ok()) v.recorded = *r;
  return v;
}

// The files the loader applies: data/**/*.ordo sorted by path (relative to data/).
std::vector<std::string> DataFiles() {
  const fs::path root = fs::path(ORDO_SOURCE_DIR) / "data";
  std::vector<std::string> rel;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const auto& e = *it;
    if (e.is_directory() && e.path().filename() == "scenarios") {  // hypothetical orders: not the record
      it.disable_recursion_pending();
      continue;
    }
    if (e.is_regular_file() && e.path().extension() == ".ordo") {
      rel.push_back(fs::relative(e.path(), root).generic_string());
    }
  }
  std::sort(rel.begin(), rel.end());
  return rel;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Batch batch;
    std::string errors;
    for (const std::string& rel : DataFiles()) {
      const std::string file = "data/" + rel;
      const std::string text = ReadFile(fs::path(ORDO_SOURCE_DIR) / file);
      ParseResult parsed = ParseOrders(text, file);
      for (const Status& s : parsed.diagnostics) errors += RenderDiagnostic(s, text, file) + "\n";
      if (parsed.ok()) batch.Append(std::move(parsed.batch));
    }
    if (!errors.empty()) {
      load_error_ = new std::string("parse errors:\n" + errors);
      return;
    }
    Result<std::unique_ptr<Database>> db = Database::Open(":memory:");
    if (!db.ok()) {
      load_error_ = new std::string("open: " + db.status().ToString());
      return;
    }
    Result<ApplySummary> applied = (*db)->Apply(batch);
    if (!applied.ok()) {
      load_error_ = new std::string("apply: " + applied.status().ToString());
      return;
    }
    summary_ = new ApplySummary(*applied);
    db_ = db->release();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
    delete load_error_;
    load_error_ = nullptr;
    delete summary_;
    summary_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(load_error_, nullptr) << *load_error_;
    ASSERT_NE(db_, nullptr);
  }

  static const Database& db() { return *db_; }

  // The objects of subject's relation at the view, sorted.
  static std::vector<std::string> ObjectsOf(const std::string& subject, const std::string& relation, const View& view) {
    Result<std::vector<FactInfo>> r = db_->Objects(subject, relation, view);
    EXPECT_TRUE(r.ok()) << subject << " " << relation << ": " << r.status().ToString();
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const FactInfo& f : *r) out.push_back(f.object);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The one object of an exclusive relation, or "" when none; fails the test on several.
  static std::string ObjectOf(const std::string& subject, const std::string& relation, const View& view) {
    std::vector<std::string> objs = ObjectsOf(subject, relation, view);
    EXPECT_LE(objs.size(), 1u) << subject << " " << relation;
    return objs.empty() ? "" : objs.front();
  }

  // The subjects related to object at the view, sorted and deduplicated.
  static std::set<std::string> MembersOf(const std::string& object, const std::string& relation, const View& view) {
    Result<std::vector<FactInfo>> r = db_->Members(object, relation, view);
    EXPECT_TRUE(r.ok()) << object << " " << relation << ": " << r.status().ToString();
    std::set<std::string> out;
    if (!r.ok()) return out;
    for (const FactInfo& f : *r) out.insert(f.subject);
    return out;
  }

  static size_t CountMembers(const std::string& object, const std::string& relation, const View& view) {
    return MembersOf(object, relation, view).size();
  }

  // The value of an attribute at the view, if any.
  static std::optional<Value> ValueOf(const std::string& subject, const std::string& attribute, const View& view) {
    Result<std::vector<FactInfo>> r = db_->Objects(subject, attribute, view);
    EXPECT_TRUE(r.ok()) << subject << " " << attribute << ": " << r.status().ToString();
    if (!r.ok() || r->empty()) return std::nullopt;
    EXPECT_EQ(r->size(), 1u);
    return r->front().value;
  }

  static std::string StringOf(const std::optional<Value>& v) {
    if (!v.has_value()) return "";
    if (const auto* s = std::get_if<std::string>(&v->v)) return *s;
    return FormatValue(*v);
  }

  static std::string Qualifier(const FactInfo& f, const std::string& key) {
    for (const auto& q : f.qualifiers) {
      if (q.key == key) {
        if (const auto* s = std::get_if<std::string>(&q.value.v)) return *s;
        return FormatValue(q.value);
      }
    }
    return "";
  }

  static Database* db_;
  static std::string* load_error_;
  static ApplySummary* summary_;
};

Database* DataTest::db_ = nullptr;
std::string* DataTest::load_error_ = nullptr;
ApplySummary* DataTest::summary_ = nullptr;

// ---- Lists used by several tests -----------------------------------------------

const std::vector<std::string> kLeningradMd = {"RU-KR",  "RU-KO",  "RU-ARK", "RU-VLG", "RU-KGD", "RU-LEN",
                                               "RU-MUR", "RU-NGR", "RU-PSK", "RU-SPE", "RU-NEN"};
const std::vector<std::string> kMoscowMd = {"RU-BEL", "RU-BRY", "RU-VLA", "RU-VOR", "RU-IVA", "RU-KLU", "RU-KOS",
                                            "RU-KRS", "RU-LIP", "RU-MOS", "RU-NIZ", "RU-ORL", "RU-RYA", "RU-SMO",
                                            "RU-TAM", "RU-TVE", "RU-TUL", "RU-YAR", "RU-MOW"};
const std::vector<std::string> kNorthernFleet = {"RU-KO", "RU-ARK", "RU-MUR", "RU-NEN"};
const std::vector<std::string> kAnnexed2022 = {"UA-14", "UA-09", "UA-23", "UA-65"};
const std::vector<std::string> kUaCoded = {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"};
const std::vector<std::string> kRussianCodes = {
    "RU-AD",  "RU-AL",  "RU-BA",  "RU-BU",  "RU-CE",  "RU-CU",  "RU-DA",  "RU-IN",  "RU-KB",  "RU-KL",  "RU-KC",
    "RU-KR",  "RU-KK",  "RU-KO",  "RU-ME",  "RU-MO",  "RU-SA",  "RU-SE",  "RU-TA",  "RU-TY",  "RU-UD",  "RU-ALT",
    "RU-KAM", "RU-KHA", "RU-KDA", "RU-KYA", "RU-PER", "RU-PRI", "RU-STA", "RU-ZAB", "RU-AMU", "RU-ARK", "RU-AST",
    "RU-BEL", "RU-BRY", "RU-VLA", "RU-VGG", "RU-VLG", "RU-VOR", "RU-IVA", "RU-IRK", "RU-KGD", "RU-KLU", "RU-KEM",
    "RU-KIR", "RU-KOS", "RU-KGN", "RU-KRS", "RU-LEN", "RU-LIP", "RU-MAG", "RU-MOS", "RU-MUR", "RU-NIZ", "RU-NGR",
    "RU-NVS", "RU-OMS", "RU-ORE", "RU-ORL", "RU-PNZ", "RU-PSK", "RU-ROS", "RU-RYA", "RU-SAM", "RU-SAR", "RU-SAK",
    "RU-SVE", "RU-SMO", "RU-TAM", "RU-TVE", "RU-TOM", "RU-TUL", "RU-TYU", "RU-ULY", "RU-CHE", "RU-YAR", "RU-MOW",
    "RU-SPE", "RU-YEV", "RU-NEN", "RU-KHM", "RU-CHU", "RU-YAN"};
const std::vector<std::string> kUkraineCodes = {"UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21",
                                                "UA-23", "UA-26", "UA-30", "UA-32", "UA-35", "UA-40", "UA-43",
                                                "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61",
                                                "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77"};

// ---- Loading ---------------------------------------------------------------------

TEST_F(DataTest, LoadsAsOneBatch) {
  ASSERT_NE(summary_, nullptr);
  EXPECT_GT(summary_->orders, 50u);
  EXPECT_GT(summary_->facts_asserted, 500u);
  // The themes of the layout are all there.
  std::set<std::string> dirs;
  for (const std::string& f : DataFiles()) dirs.insert(f.substr(0, f.find('/')));
  for (const char* d : {"00-schema", "10-territories", "20-federal-districts", "30-military-districts", "40-alliances",
                        "50-claims", "60-people", "70-context"}) {
    EXPECT_TRUE(dirs.count(d)) << d;
  }
}

TEST_F(DataTest, EveryOrderCitesASourceWithATitle) {
  const std::vector<OrderInfo> orders = db().Orders();
  ASSERT_FALSE(orders.empty());
  for (const OrderInfo& o : orders) {
    EXPECT_FALSE(o.sources.empty()) << o.id;
    for (const SourceInfo& s : o.sources) EXPECT_FALSE(s.title.empty()) << o.id << " cites " << s.id;
    EXPECT_FALSE(o.title.empty()) << o.id;
  }
}

TEST_F(DataTest, OrdersAreInRecordTimeOrderWithinEachFile) {
  std::map<std::string, Instant> last;
  for (const OrderInfo& o : db().Orders()) {
    auto it = last.find(o.where.file);
    if (it != last.end()) {
      EXPECT_LE(it->second.micros, o.recorded.micros) << o.id << " in " << o.where.file;
    }
    last[o.where.file] = o.recorded;
  }
}

TEST_F(DataTest, Decree141IsRecordedOnTheDayItWasSigned) {
  Result<OrderChanges> o = db().Order("ru-decree-141-2024");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->order.recorded, *ParseInstant("2024-02-26"));
  EXPECT_EQ(o->order.effective.date, D(2024, 3, 1));
  ASSERT_FALSE(o->order.sources.empty());
  bool has_decree = false;
  for (const SourceInfo& s : o->order.sources) has_decree |= s.title.find("№ 141") != std::string::npos;
  EXPECT_TRUE(has_decree);
}

// ---- Territories ------------------------------------------------------------------

TEST_F(DataTest, RussiaCounts89FederalSubjectsIn2024) {
  ASSERT_EQ(kRussianCodes.size(), 83u);
  const View ru = At(D(2024, 3, 1), "RU");
  std::set<std::string> subjects = MembersOf("RU", "part-of", ru);
  EXPECT_EQ(subjects.size(), 89u);
  for (const std::string& id : kRussianCodes) EXPECT_TRUE(subjects.count(id)) << id;
  for (const std::string& id : kUaCoded) EXPECT_TRUE(subjects.count(id)) << id;
  // Ukraine and the UN General Assembly count only the 83.
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2024, 3, 1), "UA")), 83u);
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2024, 3, 1), "UN")), 83u);
}

TEST_F(DataTest, FederalSubjectCountsOverTime) {
  // 89 in 2000 (with the six okrugs merged away in 2005-2008), 83 from 1 Mar 2008,
  // 85 from 18 Mar 2014 in Russia's view, 89 from 30 Sep 2022.
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2000, 6, 1), "RU")), 89u);
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2008, 3, 1), "RU")), 83u);
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2014, 3, 18), "RU")), 85u);
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2022, 9, 29), "RU")), 85u);
  EXPECT_EQ(CountMembers("RU", "part-of", At(D(2022, 9, 30), "RU")), 89u);
}

TEST_F(DataTest, FederalSubjectsAreOfTheirKinds) {
  std::vector<std::string> subjects = db().EntityIds("federal-subject");
  for (const std::string& id : kRussianCodes) {
    EXPECT_TRUE(std::binary_search(subjects.begin(), subjects.end(), id)) << id;
  }
  std::vector<std::string> ua = db().EntityIds("ua-region");
  EXPECT_EQ(ua.size(), 27u);
  for (const std::string& id : kUkraineCodes) EXPECT_TRUE(std::binary_search(ua.begin(), ua.end(), id)) << id;
  std::vector<std::string> territories = db().EntityIds("territory");
  EXPECT_TRUE(std::binary_search(territories.begin(), territories.end(), "RU-MUR"));
  EXPECT_TRUE(std::binary_search(territories.begin(), territories.end(), "UA-43"));
  EXPECT_TRUE(std::binary_search(territories.begin(), territories.end(), "SE"));
}

TEST_F(DataTest, UkraineHas27UnitsAllUndisputedBefore2014) {
  const View v = At(D(2010, 1, 1), "UN");
  std::set<std::string> units = MembersOf("UA", "part-of", v);
  EXPECT_EQ(units.size(), 27u);
  // Undisputed facts carry no perspective.
  Result<std::vector<FactInfo>> f = db().Objects("UA-46", "part-of", At(D(2024, 3, 1)));
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->size(), 1u);
  EXPECT_EQ(f->front().object, "UA");
  EXPECT_EQ(f->front().perspective, "");
  Result<std::vector<FactInfo>> m = db().Objects("RU-MUR", "part-of", At(D(2024, 3, 1)));
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ(m->front().object, "RU");
  EXPECT_EQ(m->front().perspective, "");
}

bool HasName(const std::vector<Name>& names, const std::string& lang, const std::string& text) {
  for (const Name& n : names) {
    if (n.lang == lang && n.text == text) return true;
  }
  return false;
}

TEST_F(DataTest, NamesAndAliases) {
  Result<EntityInfo> z = db().Entity("UA-23", At(D(2024, 3, 1)));
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_TRUE(HasName(z->names, "en", "Zaporizhzhia Oblast"));
  EXPECT_TRUE(HasName(z->names, "uk", "Запорізька область"));
  EXPECT_TRUE(HasName(z->names, "ru", "Запорожская область"));
  EXPECT_TRUE(HasName(z->aliases, "en", "Zaporozhye"));
  EXPECT_TRUE(HasName(z->aliases, "en", "Zaporizhzhia"));

  Result<EntityInfo> m = db().Entity("RU-MUR", At(D(2024, 3, 1)));
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(HasName(m->names, "en", "Murmansk Oblast"));
  EXPECT_TRUE(HasName(m->names, "ru", "Мурманская область"));

  Result<EntityInfo> c = db().Entity("UA-43", At(D(2024, 3, 1)));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(HasName(c->names, "uk", "Автономна Республіка Крим"));
  EXPECT_TRUE(HasName(c->aliases, "ru", "Республика Крым"));

  // Every Ukrainian unit has English, Ukrainian and Russian names; every Russian subject
  // English and Russian ones.
  for (const std::string& id : kUkraineCodes) {
    Result<EntityInfo> e = db().Entity(id, At(D(2024, 3, 1)));
    ASSERT_TRUE(e.ok()) << id;
    std::set<std::string> langs;
    for (const Name& n : e->names) langs.insert(n.lang);
    EXPECT_TRUE(langs.count("en") && langs.count("uk") && langs.count("ru")) << id;
  }
  for (const std::string& id : kRussianCodes) {
    Result<EntityInfo> e = db().Entity(id, At(D(2024, 3, 1)));
    ASSERT_TRUE(e.ok()) << id;
    std::set<std::string> langs;
    for (const Name& n : e->names) langs.insert(n.lang);
    EXPECT_TRUE(langs.count("en") && langs.count("ru")) << id;
  }
}

TEST_F(DataTest, NamesChangeWithTheMergers) {
  Result<EntityInfo> before = db().Entity("RU-ZAB", At(D(2008, 2, 29)));
  Result<EntityInfo> after = db().Entity("RU-ZAB", At(D(2008, 3, 1)));
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_TRUE(HasName(before->names, "en", "Chita Oblast"));
  EXPECT_TRUE(HasName(after->names, "en", "Zabaykalsky Krai"));
  Result<EntityInfo> perm = db().Entity("RU-PER", At(D(2005, 12, 1)));
  ASSERT_TRUE(perm.ok());
  EXPECT_TRUE(HasName(perm->names, "en", "Perm Krai"));
  Result<EntityInfo> kop = db().Entity("RU-KOP", At(D(2005, 12, 1)));
  ASSERT_TRUE(kop.ok());
  EXPECT_FALSE(kop->alive);
  Result<EntityInfo> kop_before = db().Entity("RU-KOP", At(D(2005, 11, 30)));
  ASSERT_TRUE(kop_before.ok());
  EXPECT_TRUE(kop_before->alive);
}

// ---- Federal districts -------------------------------------------------------------

TEST_F(DataTest, FederalDistricts2000) {
  const View v = At(D(2000, 6, 1));
  EXPECT_EQ(CountMembers("central-fd", "federal-district", v), 18u);
  EXPECT_EQ(CountMembers("northwestern-fd", "federal-district", v), 11u);
  EXPECT_EQ(CountMembers("southern-fd", "federal-district", v), 13u);
  EXPECT_EQ(CountMembers("volga-fd", "federal-district", v), 15u);
  EXPECT_EQ(CountMembers("ural-fd", "federal-district", v), 6u);
  EXPECT_EQ(CountMembers("siberian-fd", "federal-district", v), 16u);
  EXPECT_EQ(CountMembers("far-eastern-fd", "federal-district", v), 10u);
  Result<std::vector<FactInfo>> all = db().Snapshot("federal-district", v);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 89u);
  // Before Decree No. 849 there were no federal districts.
  Result<std::vector<FactInfo>> none = db().Snapshot("federal-district", At(D(2000, 5, 12)));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(DataTest, NorthCaucasianFederalDistrict2010) {
  EXPECT_EQ(ObjectOf("RU-DA", "federal-district", At(D(2010, 1, 18))), "southern-fd");
  EXPECT_EQ(ObjectOf("RU-DA", "federal-district", At(D(2010, 1, 19))), "north-caucasian-fd");
  EXPECT_EQ(ObjectOf("RU-STA", "federal-district", At(D(2010, 1, 19))), "north-caucasian-fd");
  EXPECT_EQ(ObjectOf("RU-ROS", "federal-district", At(D(2010, 1, 19))), "southern-fd");
  EXPECT_EQ(CountMembers("north-caucasian-fd", "federal-district", At(D(2010, 1, 19))), 7u);
  EXPECT_EQ(CountMembers("southern-fd", "federal-district", At(D(2010, 1, 19))), 6u);
}

TEST_F(DataTest, CrimeanFederalDistrict2014To2016) {
  EXPECT_EQ(ObjectOf("UA-43", "federal-district", At(D(2014, 3, 20))), "");
  EXPECT_EQ(ObjectOf("UA-43", "federal-district", At(D(2014, 3, 21))), "crimean-fd");
  EXPECT_EQ(ObjectOf("UA-40", "federal-district", At(D(2016, 7, 27))), "crimean-fd");
  EXPECT_EQ(ObjectOf("UA-40", "federal-district", At(D(2016, 7, 28))), "southern-fd");
  EXPECT_EQ(CountMembers("southern-fd", "federal-district", At(D(2016, 7, 28))), 8u);
  Result<EntityInfo> cfd = db().Entity("crimean-fd", At(D(2016, 7, 28)));
  ASSERT_TRUE(cfd.ok());
  EXPECT_FALSE(cfd->alive);
}

TEST_F(DataTest, BuryatiaAndZabaykalskyToFarEast2018) {
  for (const char* id : {"RU-BU", "RU-ZAB"}) {
    EXPECT_EQ(ObjectOf(id, "federal-district", At(D(2018, 11, 2))), "siberian-fd") << id;
    EXPECT_EQ(ObjectOf(id, "federal-district", At(D(2018, 11, 3))), "far-eastern-fd") << id;
  }
  const View v = At(D(2024, 3, 1));
  EXPECT_EQ(CountMembers("central-fd", "federal-district", v), 18u);
  EXPECT_EQ(CountMembers("northwestern-fd", "federal-district", v), 11u);
  EXPECT_EQ(CountMembers("southern-fd", "federal-district", v), 8u);
  EXPECT_EQ(CountMembers("north-caucasian-fd", "federal-district", v), 7u);
  EXPECT_EQ(CountMembers("volga-fd", "federal-district", v), 14u);
  EXPECT_EQ(CountMembers("ural-fd", "federal-district", v), 6u);
  EXPECT_EQ(CountMembers("siberian-fd", "federal-district", v), 10u);
  EXPECT_EQ(CountMembers("far-eastern-fd", "federal-district", v), 11u);
  // The four regions claimed in 2022 are in no federal district.
  for (const std::string& id : kAnnexed2022) EXPECT_EQ(ObjectOf(id, "federal-district", v), "") << id;
}

// ---- Military districts ------------------------------------------------------------

TEST_F(DataTest, FourDistrictsFrom2010) {
  const View v = At(D(2010, 12, 1));
  EXPECT_EQ(CountMembers("western-md", "military-district", v), 30u);
  EXPECT_EQ(CountMembers("southern-md", "military-district", v), 13u);
  EXPECT_EQ(CountMembers("central-md", "military-district", v), 29u);
  EXPECT_EQ(CountMembers("eastern-md", "military-district", v), 11u);
  Result<std::vector<FactInfo>> before = db().Snapshot("military-district", At(D(2010, 11, 30)));
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
}

TEST_F(DataTest, CrimeaAndSevastopolIntoSouthernDistrict2014) {
  EXPECT_EQ(ObjectOf("UA-43", "military-district", At(D(2014, 4, 1))), "");
  EXPECT_EQ(ObjectOf("UA-43", "military-district", At(D(2014, 4, 2))), "southern-md");
  EXPECT_EQ(ObjectOf("UA-40", "military-district", At(D(2014, 4, 2))), "southern-md");
  EXPECT_EQ(CountMembers("southern-md", "military-district", At(D(2014, 4, 2))), 15u);
}

TEST_F(DataTest, NorthernFleetJointStrategicCommand2014) {
  EXPECT_EQ(ObjectOf("northern-fleet", "subordinate-to", At(D(2014, 11, 30))), "western-md");
  EXPECT_EQ(ObjectOf("northern-fleet", "subordinate-to", At(D(2014, 12, 1))), "");
  EXPECT_EQ(StringOf(ValueOf("northern-fleet", "status", At(D(2014, 12, 1)))), "joint strategic command");
  // Its territory stayed in the Western MD until 2021.
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", At(D(2020, 12, 31))), "western-md");
}

TEST_F(DataTest, NorthernFleetAsADistrictFrom2021) {
  for (const std::string& id : kNorthernFleet) {
    EXPECT_EQ(ObjectOf(id, "military-district", At(D(2020, 12, 31))), "western-md") << id;
    EXPECT_EQ(ObjectOf(id, "military-district", At(D(2021, 1, 1))), "northern-fleet") << id;
  }
  EXPECT_EQ(StringOf(ValueOf("northern-fleet", "status", At(D(2021, 1, 1)))),
            "interservice strategic territorial association");
  // The decree of 5 June 2020 was known from that day: as recorded on 2020-06-04 the
  // move is not yet there.
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", AsRecorded(D(2021, 1, 1), "2020-06-04")), "western-md");
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", AsRecorded(D(2021, 1, 1), "2020-06-05")), "northern-fleet");
}

TEST_F(DataTest, DistrictsBeforeDecree141) {
  const View v = At(D(2024, 2, 29));
  EXPECT_EQ(CountMembers("western-md", "military-district", v), 26u);
  EXPECT_EQ(CountMembers("northern-fleet", "military-district", v), 4u);
  EXPECT_EQ(CountMembers("southern-md", "military-district", v), 15u);
  EXPECT_EQ(CountMembers("central-md", "military-district", v), 29u);
  EXPECT_EQ(CountMembers("eastern-md", "military-district", v), 11u);
  Result<std::vector<FactInfo>> all = db().Snapshot("military-district", v);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 85u);
  // The four regions claimed in 2022 were in no district by law (the MoD map is not law).
  for (const std::string& id : kAnnexed2022) {
    EXPECT_EQ(ObjectOf(id, "military-district", v), "") << id;
    EXPECT_EQ(ObjectOf(id, "military-district", At(D(2023, 6, 1))), "") << id;
  }
}

TEST_F(DataTest, DistrictsAfterDecree141) {
  const View v = At(D(2024, 3, 1));
  EXPECT_EQ(CountMembers("leningrad-md", "military-district", v), 11u);
  EXPECT_EQ(CountMembers("moscow-md", "military-district", v), 19u);
  EXPECT_EQ(CountMembers("southern-md", "military-district", v), 19u);
  EXPECT_EQ(CountMembers("central-md", "military-district", v), 29u);
  EXPECT_EQ(CountMembers("eastern-md", "military-district", v), 11u);
  EXPECT_EQ(CountMembers("northern-fleet", "military-district", v), 0u);
  Result<std::vector<FactInfo>> all = db().Snapshot("military-district", v);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 89u);
  std::set<std::string> subjects;
  for (const FactInfo& f : *all) subjects.insert(f.subject);
  EXPECT_EQ(subjects.size(), 89u);  // each subject exactly once

  for (const std::string& id : kLeningradMd) EXPECT_EQ(ObjectOf(id, "military-district", v), "leningrad-md") << id;
  for (const std::string& id : kMoscowMd) EXPECT_EQ(ObjectOf(id, "military-district", v), "moscow-md") << id;
  for (const std::string& id : kAnnexed2022) EXPECT_EQ(ObjectOf(id, "military-district", v), "southern-md") << id;

  // Murmansk: Northern Fleet on the last day of February, Leningrad MD on 1 March.
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", At(D(2024, 2, 29))), "northern-fleet");
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", At(D(2024, 3, 1))), "leningrad-md");
  EXPECT_EQ(ObjectOf("RU-MOW", "military-district", At(D(2024, 2, 29))), "western-md");
  EXPECT_EQ(ObjectOf("RU-MOW", "military-district", At(D(2024, 3, 1))), "moscow-md");
  // Leningrad MD = Northwestern FD.
  EXPECT_EQ(MembersOf("leningrad-md", "military-district", v), MembersOf("northwestern-fd", "federal-district", v));
}

TEST_F(DataTest, WesternDistrictAbolished) {
  Result<EntityInfo> w = db().Entity("western-md", At(D(2024, 3, 1)));
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->alive);
  Result<EntityInfo> w0 = db().Entity("western-md", At(D(2024, 2, 29)));
  ASSERT_TRUE(w0.ok());
  EXPECT_TRUE(w0->alive);
  Result<EntityInfo> m = db().Entity("moscow-md", At(D(2024, 2, 29)));
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->alive);
  Result<EntityInfo> m1 = db().Entity("moscow-md", At(D(2024, 3, 1)));
  ASSERT_TRUE(m1.ok());
  EXPECT_TRUE(m1->alive);
}

TEST_F(DataTest, AsKnownOn25February2024) {
  // The bitemporal question: on 25 Feb 2024 nobody knew of Decree No. 141, so the record as
  // known then still puts Murmansk Oblast under the Northern Fleet on 1 Mar 2024.
  const View then = AsRecorded(D(2024, 3, 1), "2024-02-25");
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", then), "northern-fleet");
  EXPECT_EQ(ObjectOf("RU-MOW", "military-district", then), "western-md");
  EXPECT_EQ(ObjectOf("UA-65", "military-district", then), "");
  EXPECT_EQ(StringOf(ValueOf("northern-fleet", "status", then)), "interservice strategic territorial association");
  EXPECT_EQ(CountMembers("nato", "member-of", then), 31u);
  // As known on the day of the decree, the new structure is there.
  const View decree_day = AsRecorded(D(2024, 3, 1), "2024-02-26T12:00:00Z");
  EXPECT_EQ(ObjectOf("RU-MUR", "military-district", decree_day), "leningrad-md");
  EXPECT_EQ(ObjectOf("UA-65", "military-district", decree_day), "southern-md");
}

TEST_F(DataTest, DistrictStatusesAndSubordination) {
  const View before = At(D(2024, 2, 29));
  const View after = At(D(2024, 3, 1));
  const std::string kStatus = "interservice strategic territorial association";
  EXPECT_EQ(StringOf(ValueOf("northern-fleet", "status", before)), kStatus);
  EXPECT_NE(StringOf(ValueOf("northern-fleet", "status", after)), kStatus);  // lost on 1 Mar 2024
  for (const char* md : {"southern-md", "central-md", "eastern-md", "western-md"}) {
    EXPECT_EQ(StringOf(ValueOf(md, "status", before)), kStatus) << md;
  }
  for (const char* md : {"moscow-md", "leningrad-md", "southern-md", "central-md", "eastern-md"}) {
    EXPECT_EQ(StringOf(ValueOf(md, "status", after)), kStatus) << md;
    EXPECT_EQ(ObjectOf(md, "subordinate-to", after), "ministry-of-defence") << md;
  }
  EXPECT_EQ(ObjectOf("northern-fleet", "subordinate-to", before), "ministry-of-defence");
  EXPECT_EQ(ObjectOf("northern-fleet", "subordinate-to", after), "navy");
  EXPECT_EQ(ObjectOf("northern-fleet", "subordinate-to", At(D(2012, 1, 1))), "western-md");
  EXPECT_EQ(ObjectOf("navy", "subordinate-to", after), "ministry-of-defence");
  EXPECT_EQ(ObjectOf("general-staff", "subordinate-to", after), "ministry-of-defence");
  // The chain up from the Northern Fleet ends at the Ministry.
  Result<std::vector<FactInfo>> path = db().PathUp("northern-fleet", "subordinate-to", after);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_EQ(path->size(), 2u);
  EXPECT_EQ(path->back().object, "ministry-of-defence");
}

// ---- Alliances ---------------------------------------------------------------------

std::set<std::string> Intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.begin()));
  return out;
}

TEST_F(DataTest, NatoAndEuMembershipCounts) {
  const View feb = At(D(2024, 2, 27));
  const View mar = At(D(2024, 3, 8));
  EXPECT_EQ(CountMembers("nato", "member-of", feb), 31u);
  EXPECT_EQ(CountMembers("nato", "member-of", mar), 32u);
  EXPECT_EQ(CountMembers("eu", "member-of", feb), 27u);
  EXPECT_EQ(CountMembers("eu", "member-of", mar), 27u);
  // The founders are members from the treaty's entry into force (24 Aug 1949), not its signature.
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(1949, 8, 23))), 0u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(1949, 8, 24))), 12u);
  EXPECT_EQ(CountMembers("eu", "member-of", At(D(1958, 1, 1))), 6u);
  EXPECT_EQ(CountMembers("eu", "member-of", At(D(2020, 1, 31))), 28u);
  EXPECT_EQ(CountMembers("eu", "member-of", At(D(2020, 2, 1))), 27u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(2020, 3, 26))), 29u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(2020, 3, 27))), 30u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(2023, 4, 4))), 31u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(2024, 3, 6))), 31u);
  EXPECT_EQ(CountMembers("nato", "member-of", At(D(2024, 3, 7))), 32u);
}

TEST_F(DataTest, MembersOfBothFromSnapshot) {
  auto both = [&](Date d) {
    Result<std::vector<FactInfo>> snap = db().Snapshot("member-of", At(d));
    EXPECT_TRUE(snap.ok());
    std::set<std::string> nato, eu;
    if (snap.ok()) {
      for (const FactInfo& f : *snap) {
        if (f.object == "nato") nato.insert(f.subject);
        if (f.object == "eu") eu.insert(f.subject);
      }
    }
    return Intersect(nato, eu);
  };
  std::set<std::string> feb = both(D(2024, 2, 27));
  std::set<std::string> mar = both(D(2024, 3, 8));
  EXPECT_EQ(feb.size(), 22u);
  EXPECT_EQ(mar.size(), 23u);
  EXPECT_FALSE(feb.count("SE"));
  EXPECT_TRUE(mar.count("SE"));
  EXPECT_FALSE(mar.count("GB"));
  EXPECT_FALSE(mar.count("AT"));
  EXPECT_TRUE(mar.count("FI"));
}

TEST_F(DataTest, SwedenAsKnownBeforeAccession) {
  EXPECT_EQ(ObjectsOf("SE", "member-of", AsRecorded(D(2024, 3, 8), "2024-03-06")), std::vector<std::string>{"eu"});
  EXPECT_EQ(ObjectsOf("SE", "member-of", At(D(2024, 3, 8))), (std::vector<std::string>{"eu", "nato"}));
  EXPECT_EQ(ObjectsOf("GB", "member-of", At(D(2020, 1, 31))), (std::vector<std::string>{"eu", "nato"}));
  EXPECT_EQ(ObjectsOf("GB", "member-of", At(D(2020, 2, 1))), std::vector<std::string>{"nato"});
}

// ---- Contested territory -------------------------------------------------------------

TEST_F(DataTest, CrimeaPartOfPerPerspective) {
  const Date d = D(2024, 3, 1);
  EXPECT_EQ(ObjectOf("UA-43", "part-of", At(d, "RU")), "RU");
  EXPECT_EQ(ObjectOf("UA-43", "part-of", At(d, "UA")), "UA");
  EXPECT_EQ(ObjectOf("UA-43", "part-of", At(d, "UN")), "UA");
  EXPECT_EQ(ObjectOf("UA-40", "part-of", At(d, "RU")), "RU");
  EXPECT_EQ(ObjectOf("UA-40", "part-of", At(d, "UN")), "UA");
  // Before the annexation the fact was undisputed.
  Result<std::vector<FactInfo>> before = db().Objects("UA-43", "part-of", At(D(2014, 3, 17)));
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ(before->front().object, "UA");
  EXPECT_EQ(before->front().perspective, "");
  // From 18 Mar 2014 Russia's view differs.
  EXPECT_EQ(ObjectOf("UA-43", "part-of", At(D(2014, 3, 18), "RU")), "RU");
  EXPECT_EQ(ObjectOf("UA-43", "part-of", At(D(2014, 3, 18), "UA")), "UA");
  // With no perspective, every view is shown, each labelled.
  Result<std::vector<FactInfo>> all = db().Objects("UA-43", "part-of", At(d));
  ASSERT_TRUE(all.ok());
  std::map<std::string, std::string> by_view;
  for (const FactInfo& f : *all) by_view[f.perspective] = f.object;
  EXPECT_EQ(by_view["RU"], "RU");
  EXPECT_EQ(by_view["UA"], "UA");
  EXPECT_EQ(by_view["UN"], "UA");
  EXPECT_FALSE(by_view.count(""));
  // The UN General Assembly spoke on 27 Mar 2014: as known before, its view is empty.
  EXPECT_EQ(ObjectOf("UA-43", "part-of", AsRecorded(D(2014, 3, 20), "2014-03-20", "UN")), "");
  EXPECT_EQ(ObjectOf("UA-43", "part-of", AsRecorded(D(2014, 3, 20), "2014-03-28", "UN")), "UA");
}

TEST_F(DataTest, FourRegionsPartOfPerPerspective) {
  const Date d = D(2024, 3, 1);
  for (const std::string& id : kAnnexed2022) {
    EXPECT_EQ(ObjectOf(id, "part-of", At(d, "RU")), "RU") << id;
    EXPECT_EQ(ObjectOf(id, "part-of", At(d, "UA")), "UA") << id;
    EXPECT_EQ(ObjectOf(id, "part-of", At(d, "UN")), "UA") << id;
    // Russia recognised the 'independence' of Zaporizhzhia and Kherson oblasts on 29 Sep 2022 (and
    // the DPR and LPR on 21 Feb 2022): in its view none of the four belongs to a state that day.
    EXPECT_EQ(ObjectOf(id, "part-of", At(D(2022, 9, 29), "RU")), "") << id;
    EXPECT_EQ(ObjectOf(id, "part-of", At(D(2022, 9, 29), "UA")), "UA") << id;
    EXPECT_EQ(ObjectOf(id, "part-of", At(D(2022, 9, 30), "RU")), "RU") << id;
  }
  // Donetsk and Luhansk: undisputed until Russia recognised the 'republics' on 21 Feb 2022.
  EXPECT_EQ(ObjectOf("UA-14", "part-of", At(D(2022, 2, 20), "RU")), "UA");
  EXPECT_EQ(ObjectOf("UA-14", "part-of", At(D(2022, 2, 21), "RU")), "");
  EXPECT_EQ(ObjectOf("UA-14", "part-of", At(D(2022, 2, 21), "UA")), "UA");
}

TEST_F(DataTest, KhersonClaimVersusControl) {
  const Date d = D(2024, 3, 1);
  // Claim: Russia claims the oblast, to an extent it left undefined ("по границам мы продолжим
  // советоваться с населением этих областей", Peskov, 3 Oct 2022); Donetsk Oblast it claims whole.
  Result<std::vector<FactInfo>> claim = db().Objects("UA-65", "part-of", At(d, "RU"));
  ASSERT_TRUE(claim.ok());
  ASSERT_EQ(claim->size(), 1u);
  EXPECT_EQ(claim->front().object, "RU");
  EXPECT_EQ(claim->front().perspective, "RU");
  EXPECT_EQ(Qualifier(claim->front(), "extent"), "undefined");
  Result<std::vector<FactInfo>> donetsk = db().Objects("UA-14", "part-of", At(d, "RU"));
  ASSERT_TRUE(donetsk.ok());
  ASSERT_EQ(donetsk->size(), 1u);
  EXPECT_EQ(Qualifier(donetsk->front(), "extent"), "whole");
  // Control: Russia holds only part of it, and so does Ukraine. Control is undisputed fact.
  Result<std::vector<FactInfo>> control = db().Objects("UA-65", "controlled-by", At(d));
  ASSERT_TRUE(control.ok());
  std::map<std::string, std::string> extent;
  for (const FactInfo& f : *control) {
    EXPECT_EQ(f.perspective, "") << f.object;
    extent[f.object] = Qualifier(f, "extent");
  }
  EXPECT_EQ(extent.size(), 2u);
  EXPECT_EQ(extent["RU"], "partial");
  EXPECT_EQ(extent["UA"], "partial");
  // Same for Zaporizhzhia; before the invasion Ukraine held all of both.
  Result<std::vector<FactInfo>> z = db().Objects("UA-23", "controlled-by", At(d));
  ASSERT_TRUE(z.ok());
  for (const FactInfo& f : *z) EXPECT_EQ(Qualifier(f, "extent"), "partial") << f.object;
  Result<std::vector<FactInfo>> k2021 = db().Objects("UA-65", "controlled-by", At(D(2021, 6, 1)));
  ASSERT_TRUE(k2021.ok());
  ASSERT_EQ(k2021->size(), 1u);
  EXPECT_EQ(k2021->front().object, "UA");
  EXPECT_EQ(Qualifier(k2021->front(), "extent"), "whole");
}

TEST_F(DataTest, CrimeaAndDonbasControl) {
  const Date d = D(2024, 3, 1);
  for (const char* id : {"UA-43", "UA-40"}) {
    Result<std::vector<FactInfo>> c = db().Objects(id, "controlled-by", At(d));
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->size(), 1u) << id;
    EXPECT_EQ(c->front().object, "RU");
    EXPECT_EQ(Qualifier(c->front(), "extent"), "whole");
    EXPECT_TRUE(c->front().from.uncertain || c->front().from.approximate) << "control date is not exact";
  }
  for (const char* id : {"UA-14", "UA-09"}) {
    EXPECT_EQ(ObjectsOf(id, "controlled-by", At(D(2016, 1, 1))), (std::vector<std::string>{"RU", "UA"})) << id;
    EXPECT_EQ(ObjectsOf(id, "controlled-by", At(D(2013, 1, 1))), std::vector<std::string>{"UA"}) << id;
  }
}

// ---- People and context ------------------------------------------------------------

TEST_F(DataTest, PeopleAndOffices) {
  const View v = At(D(2024, 2, 27));
  EXPECT_EQ(ObjectsOf("dmitry-peskov", "holds-office", v), std::vector<std::string>{"ru-president-press-secretary"});
  EXPECT_EQ(ObjectsOf("emmanuel-macron", "holds-office", v), std::vector<std::string>{"fr-president"});
  EXPECT_EQ(ObjectsOf("jens-stoltenberg", "holds-office", v), std::vector<std::string>{"nato-secretary-general"});
  EXPECT_TRUE(ObjectsOf("dmitry-peskov", "holds-office", At(D(2012, 5, 21))).empty());
  EXPECT_FALSE(ObjectsOf("dmitry-peskov", "holds-office", At(D(2012, 5, 22))).empty());
  EXPECT_TRUE(ObjectsOf("emmanuel-macron", "holds-office", At(D(2017, 5, 13))).empty());
  EXPECT_FALSE(ObjectsOf("emmanuel-macron", "holds-office", At(D(2017, 5, 14))).empty());
  EXPECT_TRUE(ObjectsOf("jens-stoltenberg", "holds-office", At(D(2014, 9, 30))).empty());
  EXPECT_FALSE(ObjectsOf("jens-stoltenberg", "holds-office", At(D(2024, 9, 30))).empty());
  EXPECT_TRUE(ObjectsOf("jens-stoltenberg", "holds-office", At(D(2024, 10, 1))).empty());
  Result<EntityInfo> office = db().Entity("ru-president-press-secretary", v);
  ASSERT_TRUE(office.ok());
  EXPECT_TRUE(HasName(office->aliases, "en", "Kremlin spokesman"));
  // The statements quoted on 26-27 Feb 2024.
  EXPECT_EQ(ObjectOf("peskov-2024-02-27", "stated-by", v), "dmitry-peskov");
  EXPECT_EQ(ObjectOf("macron-2024-02-26", "stated-by", v), "emmanuel-macron");
  EXPECT_EQ(ObjectOf("stoltenberg-2024-02-27", "stated-by", v), "jens-stoltenberg");
  EXPECT_NE(StringOf(ValueOf("peskov-2024-02-27", "quote", v)).find("inevitability"), std::string::npos);
}

TEST_F(DataTest, NuclearWarheads2024) {
  const View v = At(D(2024, 3, 1));
  const std::map<std::string, int64_t> expected = {{"RU", 5580}, {"US", 5044}, {"GB", 225}, {"FR", 290}};
  for (const auto& [state, total] : expected) {
    std::optional<Value> value = ValueOf(state, "warheads-total", v);
    ASSERT_TRUE(value.has_value()) << state;
    ASSERT_EQ(value->type(), ValueType::kInteger) << state;
    EXPECT_EQ(std::get<int64_t>(value->v), total) << state;
  }
  Result<std::vector<FactInfo>> ru = db().Objects("RU", "warheads-total", v);
  ASSERT_TRUE(ru.ok());
  ASSERT_EQ(ru->size(), 1u);
  EXPECT_EQ(Qualifier(ru->front(), "deployed"), "1710");
  EXPECT_EQ(ru->front().from.date, D(2024, 1, 1));
  EXPECT_EQ(ru->front().from.precision, Precision::kMonth);
  EXPECT_FALSE(ValueOf("RU", "warheads-total", At(D(2023, 12, 31))).has_value());
}

// ---- Back-dated orders against the bundled record (record time that cannot lie) -------------

// The bundled record in a fresh database of its own, so that a test may add orders to it.
std::unique_ptr<Database> FreshRecord() {
  Batch batch;
  for (const std::string& rel : DataFiles()) {
    const std::string file = "data/" + rel;
    ParseResult parsed = ParseOrders(ReadFile(fs::path(ORDO_SOURCE_DIR) / file), file);
    EXPECT_TRUE(parsed.ok()) << file;
    batch.Append(std::move(parsed.batch));
  }
  auto db = Database::Open(":memory:");
  EXPECT_TRUE(db.ok());
  auto applied = (*db)->Apply(batch);
  EXPECT_TRUE(applied.ok()) << applied.status().ToString();
  return std::move(db).value();
}

Status ApplyText(Database& db, const std::string& text) {
  ParseResult parsed = ParseOrders(text, "bd.ordo");
  if (!parsed.ok()) return parsed.diagnostics.front();
  return db.Apply(parsed.batch).status();
}

std::vector<std::string> Districts(const Database& db, const std::string& subject, const View& view) {
  auto r = db.Objects(subject, "military-district", view);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const FactInfo& f : *r) out.push_back(f.object);
  }
  return out;
}

// Regression (found by an attack on the bundled record): an order back-dated to 2000 moved
// Murmansk Oblast into the Moscow MD from 2024-06-01. The record as known on 2024-02-25 then
// held two districts for 2024-07-01. The Moscow MD's second life (from 2024) is known only from
// 26 Feb 2024, and its first life (1918-2010) is known to have ended from 9 Sep 2010, when the
// Western MD's formation was reported: as known then and until 26 Feb 2024, the district does not
// exist on 2024-06-01, so the order is refused, naming the first view it fails in.
TEST(BackDated, AMoveIntoADistrictNotYetKnownIsRefused) {
  std::unique_ptr<Database> db = FreshRecord();
  ASSERT_NE(db, nullptr);
  const Status st = ApplyText(*db,
                              "order bd \"x\" effective 2024-06-01 recorded 2000-01-01 sources decree-141-2024 {\n"
                              "  move RU-MUR military-district -> moscow-md\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation) << st.ToString();
  EXPECT_EQ(st.message(),
            "as known on 2010-09-09T00:00:00Z, 'RU-MUR military-district -> moscow-md' from 2024-06-01 refers to "
            "'moscow-md' outside its lifetime: it exists from 1918-05-04 to 2010-09-01")
      << st.ToString();
  // Nothing changed.
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2024, 7, 1), "2024-02-25")),
            std::vector<std::string>{"northern-fleet"});
  EXPECT_EQ(Districts(*db, "RU-MUR", At(D(2024, 7, 1))), std::vector<std::string>{"leningrad-md"});
}

// A back-dated order that every past view can take applies to each of them: as known at any
// time from its own record time on, Murmansk has one district on every date.
TEST(BackDated, AMoveAppliesToEveryViewFromItsRecordTime) {
  std::unique_ptr<Database> db = FreshRecord();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(ApplyText(*db,
                        "order bd \"x\" effective 2024-06-01 recorded 2015-01-01 sources decree-141-2024 {\n"
                        "  move RU-MUR military-district -> southern-md\n}\n")
                  .ok());
  using V = std::vector<std::string>;
  // Known in 2016: the Western MD until the move, then the Southern MD.
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2020, 1, 1), "2016-01-01")), V{"western-md"});
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2024, 7, 1), "2016-01-01")), V{"southern-md"});
  // Known on 2024-02-25: the Northern Fleet from 2021, then the move.
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2023, 1, 1), "2024-02-25")), V{"northern-fleet"});
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2024, 7, 1), "2024-02-25")), V{"southern-md"});
  // Known now: the Leningrad MD from Decree 141, then the move.
  EXPECT_EQ(Districts(*db, "RU-MUR", At(D(2024, 4, 1))), V{"leningrad-md"});
  EXPECT_EQ(Districts(*db, "RU-MUR", At(D(2024, 7, 1))), V{"southern-md"});
  // Before its record time the order is nowhere.
  EXPECT_EQ(Districts(*db, "RU-MUR", AsRecorded(D(2024, 7, 1), "2014-12-31")), V{"western-md"});
}

}  // namespace
}  // namespace ordo
