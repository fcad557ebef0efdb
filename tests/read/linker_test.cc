// The mention finder (read/linker.h) on a small record written here, one case of the issue's
// list each: word order, coordination, transliteration, abbreviation, inflection, names of
// other dates, ambiguity and what resolves it.
#include "read/linker.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ordo/database.h"
#include "read/corpus.h"
#include "read/read.h"

namespace ordo::read {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

constexpr const char* kRecord = R"(
source s { title "a test" }
order base effective 1992-05-07 recorded 2020-01-01 sources s {
  create (leningrad-md moscow-md) : military-district
  rename leningrad-md "Leningrad Military District" @ru "Ленинградский военный округ" @uk "Ленінградський військовий округ"
  alias leningrad-md "LMD" @ru "ЛенВО"
  rename moscow-md "Moscow Military District" @ru "Московский военный округ"
  create moscow : place "Moscow" @ru "Москва"
  create RU-MOW : federal-subject "Moscow" @ru "Москва"
  alias RU-MOW "Moscow City"
  create RU-MUR : federal-subject "Murmansk Oblast" @ru "Мурманская область"
  create RU-LEN : federal-subject "Leningrad Oblast" @ru "Ленинградская область"
  create UA-23 : federal-subject "Zaporizhzhia Oblast" @uk "Запорізька область"
  alias UA-23 "Zaporizhia Oblast" "Zaporozhye Oblast" "Zaporizhzhia" "Zaporizhia" "Zaporozhye"
  create (ivan-petrov oleg-petrov) : person
  rename ivan-petrov "Ivan Petrov"
  rename oleg-petrov "Oleg Petrov"
}
order wmd effective 2010-12-01 recorded 2020-01-01 sources s {
  create western-md : military-district "Western Military District" @ru "Западный военный округ"
  alias western-md "WMD" @ru "ЗВО"
  end (leningrad-md moscow-md)
}
order wmd-end effective 2024-03-01 recorded 2024-02-26 sources s {
  end western-md
}
)";

class LinkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    db_ = corpus::LoadWithSchema(ORDO_SOURCE_DIR, kRecord, &error).release();
    ASSERT_NE(db_, nullptr) << error;
    linker_ = new Linker(*db_, std::nullopt);
  }
  static void TearDownTestSuite() {
    delete linker_;
    delete db_;
  }

  // "text→entity" for each mention ("text→?" when ambiguous).
  static std::vector<std::string> Links(const std::string& text, Date date, const std::string& lang = "") {
    ReadOptions options;
    options.date = date;
    options.lang = lang;
    auto r = ReadText(*db_, *linker_, text, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const Mention& m : r->mentions) out.push_back(m.text + "→" + (m.ambiguous() ? "?" : m.entity));
    return out;
  }
  static Mention First(const std::string& text, Date date) {
    ReadOptions options;
    options.date = date;
    auto r = ReadText(*db_, *linker_, text, options);
    EXPECT_TRUE(r.ok() && !r->mentions.empty());
    return r.ok() && !r->mentions.empty() ? r->mentions[0] : Mention{};
  }

  static Database* db_;
  static Linker* linker_;
};
Database* LinkerTest::db_ = nullptr;
Linker* LinkerTest::linker_ = nullptr;

using V = std::vector<std::string>;

TEST_F(LinkerTest, WholeNamesInAnyCase) {
  EXPECT_EQ(Links("The Leningrad Military District was re-created.", D(2005, 1, 1)),
            V{"Leningrad Military District→leningrad-md"});
  EXPECT_EQ(Links("the leningrad military district", D(2005, 1, 1)), V{"leningrad military district→leningrad-md"});
}

TEST_F(LinkerTest, WordOrderVariants) {
  EXPECT_EQ(Links("the Military District of Leningrad held exercises", D(2005, 1, 1)),
            V{"Military District of Leningrad→leningrad-md"});
  EXPECT_EQ(Links("Leningrad's district was abolished", D(2005, 1, 1)), V{"Leningrad's district→leningrad-md"});
}

TEST_F(LinkerTest, CoordinatedNamesNameEach) {
  EXPECT_EQ(Links("the military districts of Moscow and Leningrad", D(2005, 1, 1)),
            (V{"Moscow→moscow-md", "Leningrad→leningrad-md"}));
  EXPECT_EQ(Links("the former Moscow and Leningrad military districts", D(2005, 1, 1)),
            (V{"Moscow→moscow-md", "Leningrad→leningrad-md"}));
  EXPECT_EQ(Links("созданы Московский и Ленинградский военные округа", D(2005, 1, 1)),
            (V{"Московский→moscow-md", "Ленинградский→leningrad-md"}));
  EXPECT_EQ(Links("в состав вошли Мурманская и Ленинградская области", D(2005, 1, 1)),
            (V{"Мурманская→RU-MUR", "Ленинградская→RU-LEN"}));
}

TEST_F(LinkerTest, TransliterationsHeldAsAliases) {
  EXPECT_EQ(Links("in Zaporizhia Oblast", D(2023, 1, 1)), V{"Zaporizhia Oblast→UA-23"});
  EXPECT_EQ(Links("near Zaporozhye", D(2023, 1, 1)), V{"Zaporozhye→UA-23"});
  EXPECT_EQ(Links("the Zaporizhzhia region", D(2023, 1, 1)), V{"Zaporizhzhia region→UA-23"});
}

