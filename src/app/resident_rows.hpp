// SPDX-License-Identifier: EUPL-1.2
// The residents' CSV file read into residents without the database (POST
// /api/v1/sites/{id}/residents/import): the header's columns, then each line's checks — a
// service code of the site, a whole quotité, a rôle the importer may grant, the resident's
// own validation, an address given twice. Whether an address already belongs to someone is
// left to the import's transaction (app/resident_import). Pure; fuzzed by fuzz/resident_rows.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/resident.hpp"
#include "core/role_grant.hpp"

namespace escale::app {

enum class ResidentColumn { email, name, service, fte, role };

// Where each column is, found by its header cell (case and accents as French spreadsheets
// write them): email (or courriel), nom (or nom affiché), service, quotité (optional,
// default 100), rôle (optional, default agent).
using ResidentColumns = std::map<ResidentColumn, std::size_t>;

// The columns of `header`; fails (invalid_csv) when email, nom or service is missing.
Result<ResidentColumns> resident_columns(const CsvRow& header);

// One line that passed every check.
struct ResidentRow {
    int line = 0;
    Resident resident;
    std::string service_code;
};

// The lines read: those that passed, and one problem for each line that did not (its first),
// in the file's order. A problem names its line, its column and says what is wrong in French.
struct ResidentRows {
    std::vector<ResidentRow> rows;
    std::vector<ErrorDetail> problems;
};

// The lines after the header (`lines`), for site `site` whose services are `service_by_code`,
// imported by someone holding `importer_roles`.
ResidentRows read_resident_rows(std::span<const CsvRow> lines, const ResidentColumns& columns, SiteId site,
                                const std::map<std::string, ServiceId>& service_by_code,
                                std::span<const RoleGrant> importer_roles);

// The problem a line gets when its address already belongs to a resident.
ErrorDetail existing_address_problem(int line, const std::string& email);

}  // namespace escale::app
