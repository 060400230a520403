// SPDX-License-Identifier: EUPL-1.2
#include "app/locker_assignment.hpp"

#include <algorithm>
#include <map>

#include <date/date.h>
#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {
namespace {

constexpr const char* audit_object = "locker_assignments";

// Names of a site's floors, quartiers and services, read once per use case.
struct SiteNames {
    std::vector<Floor> floors;
    std::vector<Zone> zones;
    std::map<FloorId, std::string> floor;
    std::map<ZoneId, std::string> zone;
    std::map<ServiceId, std::string> service;
};

Result<SiteNames> site_names(Transaction& tx, SiteId site) {
    SiteNames n;
    ESCALE_TRY(n.floors, tx.referential().list(Of<Floor>{}, site));
    for (auto& f : n.floors) {
        f.plan_svg.clear();
        n.floor[f.id] = f.name;
    }
    ESCALE_TRY(n.zones, tx.referential().list(Of<Zone>{}, site));
    for (auto& z : n.zones) n.zone[z.id] = z.name;
    ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site));
    for (auto& s : services) n.service[s.id] = s.name;
    return n;
}

std::string zone_name(const SiteNames& n, const std::optional<ZoneId>& z) {
    if (!z) return "";
    auto it = n.zone.find(*z);
    return it == n.zone.end() ? "" : it->second;
}

PlacedAssignment placed(const SiteNames& n, LockerAssignment a, Locker l, const Resident& r) {
    PlacedAssignment p{std::move(a), std::move(l), {}, {}, r.display_name, r.email, r.service_id, {}};
    if (auto f = n.floor.find(p.locker.floor_id); f != n.floor.end()) p.floor_name = f->second;
    p.zone_name = zone_name(n, p.locker.zone_id);
    if (r.service_id)
        if (auto s = n.service.find(*r.service_id); s != n.service.end()) p.service_name = s->second;
    return p;
}

// A locker that exists, on `site`.
Result<Locker> locker_on_site(Transaction& tx, LockerId id, SiteId site) {
    ESCALE_TRY(auto l, tx.referential().find(Of<Locker>{}, id));
    if (!l) return fail(errors::not_found(entity_label<Locker>()));
    if (l->site_id != site) return fail(errors::locker_of_another_site());
    return *l;
}

// Writes the assignment of `locker` to `holder` by `actor`, after the checks that give clear
// answers; the database's unique indexes decide the races these checks cannot see.
Result<LockerAssignment> write_assignment(Transaction& tx, Context ctx, const Actor& actor, const Resident& holder,
                                          const Locker& locker) {
    bool own = holder.id == actor.resident.id && !actor.is_system;
    ESCALE_TRY(auto held, tx.lockers().live_of_resident(holder.id));
    if (held) return fail(errors::already_holds_locker(own));
    ESCALE_TRY(auto taken, tx.lockers().live_of_locker(locker.id));
    if (taken) return fail(errors::locker_taken());
    LockerAssignment a{0, locker.site_id, locker.id, holder.id, ctx.clock.now(),
                       actor.is_system ? std::optional<ResidentId>{} : actor.resident.id, std::nullopt, std::nullopt};
    auto id = tx.lockers().insert(a);
    if (!id) {
        // The database's word, in the asker's person.
        if (id.error().code == "already_holds_locker") return fail(errors::already_holds_locker(own));
        return tl::unexpected(id.error());
    }
    a.id = *id;
    return a;
}

Result<Resident> current_resident(Transaction& tx, ResidentId id) {
    ESCALE_TRY(auto r, tx.referential().find(Of<Resident>{}, id));
    if (!r || is_removed(*r) || !r->active) return fail(errors::not_found(entity_label<Resident>()));
    return *r;
}

Result<void> may_assign(const Actor& actor, const Resident& r) {
    return actor.require(Permission::assign_lockers, Scope{r.site_id, r.service_id});
}

}  // namespace

Result<std::vector<FreeLocker>> free_lockers_for_me(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    const SiteId site = actor.resident.site_id;
    ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{site, std::nullopt}));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<FreeLocker>> {
        ESCALE_TRY(auto names, site_names(tx, site));
        ESCALE_TRY(auto free, tx.lockers().free_lockers(site));
        std::vector<Desk> desks;
        if (actor.resident.service_id) {
            ESCALE_TRY(desks, tx.referential().list(Of<Desk>{}, site));
        }
        auto home = service_home(actor.resident.service_id, names.floors, names.zones, desks);
        std::vector<FreeLocker> out;
        for (auto& c : order_by_nearness(std::move(free), home, names.floors)) {
            std::string floor = names.floor[c.locker.floor_id];
            std::string zone = zone_name(names, c.locker.zone_id);
            out.push_back({std::move(c), std::move(floor), std::move(zone)});
        }
        return out;
    });
}

