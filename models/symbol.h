#pragma once
// An interned string: 4 bytes for a value that millions of resources share (a region, an owner
// account, a platform, a boot mode, the disk a snapshot was taken of). A region of 10^7 images held
// a dozen 32-byte std::strings per image, nearly all equal to each other; a Symbol holds the index
// of the one copy in a process-wide table instead, which is never shrunk (a run's distinct values
// are few, and a sweep's replications share them).
//
// It reads like the std::string it replaces: it converts to `const std::string&` and to
// `std::string_view`, compares with strings, prints, and is assigned from any string. Equality of
// two Symbols compares indices; ordering compares the text, so a sort or a std::map never depends
// on the order in which values happened to be interned (nor, with replications on several
// threads, on which thread got there first).
//
// Thread-safe: interning takes a mutex; reading a Symbol's text takes none (the text never moves,
// and a Symbol can only be obtained after its text was published under the mutex).

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace ecsim::models {

class Symbol {
 public:
  Symbol() = default;  // ""
  Symbol(std::string_view text) : id_(intern(text)) {}  // NOLINT: implicit, as a string is
  Symbol(const std::string& text) : id_(intern(text)) {}  // NOLINT
  Symbol(const char* text) : id_(intern(text)) {}          // NOLINT

  const std::string& str() const { return text_of(id_); }
  operator const std::string&() const { return str(); }  // NOLINT
  operator std::string_view() const { return str(); }    // NOLINT
  const char* c_str() const { return str().c_str(); }
  std::size_t size() const { return str().size(); }
  bool empty() const { return id_ == 0; }

  friend bool operator==(Symbol a, Symbol b) { return a.id_ == b.id_; }
  friend bool operator==(Symbol a, std::string_view b) { return a.str() == b; }
  friend bool operator==(Symbol a, const std::string& b) { return a.str() == b; }
  friend bool operator==(Symbol a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(Symbol a, Symbol b) {
    return a.id_ == b.id_ ? std::strong_ordering::equal : a.str().compare(b.str()) <=> 0;
  }
  friend std::strong_ordering operator<=>(Symbol a, std::string_view b) { return a.str().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(Symbol a, const std::string& b) { return a.str().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(Symbol a, const char* b) { return a.str().compare(b) <=> 0; }

  friend std::string operator+(const std::string& a, Symbol b) { return a + b.str(); }
  friend std::string operator+(std::string&& a, Symbol b) { return std::move(a) + b.str(); }
  friend std::string operator+(const char* a, Symbol b) { return a + b.str(); }
  friend std::string operator+(Symbol a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(Symbol a, const char* b) { return a.str() + b; }
  friend std::ostream& operator<<(std::ostream& out, Symbol s) { return out << s.str(); }

  // How many distinct values have been interned in this process ("" included): for the docs'
  // memory accounting and the tests.
  static std::size_t interned_count();

 private:
  static std::uint32_t intern(std::string_view text);
  static const std::string& text_of(std::uint32_t id);

  std::uint32_t id_ = 0;
};

// The Symbol of a text fixed at compile time, interned once: symbol_of<"self">(). For the
// defaults every new image and snapshot starts with, which a plain "self" would intern (hash and
// look up) again for each of 10^7 images.
template <std::size_t N>
struct SymbolText {
  char text[N];
  constexpr SymbolText(const char (&s)[N]) {  // NOLINT: implicit, from the literal
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
};

template <SymbolText T>
Symbol symbol_of() {
  static const Symbol symbol(std::string_view(T.text, sizeof(T.text) - 1));
  return symbol;
}

}  // namespace ecsim::models
