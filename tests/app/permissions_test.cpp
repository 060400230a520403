// SPDX-License-Identifier: EUPL-1.2
// The permissions matrix as pure functions: reaches, roles held, and who manages whom.
#include <gtest/gtest.h>

#include "app/permissions.hpp"

namespace escale::app {
namespace {

Resident resident(ResidentId id, SiteId site, std::optional<ServiceId> service, Role role) {
    Resident r;
    r.id = id;
    r.site_id = site;
    r.service_id = service;
    r.role = role;
    return r;
}

TEST(Permissions, EveryoneIsAgentOnTheirOwnSiteOnly) {
    auto roles = roles_held(resident(1, 10, 100, Role::agent), {});
    EXPECT_TRUE(allowed(roles, Permission::book_own, {10, std::nullopt}));
    EXPECT_TRUE(allowed(roles, Permission::read_site, {10, 100}));
    EXPECT_FALSE(allowed(roles, Permission::read_site, {11, std::nullopt}));
    EXPECT_FALSE(allowed(roles, Permission::read_residents, {10, 100}));
    EXPECT_FALSE(allowed(roles, Permission::book_for_others, {10, 100}));
}

TEST(Permissions, AReferentReachesTheirServiceOnly) {
    auto roles = roles_held(resident(1, 10, 100, Role::referent), {});
    EXPECT_TRUE(allowed(roles, Permission::read_residents, {10, 100}));
    EXPECT_FALSE(allowed(roles, Permission::read_residents, {10, 101}));
    EXPECT_FALSE(allowed(roles, Permission::read_residents, {10, std::nullopt}));  // the whole site
    EXPECT_FALSE(allowed(roles, Permission::read_residents, {11, 100}));           // same id, other site
    EXPECT_TRUE(allowed_within(roles, Permission::read_residents, 10));
    EXPECT_FALSE(allowed_within(roles, Permission::read_residents, 11));
    // A référent without a service holds no service.
    auto without = roles_held(resident(2, 10, std::nullopt, Role::referent), {});
    EXPECT_FALSE(allowed_within(without, Permission::read_residents, 10));
}

TEST(Permissions, GrantsAddRolesOnOtherSites) {
    std::vector<RoleGrant> grants{{1, 20, 1, std::nullopt, Role::gestionnaire}, {2, 30, 1, 300, Role::referent}};
    auto roles = roles_held(resident(1, 10, 100, Role::agent), grants);
    EXPECT_TRUE(allowed(roles, Permission::manage_referential, {20, std::nullopt}));
    EXPECT_FALSE(allowed(roles, Permission::manage_referential, {10, std::nullopt}));
    EXPECT_TRUE(allowed(roles, Permission::book_for_others, {30, 300}));
    EXPECT_FALSE(allowed(roles, Permission::book_for_others, {30, 301}));
}

TEST(Permissions, AnAdministratorReachesEverySite) {
    auto roles = roles_held(resident(1, 10, std::nullopt, Role::admin), {});
    for (int p = 0; p < permission_count; ++p)
        EXPECT_TRUE(allowed(roles, static_cast<Permission>(p), {999, 5})) << to_string(static_cast<Permission>(p));
}

TEST(Permissions, ALecteurReadsButNeitherBooksNorSeesPeople) {
    auto roles = roles_held(resident(1, 10, 100, Role::lecteur), {});
    EXPECT_TRUE(allowed(roles, Permission::read_statistics, {10, std::nullopt}));
    EXPECT_FALSE(allowed(roles, Permission::read_residents, {10, 100}));
    // As a resident of the site, they are also an agent there.
    EXPECT_TRUE(allowed(roles, Permission::book_own, {10, std::nullopt}));
    std::vector<RoleGrant> elsewhere{{1, 20, 1, std::nullopt, Role::lecteur}};
    auto regional = roles_held(resident(1, 10, 100, Role::agent), elsewhere);
    EXPECT_TRUE(allowed(regional, Permission::read_statistics, {20, std::nullopt}));
    EXPECT_FALSE(allowed(regional, Permission::book_own, {20, std::nullopt}));
}

TEST(Permissions, AReferentManagesTheAgentsOfTheirServiceNotTheirManagers) {
    auto referent = roles_held(resident(1, 10, 100, Role::referent), {});
    auto agent = resident(2, 10, 100, Role::agent);
    auto promoted = agent;
    promoted.role = Role::referent;
    auto moved = agent;
    moved.service_id = 101;
    EXPECT_TRUE(may_manage_resident(referent, &agent, {}, &agent));
    EXPECT_TRUE(may_manage_resident(referent, nullptr, {}, &agent));
    EXPECT_TRUE(may_manage_resident(referent, &agent, {}, nullptr));
    EXPECT_FALSE(may_manage_resident(referent, &agent, {}, &promoted));
    EXPECT_FALSE(may_manage_resident(referent, &promoted, {}, nullptr));
    EXPECT_FALSE(may_manage_resident(referent, &agent, {}, &moved));

    auto gestionnaire = roles_held(resident(3, 10, std::nullopt, Role::gestionnaire), {});
    auto admin = agent;
    admin.role = Role::admin;
    EXPECT_TRUE(may_manage_resident(gestionnaire, &agent, {}, &promoted));
    EXPECT_FALSE(may_manage_resident(gestionnaire, &agent, {}, &admin));
    EXPECT_FALSE(may_manage_resident(gestionnaire, &admin, {}, &agent));
    EXPECT_TRUE(may_manage_resident(roles_held(resident(4, 99, std::nullopt, Role::admin), {}), &agent, {}, &admin));
}

TEST(Permissions, WhoHoldsRolesElsewhereOrWhoseEmailChangesIsNotAReferentsToManage) {
    auto referent = roles_held(resident(1, 10, 100, Role::referent), {});
    auto gestionnaire = roles_held(resident(3, 10, std::nullopt, Role::gestionnaire), {});
    auto agent = resident(2, 10, 100, Role::agent);
    std::vector<RoleGrant> elsewhere{{7, 20, 2, std::nullopt, Role::gestionnaire}};
    EXPECT_FALSE(may_manage_resident(referent, &agent, elsewhere, &agent));
    EXPECT_FALSE(may_manage_resident(referent, &agent, elsewhere, nullptr));
    EXPECT_FALSE(may_manage_resident(gestionnaire, &agent, elsewhere, &agent)) << "site 20 is not theirs";
    std::vector<RoleGrant> here{{8, 10, 2, std::nullopt, Role::lecteur}};
    EXPECT_TRUE(may_manage_resident(gestionnaire, &agent, here, &agent));
    auto renamed = agent;
    renamed.email = "autre@exemple.fr";
    EXPECT_FALSE(may_manage_resident(referent, &agent, {}, &renamed));
    EXPECT_TRUE(may_manage_resident(gestionnaire, &agent, {}, &renamed));
}

}  // namespace
}  // namespace escale::app
