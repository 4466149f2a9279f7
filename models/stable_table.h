#pragma once
// A World table: elements appended in order, addressed by their integer index, never moved. Like
// the std::deque it replaces (growing never copies the elements, references stay valid), but in
// chunks of 2 MiB laid end to end: an element costs exactly sizeof(T). A deque allocates
// 512-byte nodes, so a 180-byte Snapshot took 256 bytes and each 312-byte Image a node of its own
// with its malloc header; across 10^7 images and snapshots that was ~1 GB.
//
// A chunk is one huge page (sim/huge_pages.h) from the second on: a table that grows past one
// chunk is a big one, and in huge pages its writes fault 512 times less often. The first chunk
// is ordinary memory, touched a 4 KiB page at a time, so a small world stays small.

#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "sim/huge_pages.h"

namespace ecsim::models {

template <typename T>
class StableTable {
  static_assert(sizeof(T) <= sim::kHugePageBytes);

 public:
  // Elements per chunk. Not a power of two: i / kChunkSize by a constant is a multiply and a shift.
  static constexpr std::size_t kChunkSize = sim::kHugePageBytes / sizeof(T);

  template <bool Const>
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const T*, T*>;
    using reference = std::conditional_t<Const, const T&, T&>;
    using Table = std::conditional_t<Const, const StableTable, StableTable>;

    Iterator() = default;
    Iterator(Table* table, std::size_t i) : table_(table), i_(i) {}
    operator Iterator<true>() const { return {table_, i_}; }  // NOLINT: iterator -> const_iterator

    reference operator*() const { return (*table_)[i_]; }
    pointer operator->() const { return &(*table_)[i_]; }
    reference operator[](difference_type n) const { return (*table_)[i_ + n]; }
    Iterator& operator++() { ++i_; return *this; }
    Iterator operator++(int) { Iterator old = *this; ++i_; return old; }
    Iterator& operator--() { --i_; return *this; }
    Iterator operator--(int) { Iterator old = *this; --i_; return old; }
    Iterator& operator+=(difference_type n) { i_ += n; return *this; }
    Iterator& operator-=(difference_type n) { i_ -= n; return *this; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(Iterator a, Iterator b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(Iterator a, Iterator b) { return a.i_ == b.i_; }
    friend auto operator<=>(Iterator a, Iterator b) { return a.i_ <=> b.i_; }

   private:
    Table* table_ = nullptr;
    std::size_t i_ = 0;
  };
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;
  using value_type = T;

  StableTable() = default;
  StableTable(const StableTable&) = delete;
  StableTable& operator=(const StableTable&) = delete;
  ~StableTable() {
    for (std::size_t i = 0; i < size_; ++i) element(i)->~T();
    for (std::size_t c = 0; c < chunks_.size(); ++c) {
      if (c == 0) {
        ::operator delete(chunks_[c], std::align_val_t{alignof(T)});
      } else {
        sim::release_large_block(chunks_[c], sim::kHugePageBytes);
      }
    }
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return *element(i); }
  const T& operator[](std::size_t i) const { return *element(i); }
  T& front() { return *element(0); }
  const T& front() const { return *element(0); }
  T& back() { return *element(size_ - 1); }
  const T& back() const { return *element(size_ - 1); }

  void push_back(T value) {
    if (size_ / kChunkSize == chunks_.size()) add_chunk();
    ::new (static_cast<void*>(element(size_))) T(std::move(value));
    ++size_;
  }

  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  void add_chunk() {
    chunks_.reserve(chunks_.size() + 1);  // so that the push below cannot throw and leak the chunk
    void* chunk = chunks_.empty() ? ::operator new(sizeof(T) * kChunkSize, std::align_val_t{alignof(T)})
                                  : sim::allocate_large_block(sim::kHugePageBytes);
    chunks_.push_back(static_cast<std::byte*>(chunk));
  }
  T* element(std::size_t i) const {
    return std::launder(reinterpret_cast<T*>(chunks_[i / kChunkSize]) + i % kChunkSize);
  }

  std::vector<std::byte*> chunks_;  // owned: the first from operator new, the others huge blocks
  std::size_t size_ = 0;
};

}  // namespace ecsim::models
