#include "models/symbol.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "models/string_hash.h"
#include "sim/assert.h"

namespace ecsim::models {
namespace {

// The texts live in fixed-size chunks that are never moved or freed, so a reference to one stays
// valid and reading it needs no lock; the chunk directory is a fixed array for the same reason.
constexpr std::uint32_t kChunkBits = 16;
constexpr std::uint32_t kChunkSize = 1U << kChunkBits;
constexpr std::size_t kMaxChunks = 1U << 16;  // 2^32 symbols

std::uint64_t hash_text(std::string_view s) { return string_hash(s); }

class SymbolTable {
 public:
  SymbolTable() { (void)add(""); }

  // REQUIRES: !text.empty(), h == hash_text(text).

  std::uint32_t intern(std::string_view text, std::uint64_t h) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const std::uint32_t slot = slots_[s];
      if (slot == 0) break;
      if (text_of(slot - 1) == text) return slot - 1;
    }
    const std::uint32_t id = add(text);
    slots_[s] = id + 1;
    if (2 * size() > slots_.size()) grow();
    return id;
  }

  const std::string& text_of(std::uint32_t id) const { return chunks_[id >> kChunkBits][id & (kChunkSize - 1)]; }

  std::size_t size() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::uint32_t add(std::string_view text) {
    const std::uint32_t id = count_.load(std::memory_order_relaxed);
    ECSIM_ASSERT(id >> kChunkBits < kMaxChunks);
    auto& chunk = chunks_[id >> kChunkBits];
    if (!chunk) chunk = std::make_unique<std::string[]>(kChunkSize);
    chunk[id & (kChunkSize - 1)] = std::string(text);
    count_.store(id + 1, std::memory_order_relaxed);
    return id;
  }

  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (std::uint32_t id = 1; id < size(); ++id) {
      std::size_t s = hash_text(text_of(id)) & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = id + 1;
    }
  }

  std::mutex mutex_;
  std::array<std::unique_ptr<std::string[]>, kMaxChunks> chunks_;
  std::atomic<std::uint32_t> count_{0};
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(64, 0);  // id + 1; 0: empty
  std::size_t mask_ = 63;
};

SymbolTable& table() {
  static SymbolTable* t = new SymbolTable();  // never destroyed: Symbols may outlive static destructors
  return *t;
}

}  // namespace

std::uint32_t Symbol::intern(std::string_view text) {
  if (text.empty()) return 0;
  // Most texts interned are the few a run repeats for every call (its region, "self", the
  // defaults of every new image and snapshot): a small per-thread cache of recent texts answers
  // those without the mutex. A hit is checked against the text itself, so it is never wrong.
  struct Recent {
    std::uint64_t hash = 0;
    std::uint32_t id = 0;
  };
  thread_local std::array<Recent, 256> recent{};
  const std::uint64_t h = hash_text(text);
  Recent& r = recent[h & 255];
  if (r.id != 0 && r.hash == h && table().text_of(r.id) == text) return r.id;
  const std::uint32_t id = table().intern(text, h);
  r = Recent{h, id};
  return id;
}

const std::string& Symbol::text_of(std::uint32_t id) {
  static const std::string& empty = table().text_of(0);
  return id == 0 ? empty : table().text_of(id);
}

std::size_t Symbol::interned_count() { return table().size(); }

}  // namespace ecsim::models
