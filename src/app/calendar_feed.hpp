// SPDX-License-Identifier: EUPL-1.2
// Use cases of calendar feeds (issue 13, item 4): a resident's secret subscription address,
// its revocation, and the iCalendar document it serves (their desk and space bookings).
#pragma once

#include <string>

#include "app/context.hpp"
#include "core/error.hpp"
#include "store/calendar_feed_store.hpp"

namespace escale::app {

// The caller's feed, made at the first request.
Result<CalendarFeed> my_calendar_feed(Context ctx, const Actor& actor);

// Revokes the caller's feed: its address answers 404; the next request makes a new one.
Result<void> revoke_my_calendar_feed(Context ctx, const Actor& actor);

// The document behind a feed's token: the holder's desk and space bookings from two months
// ago to the end of the booking horizon, cancelled ones included (STATUS:CANCELLED).
// Fails with not_found for an unknown or revoked token, or a holder who is no longer active.
Result<std::string> calendar_feed_document(Context ctx, const std::string& token);

}  // namespace escale::app
