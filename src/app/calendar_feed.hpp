// SPDX-License-Identifier: EUPL-1.2
// Use cases of calendar feeds (issue 13, item 4): a resident's secret subscription address,
// its revocation, and the iCalendar document it serves (their desk and space bookings); a
// collective space's, for its door screen; and one booking as an .ics file to download.
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

// One desk or space booking as an iCalendar document (one event; STATUS:CANCELLED once
// cancelled), for its holder or whoever may book for them; others get not_found, as for an
// unknown booking.
Result<std::string> desk_booking_icalendar(Context ctx, const Actor& actor, BookingId id);
Result<std::string> space_booking_icalendar(Context ctx, const Actor& actor, SpaceBookingId id);

// A collective space's feed for its door screen, made at the first request; its revocation
// (the address answers 404; the next request makes a new one). For whoever manages the
// space's site (manage_referential: its gestionnaires): forbidden otherwise, not_found for
// an unknown space.
Result<SpaceCalendarFeed> space_calendar_feed(Context ctx, const Actor& actor, SpaceId space);
Result<void> revoke_space_calendar_feed(Context ctx, const Actor& actor, SpaceId space);

// The document behind a space feed's token: the space's bookings from two months ago to the
// end of the booking horizon, cancelled ones included, each only as « Réservé » (no holder,
// no subject: a door screen is seen by anyone passing). not_found for an unknown or revoked
// token.
Result<std::string> space_calendar_feed_document(Context ctx, const std::string& token);

}  // namespace escale::app
