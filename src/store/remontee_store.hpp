// SPDX-License-Identifier: EUPL-1.2
// Remontées and their supports inside a transaction (issue 13, item 6). Part of a
// Transaction (store/store.hpp): it belongs to the transaction's thread and shares its error
// rules. A resident supports a remontée at most once (the primary key of remontee_supports).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/remontee.hpp"

namespace escale {

class RemonteeStore {
public:
    virtual ~RemonteeStore() = default;

    virtual Result<RemonteeId> insert(const Remontee& r) = 0;
    virtual Result<std::optional<Remontee>> find(RemonteeId id) = 0;
    // The remontées of site `site` (of one theme when given), newest first.
    virtual Result<std::vector<Remontee>> of_site(SiteId site, std::optional<RemonteeTheme> theme) = 0;
    // The remontées signed by resident r, oldest first (personal data).
    virtual Result<std::vector<Remontee>> signed_by(ResidentId r) = 0;
    // Changes the title and body of remontée `id`; false when there is none.
    virtual Result<bool> update_text(RemonteeId id, const std::string& title, const std::string& body) = 0;
    // Records the project team's answer and status; false when there is none.
    virtual Result<bool> answer(RemonteeId id, RemonteeStatus status, const std::string& answer, std::optional<ResidentId> by,
                                Instant at) = 0;
    virtual Result<int> remove(RemonteeId id) = 0;

    // Adds r's support; fails with already_supported (conflict) when r supports it already,
    // whatever races.
    virtual Result<void> add_support(RemonteeId id, ResidentId r) = 0;
    // Withdraws r's support; how many (0 or 1).
    virtual Result<int> remove_support(RemonteeId id, ResidentId r) = 0;
    // (remontée, number of supports) of every supported remontée of site `site`: the supports
    // held, and those counted before their people were forgotten (forget, retention).
    virtual Result<std::vector<std::pair<RemonteeId, int>>> support_counts(SiteId site) = 0;
    // The remontées r supports (every site, personal data).
    virtual Result<std::vector<RemonteeId>> supported_by(ResidentId r) = 0;

    // What the counts are made of, for site `site`.
    virtual Result<std::vector<RemonteeFact>> facts(SiteId site) = 0;

    // Personal data: resident r's remontées lose their author (they stay, anonymous, with
    // only their day) and r's supports and answers' signature go; how many remontées.
    virtual Result<int> forget(ResidentId r) = 0;
    // Retention: the remontées of site `site` posted before `before` lose their author and
    // the name of who answered; how many.
    virtual Result<int> forget_authors_before(SiteId site, Instant before) = 0;
    // Retention: the supports of the remontées of site `site` posted before `before` are
    // deleted and only counted (their number stays in support_counts); how many.
    virtual Result<int> forget_supports_before(SiteId site, Instant before) = 0;
};

}  // namespace escale
