// SPDX-License-Identifier: EUPL-1.2
// Importing residents from a CSV file as French spreadsheets export it (';', UTF-8).
#pragma once

#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/resident_rows.hpp"
#include "core/error.hpp"

namespace escale::app {

struct ImportReport {
    int created = 0;
    // A dry run (the preview before importing): what would be created, with the line of
    // the file each comes from; nothing is written.
    std::vector<ResidentRow> preview;
};

// Columns and checks: app/resident_rows; quotité 10..100, rôle agent, referent,
// gestionnaire, lecteur or admin (what the importer may grant).
// All or nothing: when any line is wrong, nothing is written and the error lists every
// wrong line with its number (kind invalid_input, code "invalid_csv").
// `dry_run`: the same checks and answers, in a read transaction, writing nothing (and no
// audit line); the report's preview lists what an import would create.
Result<ImportReport> import_residents_csv(Context ctx, const Actor& actor, SiteId site, std::string_view csv,
                                          bool dry_run = false);

}  // namespace escale::app
