// SPDX-License-Identifier: EUPL-1.2
// Importing residents from a CSV file as French spreadsheets export it (';', UTF-8).
#pragma once

#include <string_view>

#include "app/context.hpp"
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/resident.hpp"

namespace escale::app {

struct ImportReport {
    int created = 0;
    // A dry run (the preview before importing): what would be created, with the line of
    // the file each comes from; nothing is written.
    struct Line {
        int line = 0;
        Resident resident;
        std::string service_code;
    };
    std::vector<Line> preview;
};

// Columns, found by their header (case and accents as usual in French spreadsheets):
//   email (or "courriel"), nom (or "nom affiché"), service (a service code of the site),
//   quotité (optional, 10..100, default 100), rôle (optional: agent, referent,
//   gestionnaire, admin; default agent).
// All or nothing: when any line is wrong, nothing is written and the error lists every
// wrong line with its number (kind invalid_input, code "invalid_csv").
// `dry_run`: the same checks and answers, in a read transaction, writing nothing (and no
// audit line); the report's preview lists what an import would create.
Result<ImportReport> import_residents_csv(Context ctx, const Actor& actor, SiteId site, std::string_view csv,
                                          bool dry_run = false);

}  // namespace escale::app
