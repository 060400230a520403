// SPDX-License-Identifier: EUPL-1.2
#include "app/referential.hpp"

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/identity/passwords.hpp"
#include "app/locker_assignment.hpp"
#include "app/personal_data.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/plan_svg.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {

// Where a thing takes effect, for the permissions matrix.
template <class T>
Scope scope_of(const T& v) { return Scope{v.site_id, std::nullopt}; }
Scope scope_of(const Site& v) { return Scope{v.id, std::nullopt}; }
Scope scope_of(const Zone& v) { return Scope{v.site_id, v.service_id}; }
Scope scope_of(const Resident& v) { return Scope{v.site_id, v.service_id}; }

// The permission to read each kind, and to create, update or delete one.
template <class T>
constexpr Permission read_permission = Permission::read_site;
template <> constexpr Permission read_permission<Resident> = Permission::read_residents;
template <> constexpr Permission read_permission<RoleGrant> = Permission::manage_roles;

enum class Write { create, update, remove };
template <class T>
constexpr Permission write_permission(Write) {
    if constexpr (std::is_same_v<T, Resident>) return Permission::manage_residents;
    else if constexpr (std::is_same_v<T, RoleGrant>) return Permission::manage_roles;
    else return Permission::manage_referential;
}
template <>
constexpr Permission write_permission<Site>(Write w) {
    return w == Write::update ? Permission::manage_referential : Permission::manage_sites;
}
template <>
constexpr Permission write_permission<Zone>(Write w) {
    return w == Write::update ? Permission::manage_zone : Permission::manage_referential;
}

template <class T>
bool may_read(const Actor& a, const T& v) {
    if constexpr (std::is_same_v<T, Resident>) {
        if (is_removed(v)) return false;                            // gone, for everyone
        if (v.id == a.resident.id && !a.is_system) return true;  // one's own record
    }
    return a.may(read_permission<T>, scope_of(v));
}

// The permission check of a write of T, from `before` to `after` (nullptr: creation,
// deletion). Allowed on what it was and on what it becomes: a référent keeps a resident
// in their service.
template <class T>
Result<void> may_write(const Actor& a, const T* before, const T* after, std::span<const RoleGrant> before_grants = {}) {
    bool ok = true;
    if constexpr (std::is_same_v<T, Resident>) {
        ok = may_manage_resident(a.roles, before, before_grants, after);
    } else {
        Write w = !before ? Write::create : !after ? Write::remove : Write::update;
        for (const T* v : {before, after})
            if (v && !a.may(write_permission<T>(w), scope_of(*v))) ok = false;
    }
    if constexpr (std::is_same_v<T, Site>) {
        // Which site registers unknown people matters to every site, and the retention period
        // also bounds the audit log of the site's own managers: an administrator's call.
        bool sensitive = before && after &&
                         (before->oidc_self_registration_service_id != after->oidc_self_registration_service_id ||
                          before->retention_months != after->retention_months);
        if (sensitive && !allowed_everywhere(a.roles, Permission::manage_sites)) ok = false;
    }
    if (!ok) return fail(errors::forbidden());
    return {};
}

// Whether a lookup found a thing that is still there (a removed resident is not).
template <class T>
bool present(const std::optional<T>& v) {
    if constexpr (std::is_same_v<T, Resident>) return v && !is_removed(*v);
    else return v.has_value();
}

// Whether a lookup found a thing the actor may learn exists (issue 14, finding 5). Whoever
// reads residents somewhere (a référent, a gestionnaire) gets for a resident out of their
// reach the very answer an unknown id gets, so that the ids of other services and sites
// cannot be told apart; who reads no resident at all is refused before any lookup.
template <class T>
bool found_for(const Actor& a, const std::optional<T>& v) {
    if constexpr (std::is_same_v<T, Resident>) return present(v) && may_read(a, *v);
    else return present(v);
}

