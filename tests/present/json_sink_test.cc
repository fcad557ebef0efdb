// The two writers of one shape (present/json_sink.h) against nlohmann, the reference: TextSink's
// text is what nlohmann writes for the same document, and DomSink builds that document.
#include "present/json_sink.h"

#include <gtest/gtest.h>

#include <random>

namespace ordo::present {
namespace {

std::string Reference(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Bytes drawn to hit every class the writer treats apart: plain ASCII, the quote and backslash,
// control bytes and DEL, valid UTF-8 of each length, and stray, truncated, overlong and surrogate
// sequences.
std::string RandomBytes(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {"a",
                                                   "Z",
                                                   " ",
                                                   "\"",
                                                   "\\",
                                                   "/",
                                                   "\x7f",
                                                   "\n",
                                                   "\t",
                                                   "\r",
                                                   "\b",
                                                   "\f",
                                                   std::string(1, '\0'),
                                                   "\x01",
                                                   "\x1f",
                                                   "\xc3\xa9",
                                                   "\xd0\x96",
                                                   "\xe2\x82\xac",
                                                   "\xf0\x9f\x98\x80",
                                                   "\x80",
                                                   "\xbf",
                                                   "\xc0\xaf",
                                                   "\xc1\x81",
                                                   "\xe0\x80\xaf",
                                                   "\xed\xa0\x80",
                                                   "\xf4\x90\x80\x80",
                                                   "\xf5",
                                                   "\xff",
                                                   "\xc3",
                                                   "\xe2\x82",
                                                   "\xf0\x9f\x98",
                                                   "\xf4\x8f\xbf\xbf"};
  std::uniform_int_distribution<size_t> len(0, 12), pick(0, kPieces.size() - 1);
  std::string s;
  for (size_t n = len(rng); n > 0; --n) s += kPieces[pick(rng)];
  return s;
}

TEST(JsonSinkTest, StringsAreEscapedAsNlohmannEscapesThem) {
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = RandomBytes(rng);
    TextSink t;
    t.String(s);
    ASSERT_EQ(t.Take(), Reference(json(s))) << "bytes: " << json(s).dump(-1, ' ', true, json::error_handler_t::replace);
  }
}

// A random document: objects (keys may repeat: the first place, the last value), arrays, strings,
// integers of both signs, doubles, booleans and null.
json RandomDoc(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 5 : 7);
  switch (kind(rng)) {
    case 0: return json(RandomBytes(rng));
    case 1: return json(static_cast<int64_t>(rng()) - (int64_t{1} << 31) * 3);
    case 2: return json(static_cast<uint64_t>(rng()) << 20);
    case 3: return json(std::uniform_real_distribution<double>(-1e6, 1e6)(rng));
    case 4: return json(rng() % 2 == 0);
    case 5: return json(nullptr);
    case 6: {
      json a = json::array();
      for (int n = static_cast<int>(rng() % 4); n > 0; --n) a.push_back(RandomDoc(rng, depth + 1));
      return a;
    }
    default: {
      json o = json::object();
      for (int n = static_cast<int>(rng() % 4); n > 0; --n)
        o[rng() % 3 == 0 ? "k" : RandomBytes(rng)] = RandomDoc(rng, depth + 1);
      return o;
    }
  }
}

// Drives a sink through a document as the shapes do.
template <typename Sink>
void Replay(Sink& s, const json& j) {
  if (j.is_object()) {
    s.BeginObject();
    for (const auto& [k, v] : j.items()) {
      s.Key(k);
      Replay(s, v);
    }
    s.EndObject();
  } else if (j.is_array()) {
    s.BeginArray();
    for (const json& v : j) Replay(s, v);
    s.EndArray();
  } else if (j.is_string()) {
    s.String(j.get_ref<const std::string&>());
  } else if (j.is_number_unsigned()) {
    s.UInt(j.get<uint64_t>());
  } else if (j.is_number_integer()) {
    s.Int(j.get<int64_t>());
  } else if (j.is_boolean()) {
    s.Bool(j.get<bool>());
  } else if (j.is_null()) {
    s.Null();
  } else {
    s.Value(j);
  }
}

TEST(JsonSinkTest, BothSinksWriteTheDocumentTheyAreDriven) {
  std::mt19937 rng(11);
  for (int i = 0; i < 5000; ++i) {
    const json doc = RandomDoc(rng, 0);
    TextSink t;
    Replay(t, doc);
    DomSink d;
    Replay(d, doc);
    const json built = d.Take();
    ASSERT_EQ(built, doc);
    ASSERT_EQ(t.Take(), Reference(doc));
  }
}

TEST(JsonSinkTest, TheTextOfADocumentIsParsedOnceWhenATreeIsAsked) {
  const Json doc = Json::FromText("{\"a\":[1,\"\u00e9\"],\"b\":null}");
  EXPECT_EQ(doc.Dump(false), "{\"a\":[1,\"\u00e9\"],\"b\":null}\n");
  EXPECT_EQ(doc.Dump(true), "{\n  \"a\": [\n    1,\n    \"\u00e9\"\n  ],\n  \"b\": null\n}\n");
  EXPECT_EQ(&Unwrap(doc), &Unwrap(doc));
  EXPECT_EQ(Unwrap(doc)["a"][0], 1);
}

}  // namespace
}  // namespace ordo::present
