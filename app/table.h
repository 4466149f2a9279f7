#pragma once
// The tables the analysis verbs print (app/report_command.cc, app/sweep_command.cc): aligned
// terminal columns or markdown, one heading per sweep configuration, and which metrics a table
// shows by default.

#include <string>
#include <vector>

namespace ecsim::app {

// Rows of cells; the first row is the header.
using Table = std::vector<std::vector<std::string>>;

// Terminal: columns padded to their widest cell, the first left-aligned and the others
// right-aligned, two spaces apart, no trailing blanks. Markdown: a pipe table whose numeric columns
// (all but the first) are right-aligned.
std::string render_table(const Table& rows, bool markdown);

// The heading above one configuration's table: "\n== LABEL\n", or "\n### LABEL\n\n" in markdown.
std::string table_heading(const std::string& label, bool markdown);

// The headline numbers of a capacity question, which the sweep tables show unless asked for
// more: per action the ok and error counts and the mean and p90 time to status, every error
// code, each region's time-averaged unfinished-snapshot quota use, the mean snapshot time.
bool is_headline_metric(const std::string& name);

}  // namespace ecsim::app