// The refusal given before any lookup of a thing by id: reading residents needs the right
// to read some of them, one's own record aside.
template <class T>
Result<void> may_look_up(const Actor& a, Id id) {
    if constexpr (std::is_same_v<T, Resident>) {
        bool own = id == a.resident.id && !a.is_system;
        if (!own && !allowed_within(a.roles, Permission::read_residents, std::nullopt)) return fail(errors::forbidden());
    }
    return {};
}

// The grants held by the person a write of T concerns (residents only): managing a person
// who holds roles elsewhere needs managing roles there.
template <class T>
Result<std::vector<RoleGrant>> grants_at_stake(Transaction& tx, const T& before) {
    if constexpr (std::is_same_v<T, Resident>) return tx.referential().role_grants_of(before.id);
    else return std::vector<RoleGrant>{};
}

// Normalises what has one canonical form before validation.
template <class T>
void canonicalize(T&) {}
void canonicalize(Resident& r) { r.email = normalize_email(r.email); }

// What an upload is reduced to before validation (issue 14, finding 8): a floor's SVG plan
// keeps only its drawing (core/plan_svg.hpp); a plan it refuses writes nothing.
template <class T>
Result<void> clean_upload(T&) {
    return {};
}
Result<void> clean_upload(Floor& f) {
    ESCALE_TRY(auto plan, sanitise_plan_svg(f.plan_svg));
    f.plan_svg = std::move(plan);
    return {};
}

// Who a grant may go to (issue 14, finding 5): only a resident the granter may read. A
// gestionnaire of site B granting a role on B to a resident of site A would otherwise take
// that resident away from A's managers (managing a resident needs managing roles on every
// site they hold a role on), unseen from A. An unknown resident and one the granter may not
// read get the same answer, so that ids of other sites cannot be told apart.
template <class T>
Result<void> check_grantee(Transaction&, const Actor&, const T&) {
    return {};
}
Result<void> check_grantee(Transaction& tx, const Actor& actor, const RoleGrant& g) {
    ESCALE_TRY(auto person, tx.referential().find(Of<Resident>{}, g.resident_id));
    if (!person || is_removed(*person) ||
        !actor.may(Permission::read_residents, Scope{person->site_id, person->service_id}))
        return fail(errors::unknown_reference(entity_label<Resident>()));
    return {};
}

// The referenced row must exist and sit on the same site as the referring one.
template <class R>
Result<R> on_site(Transaction& tx, Id ref, SiteId site, const char* field) {
    if (ref == 0) return fail(errors::missing_field(field));
    ESCALE_TRY(auto found, tx.referential().find(Of<R>{}, ref));
    if (!found || found->site_id != site) return fail(errors::unknown_reference(entity_label<R>(), true));
    return *found;
}

Result<void> check_site(Transaction& tx, SiteId site) {
    if (site == 0) return fail(errors::missing_field("site_id"));
    ESCALE_TRY(auto found, tx.referential().find(Of<Site>{}, site));
    if (!found) return fail(errors::unknown_reference(entity_label<Site>()));
    return {};
}

template <class T>
Result<void> check_references(Transaction& tx, const T& v) {
    if constexpr (std::is_same_v<T, Site>) {
        // The self-registration service must be one of this site's (so none at creation).
        if (v.oidc_self_registration_service_id)
            ESCALE_TRY_VOID(on_site<Service>(tx, *v.oidc_self_registration_service_id, v.id, "oidc_self_registration_service_id"));
        return {};
    } else {
        ESCALE_TRY_VOID(check_site(tx, v.site_id));
        if constexpr (requires { v.floor_id; })
            ESCALE_TRY_VOID(on_site<Floor>(tx, v.floor_id, v.site_id, "floor_id"));
        if constexpr (requires { v.service_id; })
            if (v.service_id) ESCALE_TRY_VOID(on_site<Service>(tx, *v.service_id, v.site_id, "service_id"));
        if constexpr (requires { v.category_id; })
            if (v.category_id) ESCALE_TRY_VOID(on_site<ResidentCategory>(tx, *v.category_id, v.site_id, "category_id"));
        if constexpr (requires { v.zone_id; }) {
            if (v.zone_id) {
                ESCALE_TRY(auto zone, on_site<Zone>(tx, *v.zone_id, v.site_id, "zone_id"));
                if (zone.floor_id != v.floor_id) return fail(errors::zone_not_on_floor());
            }
        }
        return {};
    }
}

