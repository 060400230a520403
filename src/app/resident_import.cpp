// SPDX-License-Identifier: EUPL-1.2
#include "app/resident_import.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/transaction.hpp"
#include "core/csv.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {

Result<ImportReport> import_residents_csv(Context ctx, const Actor& actor, SiteId site_id, std::string_view csv,
                                          bool dry_run) {
    ESCALE_TRY_VOID(actor.require(Permission::manage_residents, Scope{site_id, std::nullopt}));
    ESCALE_TRY(auto lines, parse_csv(csv));
    if (lines.empty()) return fail(errors::invalid_csv("le fichier est vide"));
    ESCALE_TRY(auto columns, resident_columns(lines[0]));

    return in_transaction(ctx, dry_run ? TxMode::read : TxMode::write, [&](Transaction& tx) -> Result<ImportReport> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site_id));
        std::map<std::string, ServiceId> service_by_code;
        for (auto& s : services) service_by_code.emplace(s.code, s.id);

        auto read = read_resident_rows(std::span(lines).subspan(1), columns, site_id, service_by_code, actor.roles);
        std::vector<ResidentRow> accepted;
        for (auto& row : read.rows) {
            ESCALE_TRY(auto existing, tx.referential().find_resident_by_email(row.resident.email));
            if (existing)
                read.problems.push_back(existing_address_problem(row.line, row.resident.email));
            else
                accepted.push_back(std::move(row));
        }
        if (!read.problems.empty()) {
            std::stable_sort(read.problems.begin(), read.problems.end(),
                             [](const ErrorDetail& a, const ErrorDetail& b) { return a.line < b.line; });
            auto e = errors::invalid_csv(fmt::format("{} ligne(s) en erreur, rien n'a été importé", read.problems.size()));
            e.details = std::move(read.problems);
            return fail(std::move(e));
        }
        ImportReport report;
        if (dry_run) {
            report.preview = std::move(accepted);
            return report;
        }
        for (auto& row : accepted) ESCALE_TRY_VOID(tx.referential().insert(row.resident));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, site_id, {}, {}, "import", "residents", {},
                                          fmt::format("{} résident(s) importé(s) par CSV", accepted.size())}));
        report.created = static_cast<int>(accepted.size());
        return report;
    });
}

}  // namespace escale::app