Result<PlacedAssignment> my_locker(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<PlacedAssignment> {
        ESCALE_TRY(auto held, tx.lockers().live_of_resident(actor.resident.id));
        if (!held) return fail(errors::no_locker(true));
        ESCALE_TRY(auto locker, tx.referential().find(Of<Locker>{}, held->locker_id));
        if (!locker) return fail(errors::internal("assignment of a missing locker"));
        ESCALE_TRY(auto names, site_names(tx, locker->site_id));
        return placed(names, *held, *locker, actor.resident);
    });
}

Result<PlacedAssignment> take_locker(Context ctx, const Actor& actor, std::optional<LockerId> wanted) {
    if (actor.is_system) return fail(errors::forbidden());
    const SiteId site = actor.resident.site_id;
    ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{site, std::nullopt}));
    auto attempt = [&]() {
        return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<PlacedAssignment> {
            ESCALE_TRY(auto names, site_names(tx, site));
            Locker locker;
            if (wanted) {
                ESCALE_TRY(locker, locker_on_site(tx, *wanted, site));
            } else {
                ESCALE_TRY(auto held, tx.lockers().live_of_resident(actor.resident.id));
                if (held) return fail(errors::already_holds_locker(true));
                ESCALE_TRY(auto free, tx.lockers().free_lockers(site));
                if (free.empty()) return fail(errors::no_free_locker());
                std::vector<Desk> desks;
                if (actor.resident.service_id) {
                    ESCALE_TRY(desks, tx.referential().list(Of<Desk>{}, site));
                }
                auto home = service_home(actor.resident.service_id, names.floors, names.zones, desks);
                locker = order_by_nearness(std::move(free), home, names.floors).front().locker;
            }
            ESCALE_TRY(auto a, write_assignment(tx, ctx, actor, actor.resident, locker));
            return placed(names, std::move(a), std::move(locker), actor.resident);
        });
    };
    // The nearest free locker may be taken by a concurrent request between the read and the
    // write (PostgreSQL): the next one is then the nearest.
    for (int tries = 1;; ++tries) {
        auto r = attempt();
        if (r || wanted || r.error().code != "locker_taken" || tries == 5) return r;
    }
}

Result<LockerAssignment> release_my_locker(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<LockerAssignment> {
        ESCALE_TRY(auto held, tx.lockers().live_of_resident(actor.resident.id));
        if (!held) return fail(errors::no_locker(true));
        held->released_at = ctx.clock.now();
        held->released_by = actor.resident.id;
        ESCALE_TRY_VOID(tx.lockers().release(held->id, *held->released_at, held->released_by));
        return *held;
    });
}

Result<PlacedAssignment> assign_locker(Context ctx, const Actor& actor, ResidentId resident_id, LockerId locker_id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<PlacedAssignment> {
        ESCALE_TRY(auto found, tx.referential().find(Of<Resident>{}, resident_id));
        // Whom one may not manage is not revealed: same answer as absent.
        if (!found || is_removed(*found)) return fail(errors::not_found(entity_label<Resident>()));
        ESCALE_TRY_VOID(may_assign(actor, *found));
        ESCALE_TRY(auto holder, current_resident(tx, resident_id));
        ESCALE_TRY(auto locker, locker_on_site(tx, locker_id, holder.site_id));
        ESCALE_TRY(auto a, write_assignment(tx, ctx, actor, holder, locker));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, a.site_id, {}, holder.id, "assign_for", audit_object, a.id,
                                          fmt::format("casier {}", locker.id)}));
        ESCALE_TRY(auto names, site_names(tx, holder.site_id));
        return placed(names, std::move(a), std::move(locker), holder);
    });
}

