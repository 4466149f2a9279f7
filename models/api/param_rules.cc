#include "models/api/param_rules.h"

#include <array>
#include <string_view>

namespace ecsim::models::rules {
namespace {

// Decodes the code point at text[i], advancing i; returns -1 on malformed UTF-8.
long next_code_point(std::string_view text, std::size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  int extra;
  long cp;
  if (c < 0x80) { cp = c; extra = 0; }
  else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
  else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
  else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
  else return -1;
  ++i;
  for (int k = 0; k < extra; ++k, ++i) {
    if (i >= text.size()) return -1;
    const auto cc = static_cast<unsigned char>(text[i]);
    if ((cc & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  return cp;
}

bool is_ascii_letter(long cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
bool is_digit(long cp) { return cp >= '0' && cp <= '9'; }
// CJK Unified Ideographs and Extension A: "Chinese characters" in the reference.
bool is_chinese(long cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }
bool starts_with_url(std::string_view s) { return starts_with(s, "http://") || starts_with(s, "https://"); }
bool contains_url(std::string_view s) { return contains(s, "http://") || contains(s, "https://"); }

// Letter or Chinese first; then letters, Chinese, digits and the given punctuation.
bool name_shape(std::string_view text, std::size_t min_len, std::size_t max_len, std::string_view punctuation) {
  std::size_t i = 0, n = 0;
  while (i < text.size()) {
    const long cp = next_code_point(text, i);
    if (cp < 0) return false;
    const bool letter = is_ascii_letter(cp) || is_chinese(cp);
    if (n == 0 && !letter) return false;
    if (!letter && !is_digit(cp) && !(cp < 0x80 && punctuation.find(static_cast<char>(cp)) != std::string_view::npos))
      return false;
    ++n;
  }
  return n >= min_len && n <= max_len;
}

constexpr std::array<std::string_view, 26> kPlatforms{
    "Aliyun",           "Anolis",          "CentOS",          "Ubuntu",          "CoreOS",
    "SUSE",             "Debian",          "OpenSUSE",        "FreeBSD",         "RedHat",
    "Kylin",            "UOS",             "Fedora",          "Fedora CoreOS",   "CentOS Stream",
    "AlmaLinux",        "Rocky Linux",     "Gentoo",          "Customized Linux", "Others Linux",
    "Windows Server 2022", "Windows Server 2019", "Windows Server 2016", "Windows Server 2012",
    "Windows Server 2008", "Windows Server 2003"};

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t i = 0, n = 0;
  while (i < text.size()) {
    if (next_code_point(text, i) < 0) return std::nullopt;
    ++n;
  }
  return n;
}

bool valid_image_name(std::string_view name) {
  if (starts_with_url(name) || starts_with(name, "acs:") || starts_with(name, "aliyun")) return false;
  return name_shape(name, 2, 128, ".:_-");
}

bool valid_description(std::string_view description) {
  if (starts_with_url(description)) return false;
  const auto n = utf8_length(description);
  return n && *n >= 2 && *n <= 256;
}

bool valid_image_family(std::string_view family) {
  if (starts_with(family, "aliyun") || starts_with(family, "acs:") || contains_url(family)) return false;
  return name_shape(family, 2, 128, ":_-");
}

bool valid_image_version(std::string_view version) {
  if (version.empty() || version.size() > 40) return false;
  for (char c : version) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool valid_tag_key(std::string_view key) {
  const auto n = utf8_length(key);
  if (!n || *n < 1 || *n > 128) return false;
  return !starts_with(key, "aliyun") && !starts_with(key, "acs:") && !contains_url(key);
}

bool valid_tag_value(std::string_view value) {
  const auto n = utf8_length(value);
  if (!n || *n > 128) return false;
  return !starts_with(value, "acs:") && !contains_url(value);
}

bool valid_client_token(std::string_view token) {
  if (token.size() > 64) return false;
  for (char c : token) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool valid_platform(std::string_view platform) {
  for (std::string_view p : kPlatforms) {
    if (p == platform) return true;
  }
  return false;
}

bool valid_architecture(std::string_view a) { return a == "i386" || a == "x86_64" || a == "arm64"; }
bool valid_boot_mode(std::string_view m) { return m == "BIOS" || m == "UEFI" || m == "UEFI-Preferred"; }

bool boot_mode_supported(std::string_view architecture, std::string_view boot_mode) {
  if (architecture == "arm64") return boot_mode == "UEFI";
  if (architecture == "i386") return boot_mode == "BIOS";
  return true;
}

bool valid_detection_strategy(std::string_view s) { return s == "Standard"; }
bool valid_imds_support(std::string_view v) { return v == "v1" || v == "v2"; }

std::optional<long long> parse_gib(std::string_view text) {
  if (text.empty() || text.size() > 7) return std::nullopt;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1) return std::nullopt;
  return v;
}

}  // namespace ecsim::models::rules
