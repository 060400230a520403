// SPDX-License-Identifier: EUPL-1.2
#include "app/demo_loader.hpp"

#include <unordered_map>

#include "app/identity/passwords.hpp"
#include "app/transaction.hpp"
#include "demo/space_history.hpp"  // collective spaces
#include "demo/presence_patterns.hpp"  // presence planning
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "core/plan_svg.hpp"

namespace escale::app {
namespace {

// Local demo id → database id, per entity type.
using IdMap = std::unordered_map<Id, Id>;

Id mapped(const IdMap& m, Id local) {
    auto it = m.find(local);
    return it == m.end() ? 0 : it->second;
}
std::optional<Id> mapped(const IdMap& m, std::optional<Id> local) {
    if (!local) return std::nullopt;
    return mapped(m, *local);
}

}  // namespace

Result<DemoLoadReport> load_demo_if_empty(Context ctx, const demo::DemoSite& demo,
                                          std::optional<demo::HistoryOptions> history) {
    auto hash = hash_password(demo::demo_password);  // once, shared by the demo accounts
    if (!hash) return fail(errors::internal("argon2id"));
    std::vector<demo::DemoBooking> bookings;
    std::vector<SpaceBooking> space_bookings;  // collective spaces
    if (history) {
        ESCALE_TRY(auto calendar, SiteCalendar::make(demo.site.time_zone, demo.site.opens_at, demo.site.noon_at,
                                                     demo.site.closes_at));
        bookings = demo::booking_history(demo, calendar.today(ctx.clock.now()), *history);
        space_bookings = demo::space_booking_history(demo, calendar, calendar.today(ctx.clock.now()), *history);
    }

    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<DemoLoadReport> {
        ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
        if (!sites.empty()) return DemoLoadReport{false, sites.front().id, 0, 0};

        IdMap floors, services, zones, desks, residents, spaces;
        ESCALE_TRY(SiteId site, tx.referential().insert(demo.site));
        for (auto f : demo.floors) {
            Id local = f.id;
            f.site_id = site;
            // Stored as an upload would be (core/plan_svg.hpp): the start-up cleaning of
            // stored plans then finds nothing to do.
            ESCALE_TRY(f.plan_svg, sanitise_plan_svg(f.plan_svg));
            ESCALE_TRY(floors[local], tx.referential().insert(f));
        }
        for (auto s : demo.services) {
            Id local = s.id;
            s.site_id = site;
            ESCALE_TRY(services[local], tx.referential().insert(s));
        }
        for (auto z : demo.zones) {
            Id local = z.id;
            z.site_id = site;
            z.floor_id = mapped(floors, z.floor_id);
            z.service_id = mapped(services, z.service_id);
            ESCALE_TRY(zones[local], tx.referential().insert(z));
        }
        for (auto d : demo.desks) {
            Id local = d.id;
            d.site_id = site;
            d.floor_id = mapped(floors, d.floor_id);
            d.zone_id = mapped(zones, d.zone_id);
            ESCALE_TRY(desks[local], tx.referential().insert(d));
        }
        for (auto s : demo.spaces) {
            Id local = s.id;
            s.site_id = site;
            s.floor_id = mapped(floors, s.floor_id);
            s.zone_id = mapped(zones, s.zone_id);
            ESCALE_TRY(spaces[local], tx.referential().insert(s));
        }
        IdMap lockers;
        for (auto l : demo.lockers) {
            Id local = l.id;
            l.site_id = site;
            l.floor_id = mapped(floors, l.floor_id);
            l.zone_id = mapped(zones, l.zone_id);
            ESCALE_TRY(lockers[local], tx.referential().insert(l));
        }
        for (auto r : demo.residents) {
            Id local = r.id;
            r.site_id = site;
            r.service_id = mapped(services, r.service_id);
            ESCALE_TRY(Id id, tx.referential().insert(r));
            residents[local] = id;
            ESCALE_TRY_VOID(tx.identity().set_password_hash(id, *hash));
        }
        // presence planning: a weekly pattern for everyone; two in three let colleagues find them.
        for (std::size_t rank = 0; rank < demo.residents.size(); ++rank) {
            const Resident& r = demo.residents[rank];
            ResidentId id = mapped(residents, r.id);
            ESCALE_TRY_VOID(tx.presence().replace_pattern(id, demo::presence_pattern(r, rank)));
            if (demo::visible_to_colleagues(rank)) ESCALE_TRY_VOID(tx.presence().set_visible_to_colleagues(id, true));
        }
        // lockers: held since the loading, handed out by nobody in particular (the system).
        for (const auto& h : demo.locker_holders) {
            ESCALE_TRY_VOID(tx.lockers().insert(LockerAssignment{0, site, mapped(lockers, h.locker_id),
                                                                 mapped(residents, h.resident_id), ctx.clock.now(),
                                                                 std::nullopt, std::nullopt, std::nullopt}));
        }
        // Written as they are, many rows per statement (the cité's tens of thousands in a second
        // or so, on PostgreSQL too); a cancelled booking holds no slot, so the order never matters.
        std::vector<BookingRecord> records;
        records.reserve(bookings.size());
        for (const auto& made : bookings) {
            DeskBooking b = made.booking;
            b.site_id = site;
            b.desk_id = mapped(desks, b.desk_id);
            b.resident_id = mapped(residents, b.resident_id);
            b.created_by = mapped(residents, b.created_by);
            b.service_id = mapped(services, b.service_id);
            records.push_back(BookingRecord{b, made.cancelled_at.value_or(b.created_at)});
        }
        ESCALE_TRY_VOID(tx.bookings().insert_all(records));
        // collective spaces: the generator never overlaps two meetings of a space.
        for (auto b : space_bookings) {
            b.site_id = site;
            b.space_id = mapped(spaces, b.space_id);
            b.resident_id = mapped(residents, b.resident_id);
            b.created_by = mapped(residents, b.created_by);
            b.service_id = mapped(services, b.service_id);
            ESCALE_TRY_VOID(tx.space_bookings().insert(b));
        }
        return DemoLoadReport{true, site, static_cast<int>(demo.residents.size()),
                              static_cast<int>(demo.desks.size()), static_cast<int>(bookings.size())};
    });
}

}  // namespace escale::app