Result<LockerAssignment> release_locker_assignment(Context ctx, const Actor& actor, LockerAssignmentId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<LockerAssignment> {
        ESCALE_TRY(auto a, tx.lockers().find(id));
        const Noun what = feminine("attribution de casier");
        if (!a) return fail(errors::not_found(what));
        bool own = a->resident_id == actor.resident.id && !actor.is_system;
        if (!own) {
            if (!a->resident_id) return fail(errors::not_found(what));
            ESCALE_TRY(auto holder, tx.referential().find(Of<Resident>{}, *a->resident_id));
            if (!holder || !may_assign(actor, *holder)) return fail(errors::not_found(what));
        }
        if (!a->live()) return fail(errors::no_locker(own));
        a->released_at = ctx.clock.now();
        if (!actor.is_system) a->released_by = actor.resident.id;
        ESCALE_TRY_VOID(tx.lockers().release(a->id, *a->released_at, a->released_by));
        if (!own) {
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, a->site_id, {}, a->resident_id, "release_for", audit_object, a->id,
                                              fmt::format("casier {}", a->locker_id)}));
        }
        return *a;
    });
}

namespace {
Result<std::vector<PlacedAssignment>> holders_on_site(Transaction& tx, SiteId site) {
    ESCALE_TRY(auto names, site_names(tx, site));
    ESCALE_TRY(auto live, tx.lockers().live_on_site(site));
    ESCALE_TRY(auto lockers, tx.referential().list(Of<Locker>{}, site));
    ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site));
    std::map<LockerId, const Locker*> locker_by_id;
    for (auto& l : lockers) locker_by_id[l.id] = &l;
    std::map<ResidentId, const Resident*> resident_by_id;
    for (auto& r : residents) resident_by_id[r.id] = &r;
    std::vector<PlacedAssignment> out;
    out.reserve(live.size());
    for (auto& a : live) {
        auto l = locker_by_id.find(a.locker_id);
        auto r = a.resident_id ? resident_by_id.find(*a.resident_id) : resident_by_id.end();
        if (l == locker_by_id.end() || r == resident_by_id.end()) return fail(errors::internal("assignment off its site"));
        out.push_back(placed(names, a, *l->second, *r->second));
    }
    std::sort(out.begin(), out.end(), [](const PlacedAssignment& x, const PlacedAssignment& y) {
        return std::tie(x.locker.label, x.locker.id) < std::tie(y.locker.label, y.locker.id);
    });
    return out;
}

Result<void> may_see_holders(Context ctx, const Actor& actor, SiteId site) {
    ESCALE_TRY_VOID(actor.require(Permission::assign_lockers, Scope{site, std::nullopt}));
    ESCALE_TRY(auto found, in_transaction(ctx, TxMode::read, [&](Transaction& tx) {
                   return tx.referential().find(Of<Site>{}, site);
               }));
    if (!found) return fail(errors::not_found(entity_label<Site>()));
    return {};
}
}  // namespace

Result<std::vector<PlacedAssignment>> site_locker_assignments(Context ctx, const Actor& actor, SiteId site) {
    ESCALE_TRY_VOID(may_see_holders(ctx, actor, site));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return holders_on_site(tx, site); });
}

Result<Table> site_locker_assignments_table(Context ctx, const Actor& actor, SiteId site, std::string_view format) {
    ESCALE_TRY_VOID(may_see_holders(ctx, actor, site));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Table> {
        ESCALE_TRY(auto found, tx.referential().find(Of<Site>{}, site));
        if (!found) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *found));
        ESCALE_TRY(auto held, holders_on_site(tx, site));
        Table t{"Casiers", {}, {}};
        for (auto* heading : {"casier", "niveau", "quartier", "résident", "courriel", "service", "attribué le"})
            t.columns.push_back({heading, 0});
        t.rows.reserve(held.size());
        for (auto& p : held)
            t.rows.push_back({p.locker.label, p.floor_name, p.zone_name, p.resident_name, p.resident_email, p.service_name,
                              cal.today(p.assignment.assigned_at)});
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, site, {}, {}, "export", audit_object, {},
                                          fmt::format("{} casier(s) attribué(s) en {}", held.size(), format)}));
        return t;
    });
}

Result<bool> free_locker_of(Transaction& tx, Context ctx, const Actor& actor, const Resident& r, const char* why) {
    ESCALE_TRY(auto held, tx.lockers().live_of_resident(r.id));
    if (!held) return false;
    std::optional<ResidentId> by;
    if (!actor.is_system) by = actor.resident.id;
    ESCALE_TRY_VOID(tx.lockers().release(held->id, ctx.clock.now(), by));
    ESCALE_TRY_VOID(record(tx, ctx, actor,
                           AuditEvent{0, {}, held->site_id, {}, r.id, "release_for", audit_object, held->id,
                                      fmt::format("casier {} libéré : {}", held->locker_id, why)}));
    return true;
}

}  // namespace escale::app
