#pragma once
// The account that makes the scenario's calls, with the account-level states that the API
// reference names as reasons to refuse CreateImage (billing, enterprise status, snapshot service,
// whitelists, resource groups, KMS).

#include <map>
#include <set>
#include <string>

namespace ecsim::models {

enum class AccountStatus { kNormal, kAbnormal, kEnterpriseRevoked };

// A customer master key in KMS, used by encrypted disks.
struct KmsKey {
  std::string key_id;
  bool enabled = true;     // false -> InvalidParameter.KMSKeyId.CMKNotEnabled
  bool ecs_tagged = true;  // false -> InvalidParameter.KMSKeyId.CMKUnauthorized
};

struct Account {
  std::string account_id = "1234567890123456";
  AccountStatus status = AccountStatus::kNormal;     // kAbnormal -> AccountForbidden.CreateOrder
  bool balance_sufficient = true;                    // false -> InvalidAccountStatus.NotEnoughBalance
  bool snapshot_service_activated = true;            // false -> ...SnapshotServiceUnavailable
  bool kms_authorized = true;                        // false -> InvalidParameter.KMSKeyId.KMSUnauthorized
  std::set<std::string> whitelists;                  // e.g. "CreateImageFromDataDiskSnapshot"
  std::set<std::string> resource_groups{"rg-default"};
  std::map<std::string, KmsKey> kms_keys;            // by key id

  static constexpr const char* kDataDiskSnapshotWhitelist = "CreateImageFromDataDiskSnapshot";
};

}  // namespace ecsim::models
