// SPDX-License-Identifier: EUPL-1.2
#include "app/presence_history.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"
#include "indicators/occupancy.hpp"

namespace escale::app {
namespace {

// Monday 0 … Friday 4; -1 for the weekend.
int weekday_index(Date d) {
    auto wd = date::weekday(date::sys_days(d)).iso_encoding();  // Monday 1 … Sunday 7
    return wd <= 5 ? static_cast<int>(wd) - 1 : -1;
}

}  // namespace

Result<MeasuredSitePresence> measured_site_presence(Context ctx, const Actor& actor, SiteId site_id,
                                                    std::optional<Date> from, std::optional<Date> to,
                                                    double prior_weight) {
    if (!(prior_weight >= 0.0 && prior_weight <= 1000.0))
        return fail(errors::invalid_field("prior_weight", "un poids entre 0 et 1 000 jours"));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<MeasuredSitePresence> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::plan_sites, Scope{site_id, std::nullopt}));
        ESCALE_TRY(auto calendar, load_site_calendar(tx, *site));
        auto today = date::sys_days(calendar.today(ctx.clock.now()));
        Date last = to.value_or(Date(today - date::days{1}));
        Date first = from.value_or(Date(date::sys_days(last) - date::days{default_history_days - 1}));
        auto span = (date::sys_days(last) - date::sys_days(first)).count();
        if (span < 0) return fail(errors::invalid_field("to", "une date de fin au plus tôt le jour de début"));
        if (span >= max_history_days) return fail(errors::invalid_field("from", "une période d'au plus 731 jours"));

        MeasuredSitePresence out;
        out.site_id = site_id;
        out.from = first;
        out.to = last;
        out.prior_weight = prior_weight;
        std::vector<std::pair<Date, int>> open;  // open days and their weekday
        for (auto d = date::sys_days(first); d <= date::sys_days(last); d += date::days{1}) {
            Date day(d);
            int w = weekday_index(day);
            if (w < 0 || calendar.is_closed(day)) continue;
            open.emplace_back(day, w);
            ++out.open_days[static_cast<std::size_t>(w)];
        }

        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site_id));
        std::erase_if(residents, [](const Resident& r) { return !r.active || is_removed(r); });
        ESCALE_TRY(auto days, tx.planning().on_site_days(site_id, first, last));
        std::map<ResidentId, std::set<Date>> came;
        for (auto& d : days) came[d.resident_id].insert(d.date);

        // Residents grouped by service; -1 for those without one.
        std::vector<planning::ResidentHistory> history;
        history.reserve(residents.size());
        for (auto& r : residents) {
            planning::ResidentHistory h{.service = r.service_id ? static_cast<int>(*r.service_id) : -1};
            auto& mine = came[r.id];
            for (auto& [day, w] : open) {
                ++h.observed_days[static_cast<std::size_t>(w)];
                if (mine.contains(day)) ++h.present_days[static_cast<std::size_t>(w)];
            }
            history.push_back(h);
        }
        ESCALE_TRY(auto presence, planning::measured_presence(history, prior_weight));

        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site_id));
        std::map<int, MeasuredServicePresence> groups;
        for (std::size_t i = 0; i < residents.size(); ++i) {
            auto& g = groups[history[i].service];
            ++g.residents;
            for (std::size_t d = 0; d < planning::weekdays; ++d) {
                g.presence[d] += presence[i][d];
                out.site[d] += presence[i][d];
            }
        }
        out.residents = static_cast<int>(residents.size());
        for (auto& p : out.site) p = out.residents ? p / out.residents : 0.0;
        for (auto& [label, g] : groups) {
            if (g.residents < indicators::minimum_group) {
                out.residents_in_small_services += g.residents;
                continue;
            }
            for (auto& p : g.presence) p /= g.residents;
            if (label >= 0) {
                g.service_id = label;
                auto s = std::find_if(services.begin(), services.end(), [id = label](auto& s) { return s.id == id; });
                g.name = s != services.end() ? s->name : "";
            } else {
                g.name = "Sans service";
            }
            out.services.push_back(std::move(g));
        }
        std::sort(out.services.begin(), out.services.end(), [](auto& a, auto& b) { return a.name < b.name; });
        return out;
    });
}

}  // namespace escale::app
