// SPDX-License-Identifier: EUPL-1.2
#include "app/permissions.hpp"

#include <array>

namespace escale::app {
namespace {

using R = Reach;

struct Row {
    Permission permission;
    const char* name;
    // agent, referent, gestionnaire, lecteur, admin (the order of enum Role)
    std::array<Reach, 5> reach;
};

// The matrix. Rows in the order of enum Permission.
constexpr std::array<Row, permission_count> matrix{{
    //                                                       agent      référent    gestionnaire  lecteur   admin
    {Permission::read_site, "read_site",                   {R::site, R::site, R::site, R::site, R::everywhere}},
    {Permission::book_own, "book_own",                     {R::site, R::site, R::site, R::none, R::everywhere}},
    {Permission::book_for_others, "book_for_others",       {R::none, R::service, R::site, R::none, R::everywhere}},
    {Permission::read_residents, "read_residents",         {R::none, R::service, R::site, R::none, R::everywhere}},
    {Permission::manage_residents, "manage_residents",     {R::none, R::service, R::site, R::none, R::everywhere}},
    {Permission::manage_zone, "manage_zone",               {R::none, R::service, R::site, R::none, R::everywhere}},
    {Permission::manage_referential, "manage_referential", {R::none, R::none, R::site, R::none, R::everywhere}},
    {Permission::manage_roles, "manage_roles",             {R::none, R::none, R::site, R::none, R::everywhere}},
    {Permission::read_statistics, "read_statistics",       {R::none, R::service, R::site, R::site, R::everywhere}},
    {Permission::read_audit, "read_audit",                 {R::none, R::none, R::site, R::none, R::everywhere}},
    {Permission::manage_sites, "manage_sites",             {R::none, R::none, R::none, R::none, R::everywhere}},
    // lockers
    {Permission::assign_lockers, "assign_lockers",         {R::none, R::none, R::site, R::none, R::everywhere}},
    // presence planning
    {Permission::read_service_presence, "read_service_presence", {R::none, R::service, R::site, R::none, R::everywhere}},
    // planning engine (issue 12)
    {Permission::plan_sites, "plan_sites",                 {R::none, R::none, R::site, R::none, R::everywhere}},
    // occupancy analytics (issue 13, item 1)
    {Permission::record_flash_counts, "record_flash_counts", {R::none, R::none, R::site, R::none, R::everywhere}},
    // surveys and remontées (issue 13, items 5 and 6)
    {Permission::take_part, "take_part",                   {R::site, R::site, R::site, R::site, R::everywhere}},
    {Permission::manage_surveys, "manage_surveys",         {R::none, R::service, R::site, R::none, R::everywhere}},
    {Permission::manage_remontees, "manage_remontees",     {R::none, R::none, R::site, R::none, R::everywhere}},
}};

constexpr bool rows_in_enum_order() {
    for (int i = 0; i < permission_count; ++i)
        if (static_cast<int>(matrix[i].permission) != i) return false;
    return true;
}
static_assert(rows_in_enum_order());

bool covers(const RoleGrant& g, Reach r, const Scope& s) {
    switch (r) {
        case Reach::none: return false;
        case Reach::everywhere: return true;
        case Reach::site: return g.site_id == s.site_id;
        case Reach::service: return g.site_id == s.site_id && g.service_id && s.service_id == g.service_id;
    }
    return false;
}

}  // namespace

Reach reach(Role role, Permission p) {
    return matrix[static_cast<int>(p)].reach[static_cast<int>(role)];
}

std::vector<RoleGrant> roles_held(const Resident& r, std::span<const RoleGrant> grants) {
    std::vector<RoleGrant> out;
    out.reserve(grants.size() + 2);
    out.push_back(RoleGrant{0, r.site_id, r.id, std::nullopt, Role::agent});
    if (r.role == Role::referent && r.service_id) out.push_back(RoleGrant{0, r.site_id, r.id, r.service_id, Role::referent});
    if (r.role == Role::gestionnaire || r.role == Role::lecteur || r.role == Role::admin)
        out.push_back(RoleGrant{0, r.site_id, r.id, std::nullopt, r.role});
    out.insert(out.end(), grants.begin(), grants.end());
    return out;
}

bool allowed(std::span<const RoleGrant> roles, Permission p, const Scope& s) {
    for (auto& g : roles)
        if (covers(g, reach(g.role, p), s)) return true;
    return false;
}

bool allowed_within(std::span<const RoleGrant> roles, Permission p, std::optional<SiteId> site) {
    for (auto& g : roles) {
        auto r = reach(g.role, p);
        if (r == Reach::everywhere || (r != Reach::none && (!site || g.site_id == *site))) return true;
    }
    return false;
}

bool allowed_everywhere(std::span<const RoleGrant> roles, Permission p) {
    for (auto& g : roles)
        if (reach(g.role, p) == Reach::everywhere) return true;
    return false;
}

bool may_manage_resident(std::span<const RoleGrant> roles, const Resident* before,
                         std::span<const RoleGrant> before_grants, const Resident* after) {
    for (const Resident* r : {before, after}) {
        if (!r) continue;
        if (!allowed(roles, Permission::manage_residents, Scope{r->site_id, r->service_id})) return false;
        Scope site{r->site_id, std::nullopt};
        if (r->role != Role::agent && !allowed(roles, Permission::manage_roles, site)) return false;
        if (r->role == Role::admin && !allowed(roles, Permission::manage_sites, site)) return false;
    }
    for (auto& g : before_grants)
        if (!allowed(roles, Permission::manage_roles, Scope{g.site_id, std::nullopt})) return false;
    if (before && after && before->email != after->email &&
        !allowed(roles, Permission::manage_roles, Scope{after->site_id, std::nullopt}))
        return false;
    return true;
}

const char* to_string(Permission p) { return matrix[static_cast<int>(p)].name; }

}  // namespace escale::app
