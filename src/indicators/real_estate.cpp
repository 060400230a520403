// SPDX-License-Identifier: EUPL-1.2
#include "indicators/real_estate.hpp"

#include <map>

namespace escale::indicators {
namespace {

void add_ratios(Figures& f) {
    if (f.residents_weighted > 0) {
        f.taux_foisonnement = f.desks / f.residents_weighted;
        f.sub_m2_per_resident = f.sub_m2 / f.residents_weighted;
        f.surface_status = surface_status(*f.sub_m2_per_resident);
    }
    if (f.desks > 0) f.sub_m2_per_desk = f.sub_m2 / f.desks;
}

std::optional<Reduction> reduction(double sub_m2, std::optional<double> baseline) {
    if (!baseline || *baseline <= 0) return std::nullopt;
    Reduction r;
    r.baseline_sub_m2 = *baseline;
    r.reduction_percent = 100 * (*baseline - sub_m2) / *baseline;
    r.progress_percent = 100 * r.reduction_percent / r.target_percent;
    return r;
}

// A service's people: headcount, Σ weight, Σ weight × quotité.
struct People {
    int headcount = 0;
    double weighted = 0, fte = 0;
};

}  // namespace

SurfaceStatus surface_status(double per_resident) {
    if (per_resident <= sub_m2_target) return SurfaceStatus::within_target;
    if (per_resident <= sub_m2_ceiling) return SurfaceStatus::within_ceiling;
    return SurfaceStatus::above_ceiling;
}

SiteIndicators site_indicators(const SiteFacts& site) {
    SiteIndicators out;
    out.site_id = site.id;
    out.name = site.name;
    out.desks = site.desks;
    out.sub_m2 = site.sub_m2;
    std::map<ServiceId, People> by_service;
    for (auto& r : site.residents) {
        double fte = r.weight * r.fte_percent / 100.0;
        ++out.residents;
        out.residents_weighted += r.weight;
        out.residents_fte += fte;
        if (r.service_id) {
            auto& p = by_service[*r.service_id];
            ++p.headcount;
            p.weighted += r.weight;
            p.fte += fte;
        }
    }
    add_ratios(out);
    out.reduction = reduction(site.sub_m2, site.baseline_sub_m2);

    // Each service's quartiers and their desks, to share its people between them.
    std::map<ServiceId, std::pair<int, int>> homes;  // service → (quartiers, desks)
    for (auto& q : site.quartiers)
        if (q.service_id) {
            auto& [count, desks] = homes[*q.service_id];
            ++count;
            desks += q.desks;
        }
    for (auto& q : site.quartiers) {
        QuartierIndicators qi;
        qi.zone_id = q.id;
        qi.name = q.name;
        qi.service_id = q.service_id;
        qi.desks = q.desks;
        qi.sub_m2 = q.sub_m2;
        if (q.service_id) {
            auto found = by_service.find(*q.service_id);
            if (found != by_service.end()) {
                auto [count, desks] = homes[*q.service_id];
                double share = desks > 0 ? double(q.desks) / desks : 1.0 / count;
                qi.residents = found->second.headcount;
                qi.residents_weighted = found->second.weighted * share;
                qi.residents_fte = found->second.fte * share;
            }
        }
        add_ratios(qi);
        out.quartiers.push_back(std::move(qi));
    }
    return out;
}

PortfolioIndicators portfolio_indicators(const std::vector<SiteFacts>& sites) {
    PortfolioIndicators out;
    double baseline = 0, sub_with_baseline = 0;
    for (auto& s : sites) {
        auto si = site_indicators(s);
        out.total.residents += si.residents;
        out.total.residents_weighted += si.residents_weighted;
        out.total.residents_fte += si.residents_fte;
        out.total.desks += si.desks;
        out.total.sub_m2 += si.sub_m2;
        if (si.reduction) {
            ++out.sites_with_baseline;
            baseline += si.reduction->baseline_sub_m2;
            sub_with_baseline += si.sub_m2;
        }
        out.sites.push_back(std::move(si));
    }
    add_ratios(out.total);
    if (out.sites_with_baseline > 0) out.reduction = reduction(sub_with_baseline, baseline);
    return out;
}

}  // namespace escale::indicators
