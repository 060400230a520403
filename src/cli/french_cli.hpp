// SPDX-License-Identifier: EUPL-1.2
// The `escale` command speaks French: help layout, labels and argument errors over CLI11,
// whose own texts are English. Set up the root command with french_command() before adding
// options and sub-commands (they inherit it), then parse with parse_in_french().
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace escale::cli {

// French help flag, option group, sub-command group and formatter on a root command.
void french_command(CLI::App& app);

// A check that the value is one of `values`; its help text is "{a,b,c}" and its error French.
CLI::Validator one_of(std::vector<std::string> values);

// A check that an integer lies in [lo, hi], described and reported in French.
CLI::Validator between(long lo, long hi);

// Parses the command line. Prints the help (standard output) or a French error with a
// pointer to the help (standard error) when parsing ends there, and returns the exit status
// then; returns nullopt when the command should run.
std::optional<int> parse_in_french(CLI::App& app, int argc, char** argv);

// The French text of a parse error of `app` (the root command), as parse_in_french prints it.
std::string french_error(const CLI::App& app, const CLI::ParseError& e);

}  // namespace escale::cli
