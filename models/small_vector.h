#pragma once
// A vector that holds its first element inline: an image's disk mappings, of which nearly every
// image has exactly one (the system disk). A std::vector costs 24 bytes plus a heap block of
// 40 for that one mapping; SmallVector holds it in place, in 32 bytes, and moves to the heap only
// from the second element on.
//
// For trivially copyable elements (it copies them as bytes). Also an instance's disks (one, the
// system disk, for most instances), which is why it can insert: the system disk goes first.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace ecsim::models {

template <typename T>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector copies its elements as bytes");

 public:
  SmallVector() = default;
  SmallVector(const SmallVector& other) { copy_from(other); }
  SmallVector(SmallVector&& other) noexcept { take_from(other); }
  SmallVector& operator=(const SmallVector& other) {
    if (this != &other) {
      release();
      copy_from(other);
    }
    return *this;
  }
  SmallVector& operator=(SmallVector&& other) noexcept {
    if (this != &other) {
      release();
      take_from(other);
    }
    return *this;
  }
  ~SmallVector() { release(); }

  void push_back(const T& item) {
    if (size_ == capacity()) grow();
    data()[size_++] = item;
  }

  // Inserts `item` before `pos`, shifting the rest back. O(size).
  void insert(const T* pos, const T& item) {
    const auto at = static_cast<std::size_t>(pos - begin());
    push_back(item);
    std::rotate(begin() + at, end() - 1, end());
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return on_heap() ? storage_.heap : &storage_.one; }
  const T* data() const { return on_heap() ? storage_.heap : &storage_.one; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& at(std::size_t i) {
    if (i >= size_) throw std::out_of_range("SmallVector::at");
    return data()[i];
  }
  const T& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("SmallVector::at");
    return data()[i];
  }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }

 private:
  bool on_heap() const { return capacity_ > 1; }
  std::size_t capacity() const { return capacity_; }

  void grow() {
    const std::uint32_t capacity = capacity_ * 2;
    T* heap = static_cast<T*>(::operator new(sizeof(T) * capacity));
    std::memcpy(static_cast<void*>(heap), static_cast<const void*>(data()), sizeof(T) * size_);
    release();
    storage_.heap = heap;
    capacity_ = capacity;
  }
  void release() {
    if (on_heap()) ::operator delete(storage_.heap);
    storage_.heap = nullptr;
    capacity_ = 1;
  }
  void copy_from(const SmallVector& other) {
    if (other.size_ > 1) {
      storage_.heap = static_cast<T*>(::operator new(sizeof(T) * other.size_));
      capacity_ = other.size_;
    }
    std::memcpy(static_cast<void*>(data()), static_cast<const void*>(other.data()), sizeof(T) * other.size_);
    size_ = other.size_;
  }
  void take_from(SmallVector& other) {
    std::memcpy(static_cast<void*>(&storage_), static_cast<const void*>(&other.storage_), sizeof storage_);
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.storage_.heap = nullptr;
    other.size_ = 0;
    other.capacity_ = 1;
  }

  union Storage {
    Storage() : heap(nullptr) {}
    T one;
    T* heap;
  } storage_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;  // 1: the inline element; more: storage_.heap
};

}  // namespace ecsim::models
