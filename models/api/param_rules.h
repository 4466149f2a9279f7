#pragma once
// Format rules of request parameters, as the API reference words them. Shared by every action
// that takes the same kind of parameter (CopyImage's DestinationImageName follows ImageName's
// rule, and so on). Lengths count characters (UTF-8 code points), not bytes.

#include <cstddef>
#include <optional>
#include <string_view>

namespace ecsim::models::rules {

// Number of UTF-8 code points; nullopt when the text is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

// ImageName: 2-128 characters; starts with a letter or a Chinese character; letters, Chinese
// characters, digits, periods, colons, underscores and hyphens; must not start with http://,
// https://, acs: or aliyun.
bool valid_image_name(std::string_view name);
// Description: 2-256 characters, must not start with http:// or https://.
bool valid_description(std::string_view description);
// ImageFamily: 2-128 characters; starts with a letter or a Chinese character; letters, Chinese
// characters, digits, colons, underscores and hyphens; must not start with aliyun or acs:, and
// must not contain http:// or https://.
bool valid_image_family(std::string_view family);
// ImageVersion: the reference gives no format; ours is 1-40 characters of letters, digits,
// periods, underscores and hyphens (see docs/create_image.md).
bool valid_image_version(std::string_view version);
// Tag.N.Key: 1-128 characters; must not start with aliyun or acs:; no http:// or https://.
bool valid_tag_key(std::string_view key);
// Tag.N.Value: 0-128 characters; must not start with acs:; no http:// or https://.
bool valid_tag_value(std::string_view value);
// ClientToken: ASCII only, at most 64 characters.
bool valid_client_token(std::string_view token);

bool valid_platform(std::string_view platform);
bool valid_architecture(std::string_view architecture);
bool valid_boot_mode(std::string_view boot_mode);
// arm64 boots only with UEFI; i386 only with BIOS; x86_64 with any mode.
bool boot_mode_supported(std::string_view architecture, std::string_view boot_mode);
bool valid_detection_strategy(std::string_view strategy);
bool valid_imds_support(std::string_view value);

// A whole number of GiB in [1, 1'000'000], as DiskDeviceMapping.N.Size; nullopt otherwise.
std::optional<long long> parse_gib(std::string_view text);

}  // namespace ecsim::models::rules
