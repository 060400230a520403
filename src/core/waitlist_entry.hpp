// SPDX-License-Identifier: EUPL-1.2
// A waitlist entry (inscription en liste d'attente, issue 10 item 5): a resident waiting for
// a desk slot (date, half-day) anywhere on a site, on a floor or in a quartier. When a desk
// of that scope is freed (a cancellation, a no-show release), the first waiting entry whose
// holder the rules let take it gets it at once (app/waitlist.hpp) and becomes `promoted`.
#pragma once

#include <optional>

#include <boost/describe/enum.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

using WaitlistEntryId = Id;

enum class WaitlistState {
    waiting,   // in the queue
    promoted,  // got a desk (booking_id)
    left,      // left by its resident (or their removal)
};
BOOST_DESCRIBE_ENUM(WaitlistState, waiting, promoted, left)

struct WaitlistEntry {
    WaitlistEntryId id = 0;
    SiteId site_id = 0;
    std::optional<FloorId> floor_id;  // a floor of the site, or
    std::optional<ZoneId> zone_id;    // a quartier (with its floor); neither: the whole site
    ResidentId resident_id = 0;
    Date date;
    Half half = Half::am;
    WaitlistState state = WaitlistState::waiting;
    Instant created_at{};
    Instant state_changed_at{};
    std::optional<BookingId> booking_id;  // the booking it got, once promoted
};

// Whether a desk (on `floor`, in quartier `zone` if any) lies in the entry's scope.
constexpr bool in_scope(const WaitlistEntry& e, FloorId floor, std::optional<ZoneId> zone) {
    if (e.zone_id) return zone && *zone == *e.zone_id;
    if (e.floor_id) return floor == *e.floor_id;
    return true;
}

}  // namespace escale