TEST_F(LinkerTest, AbbreviationsOnlyInCapitals) {
  EXPECT_EQ(Links("The LMD commander", D(2005, 1, 1)), V{"LMD→leningrad-md"});
  EXPECT_EQ(Links("штаб ЛенВО", D(2005, 1, 1)), V{"ЛенВО→leningrad-md"});
  EXPECT_EQ(Links("a lmd of text", D(2005, 1, 1)), V{});
  EXPECT_EQ(Links("штаб Западного ВО", D(2015, 1, 1)), V{"Западного ВО→western-md"});
  // A lower-case part before an abbreviated head, not before a head in words.
  EXPECT_EQ(Links("штаб западного ВО", D(2015, 1, 1)), V{"западного ВО→western-md"});
  EXPECT_EQ(Links("the western district", D(2015, 1, 1)), V{});
}

TEST_F(LinkerTest, InflectedRussianAndUkrainian) {
  EXPECT_EQ(Links("командующий войсками Ленинградского военного округа", D(2005, 1, 1)),
            V{"Ленинградского военного округа→leningrad-md"});
  EXPECT_EQ(Links("у Мурманской области", D(2005, 1, 1)), V{"Мурманской области→RU-MUR"});
  EXPECT_EQ(Links("командувач Ленінградського військового округу", D(2005, 1, 1), "uk"),
            V{"Ленінградського військового округу→leningrad-md"});
  EXPECT_EQ(Links("на території Запорізької області", D(2023, 1, 1), "uk"), V{"Запорізької області→UA-23"});
}

TEST_F(LinkerTest, NamesOfAnotherDateLinkWithANote) {
  Mention m = First("The Western Military District", D(2024, 6, 1));
  EXPECT_EQ(m.entity, "western-md");
  EXPECT_EQ(m.note, "Western Military District: abolished 2024-03-01");
  ASSERT_EQ(m.candidates.size(), 1u);
  EXPECT_FALSE(m.candidates[0].valid);
  Mention before = First("ЗВО", D(2005, 1, 1));
  EXPECT_EQ(before.entity, "western-md");
  EXPECT_EQ(before.note, "Western Military District: formed 2010-12-01");
  EXPECT_EQ(First("The Western Military District", D(2015, 1, 1)).note, "");
}

TEST_F(LinkerTest, TheHeadDecidesBetweenDistrictAndCity) {
  EXPECT_EQ(Links("the military district of Moscow", D(2005, 1, 1)), V{"military district of Moscow→moscow-md"});
  EXPECT_EQ(Links("MOSCOW (Reuters) - troops", D(2005, 1, 1)), V{"MOSCOW→moscow"});
}

TEST_F(LinkerTest, TheSentenceDecidesBetweenCityAndRegion) {
  EXPECT_EQ(Links("Murmansk Oblast and Moscow joined it.", D(2005, 1, 1)),
            (V{"Murmansk Oblast→RU-MUR", "Moscow→RU-MOW"}));
  EXPECT_EQ(Links("He flew to Moscow.", D(2005, 1, 1)), V{"Moscow→moscow"});
}

TEST_F(LinkerTest, WhatStaysAmbiguousIsReportedWithItsCandidates) {
  Mention m = First("Petrov said so.", D(2005, 1, 1));
  EXPECT_TRUE(m.ambiguous());
  ASSERT_EQ(m.candidates.size(), 2u);
  EXPECT_EQ(m.candidates[0].entity, "ivan-petrov");
  EXPECT_EQ(m.candidates[1].entity, "oleg-petrov");
  EXPECT_EQ(m.confidence, 0);
  // The full name decides.
  EXPECT_EQ(Links("Oleg Petrov said so.", D(2005, 1, 1)), V{"Oleg Petrov→oleg-petrov"});
}

TEST_F(LinkerTest, ASurnameAfterAnotherFirstNameIsAnotherPerson) {
  EXPECT_EQ(Links("The analyst Boris Petrov said so.", D(2005, 1, 1)), V{});
  EXPECT_EQ(Links("Дмитрия Петрова", D(2005, 1, 1)), V{});
}

TEST_F(LinkerTest, ANameOpeningAShortQuotationIsATitle) {
  EXPECT_EQ(Links("программа «Москва. Кремль. Путин» вышла", D(2005, 1, 1)), V{});
}

TEST_F(LinkerTest, SpansAreInCodePointsAndBytes) {
  ReadOptions options;
  options.date = D(2005, 1, 1);
  auto r = ReadText(*db_, *linker_, "«в ЛенВО»", options);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->mentions.size(), 1u);
  EXPECT_EQ(r->mentions[0].cp_begin, 3u);
  EXPECT_EQ(r->mentions[0].cp_end, 8u);
  EXPECT_EQ(r->mentions[0].begin, 5u);  // « and в are two bytes each
  EXPECT_EQ(r->mentions[0].end, 15u);
}

TEST_F(LinkerTest, DetectsTheLanguageByItsLetters) {
  EXPECT_EQ(DetectLanguage(Tokenize("The district")), "en");
  EXPECT_EQ(DetectLanguage(Tokenize("Військовий округ і флот")), "uk");
  EXPECT_EQ(DetectLanguage(Tokenize("Военный округ был создан")), "ru");
}

}  // namespace
}  // namespace ordo::read
