// SPDX-License-Identifier: EUPL-1.2
// The catalogue of errors Escale reports: one function per stable code, each with its
// French message. Every layer builds its errors from here so codes and wording stay one.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/local_date.hpp"
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

// planning
// The rules given (pairs of services that must or must not share a team day, allowed days)
// leave no possible plan.
Error no_feasible_plan();

// lockers (app/locker_assignment.hpp)
// The locker already has a holder (409).
Error locker_taken();
// The person already holds a locker (409): `own` when it is the person themselves who asks.
Error already_holds_locker(bool own);
// No locker of the site is free (409).
Error no_free_locker();
// The person holds no locker (404): `own` as above.
Error no_locker(bool own);
// The locker is on another site than the person's (422).
Error locker_of_another_site();

// web app (issue 11): the folder of the built web app cannot be served.
Error web_root_invalid(std::string_view folder, std::string_view why);

// check-in and no-show release (issue 10, item 3)
Error check_in_disabled();
// Check-in is possible only during the booking's own half-day, on the site's clock.
Error check_in_not_now();
// Past the release time of the slot (hh_mm, local) the booking was, or is about to be, released.
Error booking_released(std::string_view hh_mm);
// A booking in state `from` cannot go to `to` (e.g. a cancelled booking checked in).
Error invalid_transition(std::string_view from, std::string_view to);

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

// presence planning (issue 10, item 6)
// Declaring telework, absence or a mission on a half-day where the person holds a desk
// booking (409): `own` when it is the person themselves; the bookings go in Error::details.
Error presence_contradicts_booking(bool own, int bookings);
// A declaration for a day before today at the site (422).
Error presence_day_past();
// A declaration more than `days` days ahead (422).
Error presence_day_too_far(int days);
// fair-booking rules and waitlist (issue 10, items 4 and 5; core/desk_rules.hpp)
// The site keeps its adapted (PMR) desks for residents who need one.
Error adapted_desk_reserved();
// Until `hours` before the slot, the quartier `zone_name` is for its service's residents.
Error quartier_reserved(std::string_view zone_name, std::string_view service_name, int hours);
// The holder already has `held` half-days in the week starting on `monday`, at most `quota`.
Error weekly_quota_reached(int quota, int held, Date monday, bool own);
// A waitlist is for slots with no free desk the resident may take: `free` are still free.
Error desks_still_free(int free);
// The resident already waits for that slot (409).
Error already_waiting();
// A waitlist entry names exactly one of site, floor and quartier.
Error waitlist_scope();
// notifications (issue 10, item 7)
// The SMTP relay could not be reached (kind unavailable: the mail is tried again later).
Error mail_relay_unavailable(std::string_view detail);
// The SMTP relay refused this mail (kind rule_violation: retried, then given up).
Error mail_refused(std::string_view detail);
// live updates (issue 11)
// This server already serves its maximum of open event streams (503; the browser retries).
Error too_many_streams();
// hardening (issue 14)
// Too much work of one kind already waiting (password hashing): refused at once, to retry
// after `retry_after`.
Error server_busy(std::chrono::seconds retry_after);
// planning engine (issue 12)
// As many planning calculations as this server takes are already waiting or running (503).
Error planning_busy();
// The calculation a scenario is saved from has not finished, or failed (409).
Error planning_job_unfinished();
// A scenario is saved from a calculation of a scenario, not of another question (422).
Error planning_job_not_a_scenario();
// hardening (issue 14, finding 9): HTTP conformance
// An HTTP/1.1 request without exactly one Host header (400).
Error missing_host();
// A JSON body naming `key` twice in one object (400): which one counts is not guessed.
Error duplicate_key(std::string_view key);
// A Content-Type other than application/json where JSON is required (400).
Error json_content_type_required();
// A page cursor (?cursor=) that no list of this kind gave (400).
Error invalid_cursor();

// surveys and remontées (issue 13, items 5 and 6)
// A required question (numbered `position`) was left without an answer (400).
Error answer_missing(int position);
// An answer sheet with no answer at all (400).
Error no_answer();
// The survey takes answers from `opens` to `closes` only (422).
Error survey_not_open(Date opens, Date closes);
// The resident has already answered this survey (409): once each.
Error already_answered();
// The survey is for other services than the resident's (403).
Error survey_not_for_you();
// Two surveys compared must ask the same questions (422).
Error surveys_not_comparable();
// No built-in questionnaire has that key (400).
Error unknown_survey_template(std::string_view key);
// The resident already supports this remontée (409).
Error already_supported();

}  // namespace escale::errors
