// SPDX-License-Identifier: EUPL-1.2
// The API's routes, one group per capability, one file each in this folder. Api (http/api.hpp)
// builds its table by calling every add_*_routes once at start; each appends its routes
// (written with designated initialisers, see Route) and keeps no state of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "http/router.hpp"

namespace escale::app {
class OidcProvider;
}

namespace escale::http {

struct ApiOptions;
class AvailabilityEncoder;

// What the route groups are built from. Read only while the table is built: a handler
// copies what it keeps (the app::Context, an option), except the encoder, which the Api
// owns and outlives its routes.
struct RouteContext {
    app::Context app;
    const ApiOptions& options;
    const AvailabilityEncoder& availability_encoder;
};

// routes/operations.cpp: the web app's page, /healthz, /readyz, the OpenAPI document, and
// in test mode only, the test clock.
void add_operations_routes(Router& router, const RouteContext& rc);
// routes/identity.cpp: login, logout, the session, /me, personal API tokens.
void add_identity_routes(Router& router, const RouteContext& rc);
// routes/oidc.cpp: OpenID Connect login (redirect to the provider, its callback). Without a
// provider (no --oidc-issuer) they answer 404 "oidc_disabled".
void add_oidc_routes(Router& router, const RouteContext& rc);
// routes/referential.cpp: sites, floors and their plans, zones, services, residents and
// their CSV import, desks, spaces, lockers, closures, role grants.
void add_referential_routes(Router& router, const RouteContext& rc);
// routes/desk_bookings.cpp: booking and cancelling desks, a floor's availability, my bookings.
void add_desk_booking_routes(Router& router, const RouteContext& rc);
// routes/personal_data.cpp: the export of one's own personal data.
void add_personal_data_routes(Router& router, const RouteContext& rc);
// routes/statistics.cpp: a site's occupancy.
void add_statistics_routes(Router& router, const RouteContext& rc);
// routes/audit.cpp: the audit log, as JSON and CSV.
void add_audit_routes(Router& router, const RouteContext& rc);
// lockers
// routes/lockers.cpp: one's own locker (free ones nearest first, take, release) and a
// site's locker assignments (assign, release, who holds which as JSON and CSV).
void add_locker_routes(Router& router, const RouteContext& rc);
// routes/check_in.cpp (issue 10, item 3): check-in at a desk (or walk-in), checking a booking
// in, "libérer le reste de ma journée", and a desk's QR code.
void add_check_in_routes(Router& router, const RouteContext& rc);
// collective spaces
// routes/space_bookings.cpp: booking and cancelling collective spaces, a space's day, my
// space bookings, the free spaces of a site.
void add_space_booking_routes(Router& router, const RouteContext& rc);
// presence planning
// routes/presence.cpp: one's presence, pattern and visibility, someone's presence, a
// service's week, finding a colleague.
void add_presence_routes(Router& router, const RouteContext& rc);
// waitlist (issue 10, item 5)
// routes/waitlist.cpp: join the waitlist of a desk slot, list mine, leave.
void add_waitlist_routes(Router& router, const RouteContext& rc);
// notifications
// routes/notifications.cpp (issue 10, item 7): one's notifications, mark one or all read.
void add_notification_routes(Router& router, const RouteContext& rc);
// live updates (issue 11)
// routes/live.cpp: a floor's desk booking changes as Server-Sent Events.
void add_live_routes(Router& router, const RouteContext& rc);
// planning engine (issue 12, item 5)
// routes/planning.cpp: sizing, team days and scenarios (long runs as jobs with progress), a
// site's measured presence, saved scenarios and their comparison (JSON, CSV, XLSX).
void add_planning_routes(Router& router, const RouteContext& rc);
// occupancy analytics (issue 13, item 1)
// routes/analytics.cpp: a site's figures by period and group (JSON, CSV, XLSX), flash counts.
void add_analytics_routes(Router& router, const RouteContext& rc);

// Where to send the browser to end its provider session too, for a session opened through
// OpenID Connect; nullopt otherwise (no provider, local session, or provider unreachable:
// the local logout goes on regardless). Call before ending the session. (routes/oidc.cpp)
std::optional<std::string> oidc_logout_url(app::Context ctx, app::OidcProvider* provider, std::string_view token);

// calendar feeds (issue 13, item 4)
void add_calendar_feed_routes(Router& router, const RouteContext& rc);

// surveys and remontées (issue 13, items 5 and 6)
// routes/surveys.cpp: built-in questionnaires, writing, listing, answering once, results
// (JSON, CSV), comparison, deletion.
void add_survey_routes(Router& router, const RouteContext& rc);
// routes/remontees.cpp: post, list, edit, remove, support, answer, counts.
void add_remontee_routes(Router& router, const RouteContext& rc);

}  // namespace escale::http
