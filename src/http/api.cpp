// SPDX-License-Identifier: EUPL-1.2
// The API: its route table, built from the route groups of http/routes/ (one per
// capability), and the dispatcher every request goes through: 404 and 405 answers,
// authentication, the anti-CSRF check, read-only API tokens, and any exception turned into
// an internal error. Nothing here touches SQL or Beast.
#include "http/api.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/identity/auth.hpp"
#include "core/errors.hpp"
#include "http/replies.hpp"
#include "http/routes/routes.hpp"
#include "http/session_cookie.hpp"
#include "http/static_files.hpp"

namespace escale::http {

namespace {
// GET, HEAD and OPTIONS change nothing: they need no anti-CSRF token and suit a read-only API token.
bool is_safe(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }
}  // namespace

Api::Api(app::Context ctx, ApiOptions options) : ctx_(ctx), web_(options.web) {
    RouteContext rc{ctx, options, availability_encoder_};
    add_operations_routes(router_, rc);
    add_identity_routes(router_, rc);
    add_oidc_routes(router_, rc);
    add_referential_routes(router_, rc);
    add_desk_booking_routes(router_, rc);
    add_personal_data_routes(router_, rc);
    add_statistics_routes(router_, rc);
    add_audit_routes(router_, rc);
    // lockers
    add_locker_routes(router_, rc);
    add_check_in_routes(router_, rc);  // issue 10, item 3
    add_space_booking_routes(router_, rc);  // collective spaces
    add_calendar_feed_routes(router_, rc);  // calendar feeds (issue 13, item 4)
    add_presence_routes(router_, rc);  // presence planning
    add_waitlist_routes(router_, rc);  // waitlist (issue 10, item 5)
    add_notification_routes(router_, rc);   // notifications
    add_live_routes(router_, rc);  // live updates (issue 11)
    add_planning_routes(router_, rc);  // planning engine (issue 12, item 5)
    add_analytics_routes(router_, rc);  // occupancy analytics (issue 13, item 1)
    // surveys and remontées (issue 13, items 5 and 6)
    add_survey_routes(router_, rc);
    add_remontee_routes(router_, rc);
}

Response Api::handle(const Request& request, const Router::Match& m) const {
    try {
        if (!m.route) {
            // The web app's files, and its pages on a reload (http/static_files.hpp).
            if (m.allowed_methods.empty() && web_)
                if (auto file = web_->serve(request)) return std::move(*file);
            if (m.allowed_methods.empty())
                return error_response(Error{ErrorKind::not_found, "route_not_found",
                                            "Cette adresse ne correspond à aucune ressource.", {}});
            std::string allow;
            for (auto& a : m.allowed_methods) {
                allow += (allow.empty() ? "" : ", ") + a;
                if (a == "GET") allow += ", HEAD";  // every GET route answers HEAD (issue 14, finding 9)
            }
            auto resp = error_response(Error{ErrorKind::invalid_input, "method_not_allowed",
                                             fmt::format("Méthode non permise ici ; méthodes admises : {}.", allow), {}});
            resp.status = 405;
            resp.headers.emplace_back("Allow", allow);
            return resp;
        }
        std::optional<app::Actor> actor;
        if (m.route->requires_login) {
            auto token = request_token(request);
            auto a = app::authenticate(ctx_, token);
            if (!a) return error_response(a.error());
            actor = std::move(*a);
            if (!is_safe(request.method)) {
                // A browser sends the cookie by itself, even from another site's page: a
                // change must also carry the session's anti-CSRF token, which such a page
                // cannot know. Bearer credentials are never sent by themselves.
                if (bearer_token(request).empty() && !app::csrf_token_matches(token, request.csrf_token))
                    return error_response(errors::csrf_token_invalid());
                if (actor->api_token && actor->api_token->read_only) return error_response(errors::read_only_token());
            }
        }
        return m.route->handler(Call{request, m.params, actor ? &*actor : nullptr});
    } catch (const std::exception& e) {
        // error_response logs the cause, under the request's id.
        return error_response(errors::internal(e.what()));
    }
}

}  // namespace escale::http
