// SPDX-License-Identifier: EUPL-1.2
// Remontées (issue 13 item 6): an irritant or an idea an agent posts about the flex office,
// signed or anonymous, under a theme; others support it; the project team answers it and
// marks it in progress or handled. The author of an anonymous remontée is not kept at all
// (so nobody, not even its author, can edit it afterwards). Also the counts per theme and per
// service, with the minimum group size. Plain values and pure functions: safe to share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace escale {

using RemonteeId = Id;

enum class RemonteeKind { irritant, idee };
BOOST_DESCRIBE_ENUM(RemonteeKind, irritant, idee)

enum class RemonteeTheme { bruit, rangement, reservation, confidentialite, equipements, autre };
BOOST_DESCRIBE_ENUM(RemonteeTheme, bruit, rangement, reservation, confidentialite, equipements, autre)
inline constexpr int remontee_theme_count = 6;

enum class RemonteeStatus { nouvelle, en_cours, traitee };
BOOST_DESCRIBE_ENUM(RemonteeStatus, nouvelle, en_cours, traitee)

struct Remontee {
    RemonteeId id = 0;
    SiteId site_id = 0;
    RemonteeKind kind = RemonteeKind::irritant;
    RemonteeTheme theme = RemonteeTheme::autre;
    std::string title;
    std::string body;
    std::optional<ResidentId> author_id;  // none: anonymous (never stored)
    // The service it is counted in: the author's, kept for an anonymous one only when that
    // service has at least 5 active residents (fewer would point at its author).
    std::optional<ServiceId> service_id;
    RemonteeStatus status = RemonteeStatus::nouvelle;
    std::string answer;  // the project team's answer, empty until given
    std::optional<ResidentId> answered_by;
    std::optional<Instant> answered_at;
    // When it was posted; for an anonymous one, only the day (00:00 UTC), so that the time
    // cannot be matched with a session's activity.
    Instant created_at{};
};

// French words of the theme (« Bruit », « Confidentialité »…) and of the status.
const char* theme_label(RemonteeTheme t);
const char* status_label(RemonteeStatus s);

// The checks of a remontée as posted or edited (title, body); invalid_field / missing_field.
Result<void> validate_remontee(const Remontee& r);
// The checks of the project team's answer.
Result<void> validate_remontee_answer(std::string_view answer);

// The instant kept for a remontée posted at `now`: `now` when signed, its day when anonymous.
Instant kept_post_instant(Instant now, bool anonymous);

// What the counts are made of: one posted remontée, its theme and counted service.
struct RemonteeFact {
    RemonteeTheme theme = RemonteeTheme::autre;
    std::optional<ServiceId> service_id;
};

struct CountedGroup {
    std::optional<Id> key;  // the theme's index, or the service (none: no service kept)
    bool hidden = false;    // fewer than 5, or hidden so that none is derived by difference
    int count = 0;          // 0 when hidden
};

struct RemonteeCounts {
    std::optional<int> total;           // none when fewer than 5
    std::vector<CountedGroup> themes;   // every theme, in the enum's order (key: its index)
    std::vector<CountedGroup> services; // every service of `services`, then those not kept
};

// The counts per theme and per service (the site's `services`), minimum group size applied
// on each of the two splits.
RemonteeCounts remontee_counts(const std::vector<RemonteeFact>& facts, const std::vector<ServiceId>& services);

}  // namespace escale
