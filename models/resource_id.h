#pragma once
// A resource's ID (m-bp1..., s-bp1...), held inline in 24 bytes.
//
// Every image and snapshot has one, each different, so interning (Symbol) does not help; as a
// std::string a generated ID of 23 characters took 32 bytes plus a 32-byte heap block and its
// malloc header, about 80 bytes, twice per CreateImage. Inline it takes 24 and no allocation.
//
// Layout: the characters, NUL-padded, in the first 23 bytes and a tag byte last. Tag 0: inline,
// and the tag doubles as the terminator of a 23-character ID, so c_str() needs no copy. Tag 1:
// an ID longer than 23 characters (or holding a NUL), which only a scenario file can spell; it
// is interned as a Symbol whose index sits in the first bytes. IDs the simulator generates are
// always inline.
//
// It reads like the std::string it replaces: it converts to std::string_view, compares with
// strings (by text, so sorts never depend on how an ID is held), prints and concatenates.

#include <compare>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>

#include "models/symbol.h"

namespace ecsim::models {

class ResourceId {
 public:
  static constexpr std::size_t kInlineCapacity = 23;

  ResourceId() { std::memset(bytes_, 0, sizeof bytes_); }
  ResourceId(std::string_view text) { assign(text); }          // NOLINT: implicit, as a string is
  ResourceId(const std::string& text) { assign(text); }        // NOLINT
  ResourceId(const char* text) { assign(std::string_view(text)); }  // NOLINT

  std::string_view view() const {
    if (bytes_[kInlineCapacity] == 0) return std::string_view(bytes_, ::strnlen(bytes_, kInlineCapacity));
    return long_text();
  }
  const char* c_str() const { return bytes_[kInlineCapacity] == 0 ? bytes_ : long_text().c_str(); }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); }  // NOLINT
  explicit operator std::string() const { return str(); }
  std::size_t size() const { return view().size(); }
  bool empty() const { return bytes_[0] == 0 && bytes_[kInlineCapacity] == 0; }

  friend bool operator==(const ResourceId& a, const ResourceId& b) { return a.view() == b.view(); }
  friend bool operator==(const ResourceId& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const ResourceId& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const ResourceId& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const ResourceId& a, const ResourceId& b) { return a.view().compare(b.view()) <=> 0; }
  friend std::strong_ordering operator<=>(const ResourceId& a, std::string_view b) { return a.view().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const ResourceId& a, const std::string& b) { return a.view().compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const ResourceId& a, const char* b) { return a.view().compare(b) <=> 0; }

  friend std::string operator+(const std::string& a, const ResourceId& b) { return a + std::string(b.view()); }
  friend std::string operator+(std::string&& a, const ResourceId& b) { return std::move(a.append(b.view())); }
  friend std::string operator+(const char* a, const ResourceId& b) { return a + std::string(b.view()); }
  friend std::string operator+(const ResourceId& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const ResourceId& a, const char* b) { return a.str() + b; }
  friend std::ostream& operator<<(std::ostream& out, const ResourceId& id) { return out << id.view(); }

 private:
  void assign(std::string_view text) {
    std::memset(bytes_, 0, sizeof bytes_);
    if (text.size() <= kInlineCapacity && text.find('\0') == std::string_view::npos) {
      std::memcpy(bytes_, text.data(), text.size());
      return;
    }
    const Symbol symbol(text);
    static_assert(sizeof(Symbol) <= kInlineCapacity);
    std::memcpy(bytes_, &symbol, sizeof symbol);
    bytes_[kInlineCapacity] = 1;
  }
  const std::string& long_text() const {
    Symbol symbol;
    std::memcpy(&symbol, bytes_, sizeof symbol);
    return symbol.str();
  }

  char bytes_[kInlineCapacity + 1];
};

static_assert(sizeof(ResourceId) == 24);

}  // namespace ecsim::models