// Rows that point at `before` must stay consistent with `after`: a quartier holding desks,
// spaces or lockers cannot move to another floor (they would sit on one floor, in a quartier of
// another).
template <class T>
Result<void> check_dependents(Transaction&, const T&, const T&) {
    return {};
}
Result<void> check_dependents(Transaction& tx, const Zone& before, const Zone& after) {
    if (before.floor_id == after.floor_id) return {};
    ESCALE_TRY(auto desks, tx.referential().desks_on_floor(before.floor_id));
    for (auto& d : desks)
        if (d.zone_id == before.id) return fail(errors::in_use(entity_label<Zone>()));
    ESCALE_TRY(auto spaces, tx.referential().list(Of<Space>{}, before.site_id));
    for (auto& s : spaces)
        if (s.zone_id == before.id) return fail(errors::in_use(entity_label<Zone>()));
    // lockers: they stand in quartiers too.
    ESCALE_TRY(auto lockers, tx.referential().list(Of<Locker>{}, before.site_id));
    for (auto& l : lockers)
        if (l.zone_id == before.id) return fail(errors::in_use(entity_label<Zone>()));
    return {};
}

// The audit log's line for a change of v.
template <class T>
AuditEvent audit_event(const T& v, const char* action, std::string details = {}) {
    std::optional<ResidentId> concerned;
    if constexpr (std::is_same_v<T, Resident>) concerned = v.id;
    if constexpr (std::is_same_v<T, RoleGrant>) concerned = v.resident_id;
    return AuditEvent{0, {}, scope_of(v).site_id, {}, concerned, action, entity_name<T>(), v.id, std::move(details)};
}

template <class T>
Result<T> insert_checked(Context ctx, const Actor& actor, Transaction& tx, T value, std::string details = {}) {
    canonicalize(value);
    ESCALE_TRY_VOID(clean_upload(value));
    ESCALE_TRY_VOID(validate(value));
    ESCALE_TRY_VOID(check_references(tx, value));
    ESCALE_TRY_VOID(check_grantee(tx, actor, value));
    ESCALE_TRY(value.id, tx.referential().insert(value));
    ESCALE_TRY_VOID(record(tx, ctx, actor, audit_event(value, "create", std::move(details))));
    return value;
}

}  // namespace

template <class T>
Result<std::vector<T>> list_entities(Context ctx, const Actor& actor, std::optional<SiteId> site) {
    if (!allowed_within(actor.roles, read_permission<T>, site)) return fail(errors::forbidden());
    ESCALE_TRY(auto all, in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.referential().list(Of<T>{}, site); }));
    std::erase_if(all, [&](const T& v) { return !may_read(actor, v); });
    return all;
}

template <class T>
Result<T> get_entity(Context ctx, const Actor& actor, Id id) {
    ESCALE_TRY_VOID(may_look_up<T>(actor, id));
    ESCALE_TRY(auto found, in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.referential().find(Of<T>{}, id); }));
    if (!found_for(actor, found)) return fail(errors::not_found(entity_label<T>()));
    if (!may_read(actor, *found)) return fail(errors::forbidden());
    return *found;
}

template <class T>
Result<T> create_entity(Context ctx, const Actor& actor, T value) {
    ESCALE_TRY_VOID(may_write<T>(actor, nullptr, &value));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) { return insert_checked(ctx, actor, tx, value); });
}

