// SPDX-License-Identifier: EUPL-1.2
// The residents' CSV import's checks (app/resident_rows), on whatever text: read as the import
// reads it (core/csv, then the header's columns), for a site of three services, by a
// référent of one of them (who may import plain agents of that service only) and by an
// administrator. Asserts that each line after the header is either read or refused, once, in
// the file's order; that a refusal names its line; and that every line read is a resident the
// importer may create: a service of the site, valid, its address normalised and given once.
#include <set>

#include "app/permissions.hpp"
#include "app/resident_rows.hpp"
#include "check.hpp"
#include "core/validation.hpp"

namespace {

using namespace escale;

void check(std::span<const CsvRow> lines, const app::ResidentColumns& columns,
           const std::vector<RoleGrant>& importer) {
    const std::map<std::string, ServiceId> services{{"SG", 1}, {"DDETS", 2}, {"Cœur", 3}};
    auto read = app::read_resident_rows(lines, columns, 1, services, importer);
    FUZZ_CHECK(read.rows.size() + read.problems.size() == lines.size(), "a line neither read nor refused, or twice");
    std::set<int> seen_lines;
    std::set<std::string> emails;
    for (auto& p : read.problems) {
        FUZZ_CHECK(p.message.starts_with("Ligne " + std::to_string(p.line) + " : "), "a refusal without its line");
        FUZZ_CHECK(seen_lines.insert(p.line).second, "two refusals for one line");
    }
    for (auto& row : read.rows) {
        FUZZ_CHECK(seen_lines.insert(row.line).second, "a line both read and refused");
        auto& r = row.resident;
        FUZZ_CHECK(r.site_id == 1, "a resident of another site");
        FUZZ_CHECK(services.contains(row.service_code) && services.at(row.service_code) == r.service_id,
                   "a resident of a service not named");
        FUZZ_CHECK(validate(r).has_value(), "a resident that does not validate");
        FUZZ_CHECK(normalize_email(r.email) == r.email, "an address not normalised");
        FUZZ_CHECK(emails.insert(r.email).second, "an address read twice");
        FUZZ_CHECK(app::may_manage_resident(importer, nullptr, {}, &r), "a role the importer may not grant");
    }
    for (std::size_t i = 1; i < read.problems.size(); ++i)
        FUZZ_CHECK(read.problems[i - 1].line < read.problems[i].line, "refusals out of the file's order");
    for (std::size_t i = 1; i < read.rows.size(); ++i)
        FUZZ_CHECK(read.rows[i - 1].line < read.rows[i].line, "lines read out of the file's order");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto lines = parse_csv(fuzz::text_of(data, size));
    if (!lines || lines->empty()) return 0;
    auto columns = app::resident_columns(lines->front());
    if (!columns) return 0;
    auto rest = std::span<const CsvRow>(*lines).subspan(1);
    for (Role role : {Role::referent, Role::admin}) {
        Resident importer;
        importer.id = 9;
        importer.site_id = 1;
        importer.service_id = 2;
        importer.role = role;
        check(rest, *columns, app::roles_held(importer, {}));
    }
    return 0;
}
