// The stems of a word, for matching names in inflected text (docs/read.md, "Stemming"):
// Snowball (Debian libstemmer) for English and Russian, Hunspell with Debian's hunspell-uk
// dictionary for Ukrainian (Snowball 2.2 has no Ukrainian). A word's keys are its folded form
// and its stems; two words match when their keys meet.
//
// Not thread-safe: the Snowball and Hunspell handles keep state. One Stemmer serves one thread
// at a time (read::Linker guards its own with a mutex).
#ifndef ORDO_READ_STEM_H_
#define ORDO_READ_STEM_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;
class Hunspell;

namespace ordo::read {

// Where the Ukrainian dictionary is looked for: $ORDO_HUNSPELL_DIR, else /usr/share/hunspell
// (read when a Stemmer is made; the dictionary is loaded when the first Ukrainian word is).
std::string HunspellDirectory();

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // Words whose keys are kept (a word takes about 150 bytes with its keys).
  static constexpr size_t kMaxCachedWords = 200000;

  // The keys of a word of language lang ("en", "ru" or "uk"; any other stems as English when
  // Latin and as Russian when Cyrillic): its folded form first, then its stems, folded, each
  // once. `surface` is the word as written (Hunspell knows proper nouns by their capital). The
  // reference is valid until the next call.
  const std::vector<std::string>& Keys(std::string_view lang, std::string_view surface, bool cyrillic);

  // "" when Ukrainian is stemmed by Hunspell; else why not (the dictionary is missing). Loads
  // the dictionary when it is not loaded yet.
  const std::string& ukrainian_problem();

 private:
  std::string Snowball(sb_stemmer* s, const std::string& folded);
  // Loads the Ukrainian dictionary on first use (a third of a second): a reader of English or
  // Russian does not wait for it.
  Hunspell* Ukrainian();

  sb_stemmer* en_ = nullptr;
  sb_stemmer* ru_ = nullptr;
  std::unique_ptr<Hunspell> uk_;
  bool uk_tried_ = false;
  std::string uk_dir_;  // HunspellDirectory() when the stemmer was made
  std::string uk_problem_;
  std::map<std::string, std::vector<std::string>, std::less<>> cache_;  // "lang\x1fsurface"
};

}  // namespace ordo::read

#endif  // ORDO_READ_STEM_H_
