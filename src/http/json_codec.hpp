// SPDX-License-Identifier: EUPL-1.2
// JSON in and out of the API with Boost.JSON. Referential structs map member-for-member
// through their Boost.Describe lists; decoding checks every field's type and answers in
// French. Stateless functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "app/identity/auth.hpp"
#include "app/desk_booking.hpp"
#include "app/personal_data.hpp"
#include "app/locker_assignment.hpp"
#include "app/space_booking.hpp"  // collective spaces
#include "app/presence.hpp"  // presence planning
#include "app/waitlist.hpp"  // waitlist (issue 10, item 5)
#include "app/notifications.hpp"  // notifications
#include "indicators/occupancy.hpp"
#include "app/referential.hpp"
#include "core/error.hpp"
#include "core/instant_text.hpp"  // format_instant, for the encoders

namespace escale::http {

namespace json = boost::json;

// Parses a request body that must be a JSON object.
Result<json::object> parse_object(std::string_view body);

// Overwrites the members of `into` named in `obj` (all but "id"), checking their types.
// Unknown members are refused (code "unknown_field"), except those listed in `extra`.
template <class T>
Result<void> decode_into(const json::object& obj, T& into, std::initializer_list<std::string_view> extra = {});

// Reads an optional string member; fails with invalid_field when present but not a string.
Result<std::optional<std::string>> optional_string(const json::object& obj, std::string_view key);

json::value to_json(const DeskBooking& b);
json::value to_json(const app::PlacedBooking& b);  // the booking and where its desk is
json::value to_json(const ApiToken& t);  // without its hash
json::value to_json(const AuditEvent& e);
json::value to_json(const app::PersonalData& d);  // sessions and tokens without their hashes
json::value to_json(const indicators::Occupancy& o);
json::value to_json(const app::SiteDetail& d);
// lockers
json::value to_json(const LockerAssignment& a);
json::value to_json(const app::PlacedAssignment& p);  // the assignment, its locker and holder
json::value to_json(const app::FreeLocker& f);        // the locker, how near and where

// collective spaces
json::value to_json(const SpaceBooking& b);  // UTC instants (personal data)
json::value to_json(const app::SpaceBookingView& v);
json::value to_json(const app::SpaceBookingOutcome& o);
json::value to_json(const app::SpaceDay& d);
// presence planning
json::value to_json(const PresenceDeclaration& d);
json::value to_json(const PatternCell& c);
json::value to_json(const app::PresencePlan& p);
json::value to_json(const app::ServicePresence& s);
json::value to_json(const app::ColleagueSearch& s);
// fair-booking rules and waitlist (issue 10, items 4 and 5)
json::value to_json(const app::DeskBookingOutcome& o);  // {"bookings", "refused"}, as spaces
json::value to_json(const WaitlistEntry& e);

// notifications (issue 10, item 7)
json::value to_json(const Notification& n);
json::value to_json(const app::NotificationPage& p);  // a page of one's notifications, the unread count

std::string error_body(const Error& e);

}  // namespace escale::http
