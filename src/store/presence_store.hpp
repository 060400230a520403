// SPDX-License-Identifier: EUPL-1.2
// The presence plan inside a transaction (issue 10, item 6): each resident's declared
// half-days, weekly pattern and visibility setting. Part of a Transaction (store/store.hpp):
// it belongs to the transaction's thread and shares its error rules. Effective presence is
// computed above (core/presence.hpp), never stored.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/presence.hpp"

namespace escale {

class PresenceStore {
public:
    virtual ~PresenceStore() = default;

    // Resident r's declarations with from <= date <= to, by date then half.
    virtual Result<std::vector<PresenceDeclaration>> declarations_of(ResidentId r, Date from, Date to) = 0;
    // The declarations of every resident of service `service` with from <= date <= to.
    virtual Result<std::vector<PresenceDeclaration>> declarations_of_service(ServiceId service, Date from, Date to) = 0;
    // Writes d, replacing the declaration of the same (resident, date, half) if any.
    virtual Result<void> put_declaration(const PresenceDeclaration& d) = 0;
    // Removes the declaration of (r, date, half); returns whether there was one.
    virtual Result<bool> delete_declaration(ResidentId r, Date date, Half half) = 0;
    // Every declaration of resident r, by date then half (personal data).
    virtual Result<std::vector<PresenceDeclaration>> all_declarations_of(ResidentId r) = 0;

    // Resident r's weekly pattern, by weekday then half (empty: none).
    virtual Result<std::vector<PatternCell>> pattern_of(ResidentId r) = 0;
    // The patterns of every resident of service `service`, as (resident, cell) pairs.
    virtual Result<std::vector<std::pair<ResidentId, PatternCell>>> patterns_of_service(ServiceId service) = 0;
    // Replaces resident r's whole pattern by `cells` (checked by core check_pattern).
    virtual Result<void> replace_pattern(ResidentId r, std::span<const PatternCell> cells) = 0;

    // Whether resident r lets colleagues find them (false when never set).
    virtual Result<bool> visible_to_colleagues(ResidentId r) = 0;
    virtual Result<void> set_visible_to_colleagues(ResidentId r, bool visible) = 0;
    // The residents of site `site` who let colleagues find them, by id.
    virtual Result<std::vector<ResidentId>> visible_on_site(SiteId site) = 0;

    // Retention: deletes the declarations of site `site` dated before `before`; returns how many.
    virtual Result<int> delete_declarations_before(SiteId site, Date before) = 0;
    // Personal data (RGPD): deletes resident r's declarations, pattern and setting, and
    // forgets them as the author of others' declarations.
    virtual Result<void> forget(ResidentId r) = 0;
};

}  // namespace escale