template <class T>
Result<T> update_entity(Context ctx, const Actor& actor, T value) {
    canonicalize(value);
    ESCALE_TRY_VOID(clean_upload(value));
    ESCALE_TRY_VOID(validate(value));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<T> {
        ESCALE_TRY_VOID(may_look_up<T>(actor, value.id));
        ESCALE_TRY(auto existing, tx.referential().find(Of<T>{}, value.id));
        if (!found_for(actor, existing)) return fail(errors::not_found(entity_label<T>()));
        ESCALE_TRY(auto grants, grants_at_stake(tx, *existing));
        ESCALE_TRY_VOID(may_write<T>(actor, &*existing, &value, grants));
        if constexpr (!std::is_same_v<T, Site>) {
            if (existing->site_id != value.site_id)
                return fail(errors::invalid_field("site_id", "inchangé : un élément ne change pas de site"));
        }
        ESCALE_TRY_VOID(check_references(tx, value));
        ESCALE_TRY_VOID(check_grantee(tx, actor, value));
        ESCALE_TRY_VOID(check_dependents(tx, *existing, value));
        ESCALE_TRY_VOID(tx.referential().update(value));
        if constexpr (std::is_same_v<T, Resident>) {
            // lockers: a departed (deactivated) resident's locker goes back to the others.
            if (existing->active && !value.active)
                ESCALE_TRY_VOID(free_locker_of(tx, ctx, actor, value, "résident désactivé"));
        }
        ESCALE_TRY_VOID(record(tx, ctx, actor, audit_event(value, "update", changed_fields(*existing, value))));
        return value;
    });
}

template <class T>
Result<void> delete_entity(Context ctx, const Actor& actor, Id id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(may_look_up<T>(actor, id));
        ESCALE_TRY(auto existing, tx.referential().find(Of<T>{}, id));
        if (!found_for(actor, existing)) return fail(errors::not_found(entity_label<T>()));
        ESCALE_TRY(auto grants, grants_at_stake(tx, *existing));
        ESCALE_TRY_VOID(may_write<T>(actor, &*existing, nullptr, grants));
        std::string details;
        if constexpr (std::is_same_v<T, Resident>) {
            if (existing->id == actor.resident.id && !actor.is_system) return fail(errors::self_removal());
            // lockers: their locker goes back to the others before their history is forgotten.
            ESCALE_TRY_VOID(free_locker_of(tx, ctx, actor, *existing, "résident supprimé"));
            // Removing a person forgets them; their bookings still count, anonymously.
            ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, existing->site_id));
            if (!site) return fail(errors::internal("resident without site"));
            ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
            ESCALE_TRY(int n, forget_resident(tx, *existing, cal.today(ctx.clock.now()), ctx.clock.now()));
            details = fmt::format("historique anonymisé ({} réservation(s))", n);
            ESCALE_TRY_VOID(tx.referential().update(removed_resident(*existing)));  // the number is never reused
        } else {
            if constexpr (std::is_same_v<T, Locker>) {
                // lockers: a held locker is not deleted (in_use, which the database's foreign
                // key also holds against a concurrent assignment); its history goes with it.
                ESCALE_TRY(auto held, tx.lockers().live_of_locker(id));
                if (held) return fail(errors::in_use(entity_label<Locker>()));
                ESCALE_TRY_VOID(tx.lockers().delete_history_of_locker(id));
            }
            ESCALE_TRY_VOID(tx.referential().remove(Of<T>{}, id));
        }
        return record(tx, ctx, actor, audit_event(*existing, "delete", std::move(details)));
    });
}

#define ESCALE_INSTANTIATE(T)                                                                  \
    template Result<std::vector<T>> list_entities<T>(Context, const Actor&, std::optional<SiteId>); \
    template Result<T> get_entity<T>(Context, const Actor&, Id);                               \
    template Result<T> create_entity<T>(Context, const Actor&, T);                             \
    template Result<T> update_entity<T>(Context, const Actor&, T);                             \
    template Result<void> delete_entity<T>(Context, const Actor&, Id);
ESCALE_REFERENTIAL_ENTITIES(ESCALE_INSTANTIATE)
#undef ESCALE_INSTANTIATE

