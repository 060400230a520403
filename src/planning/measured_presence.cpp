// SPDX-License-Identifier: EUPL-1.2
#include "planning/measured_presence.hpp"

#include <map>
#include <string>

#include "core/errors.hpp"

namespace escale::planning {
namespace {

// Present and observed days summed over a group, per weekday.
struct Pool {
    std::array<long, weekdays> present{}, observed{};
    void add(const ResidentHistory& h) {
        for (std::size_t d = 0; d < weekdays; ++d) {
            present[d] += h.present_days[d];
            observed[d] += h.observed_days[d];
        }
    }
};

}  // namespace

Result<std::vector<DailyPresence>> measured_presence(std::span<const ResidentHistory> history, double prior_weight) {
    if (!(prior_weight >= 0.0)) return fail(errors::invalid_field("prior_weight", "un poids positif ou nul"));
    Pool site;
    std::map<int, Pool> services;
    for (std::size_t i = 0; i < history.size(); ++i) {
        auto& h = history[i];
        for (std::size_t d = 0; d < weekdays; ++d)
            if (h.observed_days[d] < 0 || h.present_days[d] < 0 || h.present_days[d] > h.observed_days[d])
                return fail(errors::invalid_field("history[" + std::to_string(i) + "]",
                                                  "des nombres de jours positifs, présents au plus observés"));
        site.add(h);
        services[h.service].add(h);
    }
    std::vector<DailyPresence> out;
    out.reserve(history.size());
    for (auto& h : history) {
        auto& pool = services[h.service];
        DailyPresence p{};
        for (std::size_t d = 0; d < weekdays; ++d) {
            double prior = pool.observed[d] > 0   ? static_cast<double>(pool.present[d]) / pool.observed[d]
                           : site.observed[d] > 0 ? static_cast<double>(site.present[d]) / site.observed[d]
                                                  : 0.0;
            double seen = h.observed_days[d] + prior_weight;
            p[d] = seen > 0 ? (h.present_days[d] + prior_weight * prior) / seen : prior;
        }
        out.push_back(p);
    }
    return out;
}

}  // namespace escale::planning
