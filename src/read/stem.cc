#include "read/stem.h"

#include <libstemmer.h>
#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "read/tokens.h"

namespace ordo::read {

std::string HunspellDirectory() {
  const char* dir = std::getenv("ORDO_HUNSPELL_DIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/share/hunspell";
}

Stemmer::Stemmer() {
  en_ = sb_stemmer_new("english", "UTF_8");
  ru_ = sb_stemmer_new("russian", "UTF_8");
  uk_dir_ = HunspellDirectory();
}

Hunspell* Stemmer::Ukrainian() {
  if (!uk_tried_) {
    uk_tried_ = true;
    const std::string aff = uk_dir_ + "/uk_UA.aff", dic = uk_dir_ + "/uk_UA.dic";
    std::error_code ec;
    if (std::filesystem::exists(aff, ec) && std::filesystem::exists(dic, ec)) {
      uk_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    } else {
      uk_problem_ = "Ukrainian words are matched without stemming: " + dic + " is missing (Debian package hunspell-uk)";
    }
  }
  return uk_.get();
}

const std::string& Stemmer::ukrainian_problem() {
  Ukrainian();
  return uk_problem_;
}

Stemmer::~Stemmer() {
  if (en_ != nullptr) sb_stemmer_delete(en_);
  if (ru_ != nullptr) sb_stemmer_delete(ru_);
}

std::string Stemmer::Snowball(sb_stemmer* s, const std::string& folded) {
  if (s == nullptr) return folded;
  const sb_symbol* r =
      sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
  if (r == nullptr) return folded;
  return std::string(reinterpret_cast<const char*>(r), static_cast<size_t>(sb_stemmer_length(s)));
}

const std::vector<std::string>& Stemmer::Keys(std::string_view lang, std::string_view surface, bool cyrillic) {
  std::string key;
  key.reserve(lang.size() + 1 + surface.size());
  key.append(lang).push_back('\x1f');
  key.append(surface);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  // A server reads text after text: the cache is bounded, and starts again when full.
  if (cache_.size() >= kMaxCachedWords) cache_.clear();
  std::vector<std::string> keys;
  const std::string folded = Fold(surface);
  keys.push_back(folded);
  auto add = [&](std::string k) {
    if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
  };
  if (!cyrillic) {
    add(Snowball(en_, folded));
  } else if (lang == "uk" && Ukrainian() != nullptr) {
    std::vector<std::string> stems = uk_->stem(std::string(surface));
    if (stems.empty() && folded != surface) stems = uk_->stem(folded);
    for (const std::string& s : stems) add(Fold(s));
    // A word the dictionary does not know (a surname, a transliteration): Snowball's Russian
    // stemmer, the nearest algorithm there is, so that "Пєскова" still meets "Пєсков".
    if (stems.empty()) add(Snowball(ru_, folded));
  } else {
    add(Snowball(ru_, folded));
  }
  // An ordinal is keyed by its number: "58th", "58-я", "58-й", "6-ю", "49-ї" all meet at "58" /
  // "6" / "49", the one part of an army's name that does not inflect.
  const size_t digits = folded.find_first_not_of("0123456789");
  if (digits != 0 && digits != std::string::npos) {
    const size_t rest = folded.size() - digits - (folded[digits] == '-' ? 1 : 0);
    size_t letters = 0;
    for (size_t i = digits; i < folded.size(); ++i) letters += (static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80;
    if (folded[digits] == '-') --letters;
    if (rest > 0 && letters <= 3) add(folded.substr(0, digits));
  }
  // A hyphenated word inflects at its parts: "Ростове-на-Дону" meets "Ростов-на-Дону" by the
  // stems of its parts joined again.
  if (folded.find('-') != std::string::npos && surface.find('-') != std::string_view::npos) {
    std::string joined;
    size_t start = 0;
    while (start <= surface.size()) {
      size_t dash = surface.find('-', start);
      if (dash == std::string_view::npos) dash = surface.size();
      const std::string_view part = surface.substr(start, dash - start);
      if (!joined.empty() || start > 0) joined.push_back('-');
      if (!part.empty()) {
        const std::vector<std::string>& part_keys = Keys(lang, part, cyrillic);
        joined += part_keys.size() > 1 ? part_keys[1] : part_keys[0];
      }
      start = dash + 1;
    }
    add(std::move(joined));
  }
  return cache_.emplace(std::move(key), std::move(keys)).first->second;
}

}  // namespace ordo::read