namespace {
// A resident and, when a hash is given, their local account, within tx.
Result<Resident> insert_resident(Context ctx, const Actor& actor, Transaction& tx, const Resident& value,
                                 const std::optional<std::string>& hash) {
    ESCALE_TRY(auto stored, insert_checked(ctx, actor, tx, value, hash ? "avec compte local" : ""));
    if (hash) ESCALE_TRY_VOID(tx.identity().set_password_hash(stored.id, *hash));
    return stored;
}
}  // namespace

Result<Resident> create_resident(Context ctx, const Actor& actor, Resident value,
                                 const std::optional<std::string>& password) {
    ESCALE_TRY_VOID(may_write<Resident>(actor, nullptr, &value));
    std::optional<std::string> hash;
    if (password) {
        ESCALE_TRY(hash, hash_new_password(*password));  // slow: outside the transaction
    }
    return in_transaction(ctx, TxMode::write,
                          [&](Transaction& tx) { return insert_resident(ctx, actor, tx, value, hash); });
}

Result<Resident> add_user(Context ctx, const Actor& actor, const NewUser& user) {
    ESCALE_TRY(std::optional<std::string> hash, hash_new_password(user.password));  // slow: outside the transaction
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Resident> {
        Resident r;
        r.email = user.email;
        r.display_name = user.display_name;
        r.role = user.role;
        ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
        if (sites.empty()) return fail(ErrorKind::rule_violation, "no_site", "Aucun site n'existe encore.");
        r.site_id = user.site.value_or(sites.front().id);
        if (!user.service_code.empty()) {
            ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, r.site_id));
            for (auto& s : services)
                if (s.code == user.service_code) r.service_id = s.id;
            if (!r.service_id)
                return fail(ErrorKind::not_found, "not_found",
                            "Le service « " + user.service_code + " » est introuvable sur ce site.");
        }
        ESCALE_TRY_VOID(may_write<Resident>(actor, nullptr, &r));
        return insert_resident(ctx, actor, tx, r, hash);
    });
}

Result<SiteDetail> get_site_detail(Context ctx, const Actor& actor, SiteId id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<SiteDetail> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_site, scope_of(*site)));
        SiteDetail d{*site, {}, {}, {}, {}};
        ESCALE_TRY(d.floors, tx.referential().list(Of<Floor>{}, id));
        for (auto& f : d.floors) f.plan_svg.clear();
        ESCALE_TRY(d.zones, tx.referential().list(Of<Zone>{}, id));
        ESCALE_TRY(d.services, tx.referential().list(Of<Service>{}, id));
        ESCALE_TRY(d.spaces, tx.referential().list(Of<Space>{}, id));
        return d;
    });
}

Result<int> clean_stored_plans(Context ctx) {
    // What would change, read first: a server that starts on clean plans writes nothing.
    auto changes = [](Transaction& tx) -> Result<std::vector<std::pair<Floor, std::string>>> {
        ESCALE_TRY(auto floors, tx.referential().list(Of<Floor>{}, std::nullopt));
        std::vector<std::pair<Floor, std::string>> out;
        for (auto& f : floors) {
            auto clean = sanitise_plan_svg(f.plan_svg);
            std::string why = clean ? "plan nettoyé" : "plan refusé par le nettoyage, retiré";
            if (clean && *clean == f.plan_svg) continue;
            f.plan_svg = clean ? std::move(*clean) : std::string{};
            out.emplace_back(std::move(f), std::move(why));
        }
        return out;
    };
    ESCALE_TRY(auto pending, in_transaction(ctx, TxMode::read, changes));
    if (pending.empty()) return 0;
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<int> {
        ESCALE_TRY(auto now_pending, changes(tx));  // another server may have cleaned them meanwhile
        for (auto& [floor, why] : now_pending) {
            ESCALE_TRY_VOID(tx.referential().update(floor));
            ESCALE_TRY_VOID(record(tx, ctx, Actor::system(), audit_event(floor, "update", why)));
        }
        return static_cast<int>(now_pending.size());
    });
}

}  // namespace escale::app
