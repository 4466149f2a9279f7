#pragma once
// A vector that most of its owners leave empty, in 8 bytes: an image's tags and the accounts it
// is shared with are set on few of a region's millions of images, and two std::vectors cost 48
// bytes on each of them. RareVector holds only a pointer, null while empty, to a std::vector on
// the heap. Copies are deep, as a std::vector's are.

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace ecsim::models {

template <typename T>
class RareVector {
 public:
  RareVector() = default;
  RareVector(std::vector<T> items) { *this = std::move(items); }  // NOLINT: implicit, as the vector it replaces
  RareVector(const RareVector& other) : items_(other.empty() ? nullptr : std::make_unique<std::vector<T>>(*other.items_)) {}
  RareVector(RareVector&&) noexcept = default;
  RareVector& operator=(const RareVector& other) {
    if (this != &other) items_ = other.empty() ? nullptr : std::make_unique<std::vector<T>>(*other.items_);
    return *this;
  }
  RareVector& operator=(RareVector&&) noexcept = default;
  RareVector& operator=(std::vector<T> items) {
    items_ = items.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(items));
    return *this;
  }

  template <typename It>
  void assign(It first, It last) {
    *this = std::vector<T>(first, last);
  }
  void push_back(T item) {
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    items_->push_back(std::move(item));
  }

  bool empty() const { return !items_; }
  std::size_t size() const { return items_ ? items_->size() : 0; }
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  const T* begin() const { return items_ ? items_->data() : nullptr; }
  const T* end() const { return items_ ? items_->data() + items_->size() : nullptr; }

  friend bool operator==(const RareVector& a, const RareVector& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  std::unique_ptr<std::vector<T>> items_;  // null when empty, never an empty vector
};

}  // namespace ecsim::models
