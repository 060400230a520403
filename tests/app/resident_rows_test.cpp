// SPDX-License-Identifier: EUPL-1.2
// The residents import's line checks, without the database: columns found by their French
// headers, each kind of wrong line refused with its line and column, the rest read.
#include <gtest/gtest.h>

#include "app/permissions.hpp"
#include "app/resident_rows.hpp"

namespace escale::app {
namespace {

const std::map<std::string, ServiceId> services{{"SG", 1}, {"DDETS", 2}};

std::vector<RoleGrant> importer(Role role) {
    Resident r;
    r.id = 9;
    r.site_id = 1;
    r.service_id = 2;
    r.role = role;
    return roles_held(r, {});
}

ResidentRows read(const std::string& csv, Role by = Role::gestionnaire) {
    auto lines = parse_csv(csv);
    EXPECT_TRUE(lines.has_value());
    auto columns = resident_columns(lines->front());
    EXPECT_TRUE(columns.has_value());
    return read_resident_rows(std::span<const CsvRow>(*lines).subspan(1), *columns, 1, services, importer(by));
}

TEST(ResidentRows, ColumnsAreFoundByTheirFrenchHeadersInAnyOrder) {
    auto lines = parse_csv("\xEF\xBB\xBFSERVICE ; Rôle;Courriel;Nom affiché;QUOTITÉ\r\n");
    ASSERT_TRUE(lines.has_value());
    auto columns = resident_columns(lines->front());
    ASSERT_TRUE(columns.has_value());
    EXPECT_EQ(columns->at(ResidentColumn::service), 0u);
    EXPECT_EQ(columns->at(ResidentColumn::role), 1u);
    EXPECT_EQ(columns->at(ResidentColumn::email), 2u);
    EXPECT_EQ(columns->at(ResidentColumn::name), 3u);
    EXPECT_EQ(columns->at(ResidentColumn::fte), 4u);
}

TEST(ResidentRows, AMissingColumnIsNamed) {
    auto lines = parse_csv("email;service\n");
    auto columns = resident_columns(lines->front());
    ASSERT_FALSE(columns.has_value());
    EXPECT_EQ(columns.error().code, "invalid_csv");
    EXPECT_NE(columns.error().message.find("« nom »"), std::string::npos);
}

TEST(ResidentRows, GoodLinesAreReadWithTheirDefaults) {
    auto r = read("email;nom;service;quotité;rôle\n"
                  " Anne.Martin@Example.gouv.fr ;Anne Martin;DDETS;80 %;\n"
                  "paul@example.gouv.fr;Paul;SG;;Référent\n");
    ASSERT_TRUE(r.problems.empty()) << r.problems.front().message;
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].line, 2);
    EXPECT_EQ(r.rows[0].resident.email, "anne.martin@example.gouv.fr");
    EXPECT_EQ(r.rows[0].resident.service_id, ServiceId{2});
    EXPECT_EQ(r.rows[0].resident.fte_percent, 80);
    EXPECT_EQ(r.rows[0].resident.role, Role::agent);
    EXPECT_EQ(r.rows[1].service_code, "SG");
    EXPECT_EQ(r.rows[1].resident.fte_percent, 100);
    EXPECT_EQ(r.rows[1].resident.role, Role::referent);
}

TEST(ResidentRows, EachWrongLineIsRefusedOnceWithItsLineAndColumn) {
    auto r = read("email;nom;service;quotité;rôle\n"
                  "a@ex.fr;A;BAG;;\n"           // 2: no such service
                  "b@ex.fr;B;SG;huit;\n"        // 3: not a number
                  "c@ex.fr;C;SG;;chef\n"        // 4: no such role
                  "pas-une-adresse;D;SG;;\n"    // 5: the resident's own validation
                  "e@ex.fr;E;SG;;\n"            // 6: read
                  "E@EX.FR;E bis;SG;;\n"        // 7: the same address again
                  "f@ex.fr;F;SG;5;\n");         // 8: quotité out of range
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].line, 6);
    std::vector<std::pair<int, std::string>> got;
    for (auto& p : r.problems) {
        got.emplace_back(p.line, p.field);
        EXPECT_EQ(p.message.rfind("Ligne " + std::to_string(p.line) + " : ", 0), 0u) << p.message;
    }
    std::vector<std::pair<int, std::string>> expected{{2, "service"}, {3, "quotité"}, {4, "rôle"}, {5, "email"},
                                                      {7, "email"},   {8, "quotité"}};
    EXPECT_EQ(got, expected);
}

TEST(ResidentRows, NoLineCreatesSomeoneTheImporterCouldNot) {
    // A référent of DDETS (the route does not let one import; the lines are checked anyway).
    auto r = read("email;nom;service;rôle\n"
                  "a@ex.fr;A;DDETS;\n"
                  "b@ex.fr;B;SG;\n"
                  "c@ex.fr;C;DDETS;gestionnaire\n",
                  Role::referent);
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0].line, 2);
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0].field, "service");
    EXPECT_EQ(r.problems[1].field, "rôle");
    // A gestionnaire grants roles on the site but makes no administrator.
    auto g = read("email;nom;service;rôle\nd@ex.fr;D;SG;gestionnaire\ne@ex.fr;E;SG;admin\n");
    ASSERT_EQ(g.rows.size(), 1u);
    ASSERT_EQ(g.problems.size(), 1u);
    EXPECT_EQ(g.problems[0].line, 3);
}

}  // namespace
}  // namespace escale::app
