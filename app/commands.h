#pragma once
// The ecsim command-line verbs. Each returns the process exit status of the contract:
// 0 success, 1 internal failure, 2 invalid scenario (or, for check, a failed expectation is 1).

#include <string>
#include <vector>

namespace ecsim::app {

int run_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int graph_command(const std::vector<std::string>& args);
int errors_command(const std::vector<std::string>& args);
// Analysis verbs (app/replications.cc, app/sweep_command.cc, app/report_command.cc,
// app/calibrate_command.cc).
int run_replications_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int calibrate_command(const std::vector<std::string>& args);
// Teaching verbs (app/lifecycle_command.cc, app/explain_command.cc).
int lifecycle_command(const std::vector<std::string>& args);
int explain_command(const std::vector<std::string>& args);
int usage(int status);

}  // namespace ecsim::app
