// SPDX-License-Identifier: EUPL-1.2
// Use cases of remontées (issue 13, item 6): post an irritant or an idea (signed or
// anonymous), list those of one's site, support one (once), edit or remove one's own signed
// one, and, for the project team, answer one and mark it in progress or handled; the counts
// per theme and per service. An anonymous remontée keeps no author, and posting one writes
// nothing in the audit log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/remontee.hpp"

namespace escale::app {

struct PostRemontee {
    RemonteeKind kind = RemonteeKind::irritant;
    RemonteeTheme theme = RemonteeTheme::autre;
    std::string title;
    std::string body;
    bool anonymous = false;
};

// A remontée as the actor sees it.
struct RemonteeView {
    Remontee remontee;
    int supports = 0;
    bool supported = false;      // by the actor
    bool mine = false;           // signed by the actor: they may edit or remove it
    std::string author_name;     // signed ones; empty when anonymous
    std::string service_name;    // signed ones: the author's service
};

// Posts on the actor's site (take_part). Errors: missing_field / invalid_field, forbidden.
Result<RemonteeView> post_remontee(Context ctx, const Actor& actor, const PostRemontee& request);

// The remontées of site `site` (the actor's own by default), of one theme when given, newest
// first (take_part on the site).
Result<std::vector<RemonteeView>> list_remontees(Context ctx, const Actor& actor, std::optional<SiteId> site,
                                                 std::optional<RemonteeTheme> theme);

// Supports remontée `id` (take_part on its site): already_supported the second time, whatever races.
Result<RemonteeView> support_remontee(Context ctx, const Actor& actor, RemonteeId id);
// Withdraws one's support (not_found when there was none).
Result<RemonteeView> withdraw_support(Context ctx, const Actor& actor, RemonteeId id);

// Edits one's own signed remontée (not_found for anyone else's, and for an anonymous one:
// its author is not known).
Result<RemonteeView> edit_remontee(Context ctx, const Actor& actor, RemonteeId id, const std::string& title,
                                   const std::string& body);

// Removes one: one's own signed one, or any with manage_remontees (recorded in the audit log);
// not_found otherwise.
Result<void> remove_remontee(Context ctx, const Actor& actor, RemonteeId id);

// The project team's answer and status (manage_remontees on its site), recorded in the audit log.
Result<RemonteeView> answer_remontee(Context ctx, const Actor& actor, RemonteeId id, RemonteeStatus status,
                                     const std::string& answer);

// Counts per theme and per service of site `site` (read_statistics on the whole site), with
// the minimum group size; service_names aligned with counts.services (empty for those not kept).
struct RemonteeCountsView {
    RemonteeCounts counts;
    std::vector<std::string> service_names;
};
Result<RemonteeCountsView> count_remontees(Context ctx, const Actor& actor, SiteId site);

}  // namespace escale::app
