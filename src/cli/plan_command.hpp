// SPDX-License-Identifier: EUPL-1.2
// `escale plan`: the planning engine from the command line, with French output for people
// and --json for programs. `plan size` sizes a pool of desks for residents who share one
// presence (a probability per day, or a declared telework pattern with team days) at a
// chosen risk, exactly, and with --simulate-weeks adds the whole-week figures by simulation
// (a progress line on a terminal). `plan days` chooses each service's team days so that the
// week's P95 peak is as low as possible, from a JSON description of the services (the shape
// of http/planning_body.hpp), and explains per day who comes and the load against capacity.
// `plan zones` gives each service a home quartier so that its P95 fits there or in touching
// quartiers, on its floor where possible, and reports each quartier's slack. `plan scenario`
// sizes a described future building (the API's scenario question) with a progress line.
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
    CLI::App* days_ = nullptr;
    CLI::App* zones_ = nullptr;
    CLI::App* scenario_ = nullptr;
    int run_size() const;
    int run_days() const;
    int run_zones() const;
    int run_scenario() const;
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
    // plan days, plan zones
    std::string input_;
    bool heuristic_ = false;
    long node_limit_ = 5'000'000;
};

}  // namespace escale::cli
