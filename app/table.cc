#include "app/table.h"

#include <algorithm>
#include <string_view>

namespace ecsim::app {

std::string render_table(const Table& rows, bool markdown) {
  std::string out;
  if (rows.empty()) return out;
  const std::size_t cols = rows.front().size();
  if (markdown) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += "|";
      for (const auto& cell : rows[i]) out += " " + cell + " |";
      out += "\n";
      if (i == 0) {
        out += "|";
        for (std::size_t c = 0; c < cols; ++c) out += c == 0 ? "---|" : "---:|";
        out += "\n";
      }
    }
    return out;
  }
  std::vector<std::size_t> width(cols, 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < cols && c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < cols && c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      line += c == 0 ? row[c] + pad : pad + row[c];
      if (c + 1 < cols) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string table_heading(const std::string& label, bool markdown) {
  return (markdown ? "\n### " : "\n== ") + label + (markdown ? "\n\n" : "\n");
}

bool is_headline_metric(const std::string& name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (name.rfind("action.", 0) == 0) return ends(".ok") || ends(".error") || ends(".to_status_s.mean") || ends(".to_status_s.p90");
  if (name.rfind("error.", 0) == 0) return true;
  if (name.rfind("region.", 0) == 0) return ends("unfinished_quota_utilisation.time_avg");
  return name == "snapshot.total_s.mean";
}

}  // namespace ecsim::app
