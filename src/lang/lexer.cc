#include "lang/lexer.h"

#include <fmt/format.h>

#include <utility>

#include "lang/utf8.h"

namespace ordo::lang {

namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsAsciiAlnum(c) || c == '-' || c == '_' || c == '.'; }
bool IsDateMark(char c) { return c == '?' || c == '~' || c == '%'; }

// Y170002, Y-170002: an EDTF year of more than four digits (a mark may close it).
bool IsLongYear(std::string_view w) {
  if (w.size() < 2 || w.front() != 'Y') return false;
  w.remove_prefix(1);
  if (w.front() == '-') w.remove_prefix(1);
  if (w.empty()) return false;
  for (char c : w) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Shows a string token briefly in messages: "Moscow Military D…".
std::string ShortQuote(std::string_view text) {
  constexpr size_t kMaxCodePoints = 24;
  size_t i = 0, n = 0;
  while (i < text.size() && n < kMaxCodePoints) {
    if (text[i] == '\n') break;
    i += Utf8Step(text, i);
    ++n;
  }
  if (i < text.size()) return std::string(text.substr(0, i)) + "…";
  return std::string(text);
}

class Lexer {
 public:
  Lexer(std::string_view text, const std::string& file, Diagnostics* diagnostics, size_t* dropped)
      : text_(text), file_(file), diagnostics_(diagnostics), dropped_(dropped) {}

  std::vector<Token> Run() {
    // A UTF-8 byte order mark opening the file (as Windows editors save it) is not text; it
    // takes no column, so that positions are those an editor shows.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
        case '\f':
        case '\v': Advance(1); break;
        case '\n': {
          const SourcePosition at = Here();
          Emit(TokenKind::kNewline, pos_, at);
          Advance(1);
          tokens_.back().end = SourcePosition{at.line, at.column + 1};
          line_ += 1;
          column_ = 1;
          break;
        }
        case '#': SkipComment(); break;
        case '"': LexString(); break;
        case '@': LexLangTag(); break;
        case '-':
          if (Peek(1) == '>') {
            Single(TokenKind::kArrow, 2);
          } else if (IsDigit(Peek(1))) {
            LexWord();
          } else {
            Stray();
          }
          break;
        case '?':
          // A rule variable, ?s (docs/rules.md): one word token including the '?'.
          if (IsAsciiAlnum(Peek(1))) {
            const size_t start = pos_;
            const SourcePosition begin = Here();
            Advance(1);
            while (IsWordChar(Peek(0))) Advance(1);
            Emit(TokenKind::kWord, start, begin);
          } else {
            Stray();
          }
          break;
        case ':': Single(TokenKind::kColon, 1); break;
        case ',': Single(TokenKind::kComma, 1); break;
        case ';': Single(TokenKind::kSemicolon, 1); break;
        case '*': Single(TokenKind::kStar, 1); break;
        case '(': Single(TokenKind::kLParen, 1); break;
        case ')': Single(TokenKind::kRParen, 1); break;
        case '[': Single(TokenKind::kLBracket, 1); break;
        case ']': Single(TokenKind::kRBracket, 1); break;
        case '{': Single(TokenKind::kLBrace, 1); break;
        case '}': Single(TokenKind::kRBrace, 1); break;
        default:
          if (IsAsciiAlnum(c)) {
            LexWord();
          } else {
            Stray();
          }
      }
    }
    // End of file: just past the last character, or at the last line's end when the text
    // ends with a newline (so "saw end of file" points at a line that exists).
    SourcePosition at = Here();
    if (!tokens_.empty() && tokens_.back().kind == TokenKind::kNewline && text_.back() == '\n') {
      at = tokens_.back().begin;
    }
    Token eof;
    eof.kind = TokenKind::kEof;
    eof.text = text_.substr(text_.size());
    eof.begin = at;
    eof.end = at;
    tokens_.push_back(std::move(eof));
    return std::move(tokens_);
  }

 private:
  char Peek(size_t k) const { return pos_ + k < text_.size() ? text_[pos_ + k] : '\0'; }
  SourcePosition Here() const { return SourcePosition{line_, column_}; }

  // Steps over n bytes of ASCII text on the current line.
  void Advance(size_t n) {
    pos_ += n;
    column_ += static_cast<uint32_t>(n);
  }
  // Steps over one column: a well-formed UTF-8 sequence or one malformed byte.
  void AdvanceCodePoint() {
    pos_ += Utf8Step(text_, pos_);
    column_ += 1;
  }

  void Emit(TokenKind kind, size_t start, SourcePosition begin, std::string value = {}) {
    Token t;
    t.kind = kind;
    t.text = text_.substr(start, pos_ - start);
    t.value = std::move(value);
    t.begin = begin;
    t.end = Here();
    tokens_.push_back(std::move(t));
  }

  void Single(TokenKind kind, size_t n) {
    const size_t start = pos_;
    const SourcePosition begin = Here();
    Advance(n);
    Emit(kind, start, begin);
  }

  Status& Error(std::string message, SourcePosition begin, SourcePosition end) {
    if (recorded_ >= kMaxLexerDiagnostics) {
      if (dropped_ != nullptr) ++*dropped_;
      discarded_ = Status();
      return discarded_;
    }
    ++recorded_;
    diagnostics_->push_back(Status::Invalid(std::move(message), SourceRegion{file_, begin, end}));
    return diagnostics_->back();
  }

  // A malformed byte is reported once per run of malformed bytes, to keep binary junk readable.
  void ReportMalformed() {
    const SourcePosition begin = Here();
    const unsigned char byte = static_cast<unsigned char>(text_[pos_]);
    AdvanceCodePoint();
    if (last_malformed_end_ == pos_ - 1 && last_malformed_line_ == begin.line) {
      last_malformed_end_ = pos_;
      return;
    }
    last_malformed_end_ = pos_;
    last_malformed_line_ = begin.line;
    Error(fmt::format("invalid UTF-8 byte 0x{:02X}", byte), begin, Here()).AddNote("an .ordo file must be UTF-8 text");
  }

  void SkipComment() {
    while (pos_ < text_.size() && text_[pos_] != '\n') {
      if (Utf8SequenceLength(text_, pos_) == 0) {
        ReportMalformed();
      } else {
        AdvanceCodePoint();
      }
    }
  }

  void Stray() {
    const size_t len = Utf8SequenceLength(text_, pos_);
    if (len == 0) {
      ReportMalformed();
      return;
    }
    const SourcePosition begin = Here();
    const uint32_t cp = Utf8Decode(text_, pos_, len);
    const std::string_view shown = text_.substr(pos_, len);
    AdvanceCodePoint();
    const bool quote_like = cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
                            cp == 0x201E || cp == 0xAB || cp == 0xBB;
    if (cp < 0x20 || cp == 0x7F) {
      Error(fmt::format("unexpected control character U+{:04X}", cp), begin, Here());
    } else if (quote_like) {
      Error(cp < 0x80 ? fmt::format("unexpected character '{}'", shown)
                      : fmt::format("unexpected character '{}' (U+{:04X})", shown, cp),
            begin, Here())
          .AddNote("strings are written in straight double quotes: \"…\"");
    } else if (cp >= 0x80) {
      Error(fmt::format("unexpected character '{}' (U+{:04X})", shown, cp), begin, Here())
          .AddNote("ids are written with ASCII letters, digits, '-', '_' and '.'; put other text in \"quotes\"");
    } else {
      Error(fmt::format("unexpected character '{}'", shown), begin, Here());
    }
  }

  // A word: [A-Za-z0-9-][A-Za-z0-9_.-]*, where ':' may stand between two digits of a word
  // that starts with a digit (instants: 2024-02-26T17:30:00Z), and one of ?~% may close a
  // word that starts with a digit or is a 'Y' year (dates: 2014-12~, Y170002?). A '-' before
  // '>' is an arrow, not part of the word.
  void LexWord() {
    const size_t start = pos_;
    const SourcePosition begin = Here();
    const bool numeric = IsDigit(text_[pos_]) || text_[pos_] == '-';
    Advance(1);
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '-' && Peek(1) == '>') break;
      if (IsWordChar(c) || (numeric && c == ':' && IsDigit(text_[pos_ - 1]) && IsDigit(Peek(1)))) {
        Advance(1);
        continue;
      }
      break;
    }
    if ((numeric || IsLongYear(text_.substr(start, pos_ - start))) && pos_ < text_.size() && IsDateMark(text_[pos_])) {
      Advance(1);
    }
    Emit(TokenKind::kWord, start, begin);
  }

  void LexString() {
    const size_t start = pos_;
    const SourcePosition begin = Here();
    Advance(1);
    std::string value;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') {
        Error("unterminated string", begin, Here())
            .AddNote("a string ends on the line where it starts; write \\n for a line break");
        break;
      }
      const char c = text_[pos_];
      if (c == '"') {
        Advance(1);
        break;
      }
      if (c == '\\') {
        const SourcePosition at = Here();
        const char e = Peek(1);
        if (e == '"' || e == '\\') {
          value += e;
          Advance(2);
        } else if (e == 'n') {
          value += '\n';
          Advance(2);
        } else if (e == 't') {
          value += '\t';
          Advance(2);
        } else if (e == '\n' || e == '\0') {
          Advance(1);  // the unterminated string is reported on the next turn
        } else {
          Advance(1);
          const size_t len = Utf8SequenceLength(text_, pos_);
          const std::string_view shown = text_.substr(pos_, len == 0 ? 0 : len);
          AdvanceCodePoint();
          Error(fmt::format("unknown escape '\\{}' in a string", shown), at, Here())
              .AddNote("the escapes are \\\" \\\\ \\n and \\t");
        }
        continue;
      }
      const size_t len = Utf8SequenceLength(text_, pos_);
      if (len == 0) {
        ReportMalformed();
        continue;
      }
      value.append(text_.substr(pos_, len));
      AdvanceCodePoint();
    }
    Emit(TokenKind::kString, start, begin, std::move(value));
  }

  void LexLangTag() {
    const size_t start = pos_;
    const SourcePosition begin = Here();
    Advance(1);
    while (pos_ < text_.size() && (IsAsciiAlnum(text_[pos_]) || text_[pos_] == '-')) Advance(1);
    if (pos_ - start == 1) {
      Error("expected a language tag after '@'", begin, Here()).AddNote("write a BCP 47 tag: @ru, @uk, @en");
      return;
    }
    Emit(TokenKind::kLangTag, start, begin, std::string(text_.substr(start + 1, pos_ - start - 1)));
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics* diagnostics_;
  size_t* dropped_;
  size_t recorded_ = 0;
  Status discarded_;  // absorbs the notes of errors past the limit
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
  size_t last_malformed_end_ = static_cast<size_t>(-1);
  uint32_t last_malformed_line_ = 0;
};

}  // namespace

std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kString: return "the string " + ShortQuote(token.text);
    case TokenKind::kNewline: return "end of line";
    case TokenKind::kEof: return "end of file";
    case TokenKind::kWord: {
      std::string shown = ShortQuote(token.text);
      return "'" + shown + "'";
    }
    default: return "'" + std::string(token.text) + "'";
  }
}

std::vector<Token> Lex(std::string_view text, const std::string& file, Diagnostics* diagnostics, size_t* dropped) {
  return Lexer(text, file, diagnostics, dropped).Run();
}

}  // namespace ordo::lang
