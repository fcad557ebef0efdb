// Two writers of one JSON shape: TextSink writes compact JSON text straight to a string (what the
// server sends), DomSink builds the nlohmann document. present/json.cc writes each shape once, as
// a template over the sink, so that the text and the document cannot differ. TextSink's text is
// byte for byte what nlohmann's `dump(-1, ' ', false, error_handler_t::replace)` writes for the
// document DomSink builds (tests/present/json_sink_test.cc checks it).
//
// A sink is driven as a JSON writer is: Key before each member of an object, values in order.
// Internal to the presentation layer.
#ifndef ORDO_PRESENT_JSON_SINK_H_
#define ORDO_PRESENT_JSON_SINK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "present/json_values.h"

namespace ordo::present {

class TextSink {
 public:
  TextSink() { out_.reserve(1024); }
  void BeginObject() {
    Separate();
    out_ += '{';
    first_.push_back(true);
  }
  void EndObject() {
    out_ += '}';
    first_.pop_back();
  }
  void BeginArray() {
    Separate();
    out_ += '[';
    first_.push_back(true);
  }
  void EndArray() {
    out_ += ']';
    first_.pop_back();
  }
  void Key(std::string_view key) {
    Separate();
    AppendString(key);
    out_ += ':';
    after_key_ = true;
  }
  void String(std::string_view s) {
    Separate();
    AppendString(s);
  }
  void Null() {
    Separate();
    out_ += "null";
  }
  void Bool(bool b) {
    Separate();
    out_ += b ? "true" : "false";
  }
  void Int(int64_t v);
  void UInt(uint64_t v);
  // Any other value (a double, a document built elsewhere), written as nlohmann writes it.
  void Value(const json& v);

  // The text written; the sink is empty afterwards.
  std::string Take() { return std::move(out_); }

 private:
  // A comma before every value of an array and every key of an object but the first.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (first_.back()) {
      first_.back() = false;
    } else {
      out_ += ',';
    }
  }
  void AppendString(std::string_view s);

  std::string out_;
  std::vector<bool> first_;  // per open object or array: no member written yet
  bool after_key_ = false;
};

class DomSink {
 public:
  void BeginObject() { Open(json::object()); }
  void EndObject() { stack_.pop_back(); }
  void BeginArray() { Open(json::array()); }
  void EndArray() { stack_.pop_back(); }
  void Key(std::string_view key) { key_.assign(key); }
  void String(std::string_view s) { Put(json(std::string(s))); }
  void Null() { Put(json(nullptr)); }
  void Bool(bool b) { Put(json(b)); }
  void Int(int64_t v) { Put(json(v)); }
  void UInt(uint64_t v) { Put(json(v)); }
  void Value(const json& v) { Put(v); }

  json Take() { return std::move(root_); }

 private:
  // Where the next value goes: the root, the open array's end or the open object's key.
  json* Slot() {
    if (stack_.empty()) return &root_;
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return &top.back();
    }
    return &top[key_];
  }
  void Put(json v) { *Slot() = std::move(v); }
  void Open(json empty) {
    json* slot = Slot();
    *slot = std::move(empty);
    stack_.push_back(slot);
  }

  json root_;
  std::vector<json*> stack_;  // the open objects and arrays; a child's address is stable while open
  std::string key_;
};

// Helpers both sinks share.
template <typename Sink>
void StringOrNull(Sink& s, std::string_view v) {
  if (v.empty()) {
    s.Null();
  } else {
    s.String(v);
  }
}

// A member of an object: its key and a string (MemberOrNull: null when empty).
template <typename Sink>
void Member(Sink& s, std::string_view key, std::string_view v) {
  s.Key(key);
  s.String(v);
}
template <typename Sink>
void MemberOrNull(Sink& s, std::string_view key, std::string_view v) {
  s.Key(key);
  StringOrNull(s, v);
}

}  // namespace ordo::present

#endif  // ORDO_PRESENT_JSON_SINK_H_
