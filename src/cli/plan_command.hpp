// SPDX-License-Identifier: EUPL-1.2
// `escale plan`: the planning engine from the command line, with French output for people
// and --json for programs. `plan size` sizes a pool of desks for residents who share one
// presence (a probability per day, or a declared telework pattern with team days) at a
// chosen risk, exactly, and with --simulate-weeks adds the whole-week figures by simulation
// (a progress line on a terminal).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace escale::cli {

class PlanCommand {
public:
    // Adds `plan` and its sub-commands to `root`.
    explicit PlanCommand(CLI::App& root);
    // Whether the parsed command line chose `plan`.
    bool chosen() const { return plan_->parsed(); }
    // Runs it; returns the exit status (2 for arguments out of range, with a French message).
    int run() const;

private:
    CLI::App* plan_ = nullptr;
    CLI::App* size_ = nullptr;
    int residents_ = -1;
    int desks_ = -1;
    double epsilon_ = 0.05;
    CLI::Option* presence_option_ = nullptr;
    double presence_ = 0;
    std::vector<std::string> telework_days_, team_days_;
    int floating_days_ = 0;
    double absence_ = 0.22;
    double fte_ = 1.0;
    std::vector<CLI::Option*> pattern_options_;  // what --presence replaces
    CLI::Option* sub_m2_option_ = nullptr;
    double sub_m2_ = 0;
    int simulate_weeks_ = 0;
    unsigned long long seed_ = 1;
    bool json_ = false;
};

}  // namespace escale::cli
