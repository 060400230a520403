// SPDX-License-Identifier: EUPL-1.2
// The catalogue of errors Escale reports: one function per stable code, each with its
// French message. Every layer builds its errors from here so codes and wording stay one.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/noun.hpp"

namespace escale::errors {

// input
Error invalid_json(std::string_view why);
Error invalid_field(std::string_view field, std::string_view expected);
Error missing_field(std::string_view field);
Error invalid_date(std::string_view field);
Error invalid_period();
Error body_too_large(std::size_t limit_bytes);
Error invalid_csv(std::string_view why);

// identity
Error unauthenticated();
Error bad_credentials();
Error unknown_field(std::string_view field);
Error session_expired();
Error too_many_attempts(std::chrono::seconds retry_after);
Error csrf_token_invalid();
Error read_only_token();
Error forbidden();
// Refused a log of every site: says that naming a site (site_id) is what is missing.
Error site_needed_for_audit();
Error self_removal();

// changing and resetting passwords (app/identity/account_password.hpp)
Error wrong_current_password();
Error same_password();
// A person without a local password (one who logs in through ProConnect): `own` when it is
// the person themselves who asks.
Error no_local_password(bool own);
Error own_password_reset();

// lookups and data integrity; each message is composed around `what` (core/noun.hpp)
Error not_found(Noun what);
Error already_exists(Noun what);
// The `what` a request names does not exist (on_this_site: or belongs to another site).
Error unknown_reference(Noun what, bool on_this_site = false);
// A row refers to one that does not exist (any more): the database's foreign keys.
Error unknown_reference();
// The quartier a request names is on another floor than the thing placed in it.
Error zone_not_on_floor();
Error in_use(Noun what);

// desk booking rules
Error slot_taken();
Error already_booked_that_slot();
Error closed_day();
Error past_slot();
Error beyond_horizon(int horizon_days);
Error desk_inactive();
Error booking_not_live();

// infrastructure
Error database_unavailable();
// The database gave up a transaction to keep concurrent ones consistent (serialisation
// failure, deadlock); running it again is expected to succeed.
Error transaction_conflict();
Error internal(std::string_view what);

// collective space bookings (core/space_rules.hpp)
// The space is held from `from_clock` to `to_clock` ("10 h 00"); the range, as local times
// with offset, also goes in Error::range.
Error range_taken(std::string_view from_clock, std::string_view to_clock, std::string start, std::string end);
// The database refused the range for a booking committed meanwhile (PostgreSQL's exclusion
// constraint): kind contention, so that the transaction runs again and names that booking.
Error range_just_taken();
Error invalid_range();
Error off_grid(int grid_minutes);
Error outside_opening_hours(std::string_view opens_clock, std::string_view closes_clock);
Error wrong_offset(std::string_view field, std::string_view expected_offset);
Error too_many_attendees(int capacity);
Error too_many_occurrences(int max);
// A recurrence asked all or nothing: `refused` of its occurrences cannot be booked (each
// in Error::details).
Error occurrences_refused(int refused, int total);

}  // namespace escale::errors
