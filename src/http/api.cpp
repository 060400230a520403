// The API's routes and its dispatcher. Each handler decodes its input, calls one app use
// case, and encodes the result; nothing here touches SQL or Beast.
#include "http/api.hpp"

#include <charconv>

#include <boost/describe/class.hpp>
#include <boost/describe/members.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/api_tokens.hpp"
#include "app/audit.hpp"
#include "app/auth.hpp"
#include "app/desk_booking.hpp"
#include "app/personal_data.hpp"
#include "app/readiness.hpp"
#include "app/referential.hpp"
#include "app/statistics.hpp"
#include "app/resident_import.hpp"
#include "core/errors.hpp"
#include "core/instant_text.hpp"
#include "core/try.hpp"
#include "http/client_address.hpp"
#include "http/error_status.hpp"
#include "http/json_body.hpp"
#include "http/json_codec.hpp"
#include "http/oidc_routes.hpp"
#include "http/session_cookie.hpp"

namespace escale::http {

namespace embedded {
extern const std::string_view openapi_json;
extern const std::string_view index_html;
}  // namespace embedded

namespace {

Response error_response(const Error& e) {
    if (e.kind == ErrorKind::internal) spdlog::error("internal error: {}", e.message);
    Response r{status_of(e.kind), "application/json; charset=utf-8", error_body(e), {}};
    if (e.retry_after.count() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after.count()));
    return r;
}

Result<Instant> instant_field(std::string_view text, std::string_view field) {
    auto t = parse_instant(text);
    if (!t) return fail(errors::invalid_field(field, instant_text_expected));
    return *t;
}

// GET, HEAD and OPTIONS change nothing: they need no anti-CSRF token and suit a read-only API token.
bool is_safe(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }


Response json_response(int status, const json::value& v) {
    return Response{status, "application/json; charset=utf-8", json::serialize(v), {}};
}

// Encoding of use-case results: described structs member for member, the rest by hand.
template <class T>
json::value encode(const T& v) {
    if constexpr (boost::describe::has_describe_members<T>::value) return json::value_from(v);
    else return to_json(v);
}
template <class T>
json::value encode(const std::vector<T>& items) {
    json::array a;
    a.reserve(items.size());
    for (auto& i : items) a.push_back(encode(i));
    return a;
}

template <class T>
Response reply(const Result<T>& r, int ok_status = 200) {
    if (!r) return error_response(r.error());
    return json_response(ok_status, encode(*r));
}

Result<Id> parse_id(std::string_view text, std::string_view field) {
    Id id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || p != text.data() + text.size() || id <= 0)
        return fail(errors::invalid_field(field, "un identifiant numérique positif"));
    return id;
}

Result<Id> path_id(const Call& c, size_t i = 0) { return parse_id(c.params.at(i), "id"); }

Result<std::optional<SiteId>> site_filter(const Request& r) {
    auto v = r.query_param("site_id");
    if (!v) return std::optional<SiteId>{};
    ESCALE_TRY(Id id, parse_id(*v, "site_id"));
    return std::optional<SiteId>{id};
}

Result<std::optional<Date>> optional_date_param(const Request& r, std::string_view name) {
    auto v = r.query_param(name);
    if (!v) return std::optional<Date>{};
    auto d = parse_date(*v);
    if (!d) return fail(errors::invalid_date(name));
    return std::optional<Date>{*d};
}

Result<Date> date_param(const Request& r, std::string_view name) {
    ESCALE_TRY(auto d, optional_date_param(r, name));
    if (!d) return fail(errors::missing_field(name));
    return *d;
}

// The credential of a request: its bearer token, else its session cookie.
std::string token_of(const Request& r) {
    auto bearer = bearer_token(r);
    return bearer.empty() ? cookie_token(r) : bearer;
}

// Referential collections: list, read, create, partial update, delete.
template <class T>
void add_crud(Router& router, app::Context ctx, const std::string& base, bool with_get = true) {
    router.add({"GET", base, true, [ctx](const Call& c) {
                    auto site = site_filter(c.request);
                    if (!site) return error_response(site.error());
                    return reply(app::list_entities<T>(ctx, *c.actor, *site));
                }});
    if (with_get)
        router.add({"GET", base + "/{id}", true, [ctx](const Call& c) {
                        auto id = path_id(c);
                        if (!id) return error_response(id.error());
                        return reply(app::get_entity<T>(ctx, *c.actor, *id));
                    }});
    router.add({"POST", base, true, [ctx](const Call& c) {
                    auto obj = parse_object(c.request.body);
                    if (!obj) return error_response(obj.error());
                    T value{};
                    if constexpr (std::is_same_v<T, Resident>) {
                        if (auto ok = decode_into(*obj, value, {"password"}); !ok) return error_response(ok.error());
                        auto password = optional_string(*obj, "password");
                        if (!password) return error_response(password.error());
                        return reply(app::create_resident(ctx, *c.actor, value, *password), 201);
                    } else {
                        if (auto ok = decode_into(*obj, value); !ok) return error_response(ok.error());
                        return reply(app::create_entity<T>(ctx, *c.actor, value), 201);
                    }
                }, std::is_same_v<T, Resident>});
    router.add({"PATCH", base + "/{id}", true, [ctx](const Call& c) {
                    auto id = path_id(c);
                    if (!id) return error_response(id.error());
                    auto obj = parse_object(c.request.body);
                    if (!obj) return error_response(obj.error());
                    auto current = app::get_entity<T>(ctx, *c.actor, *id);
                    if (!current) return error_response(current.error());
                    if (auto ok = decode_into(*obj, *current); !ok) return error_response(ok.error());
                    return reply(app::update_entity<T>(ctx, *c.actor, *current));
                }});
    router.add({"DELETE", base + "/{id}", true, [ctx](const Call& c) {
                    auto id = path_id(c);
                    if (!id) return error_response(id.error());
                    auto r = app::delete_entity<T>(ctx, *c.actor, *id);
                    if (!r) return error_response(r.error());
                    return Response{204, "", "", {}};
                }});
}

}  // namespace

// "am", "pm" or "day"; anything else (null included) is invalid_period.
template <>
struct FieldReader<app::Period> {
    static Result<void> read(const json::value& j, std::string_view, app::Period& out) {
        std::string_view p = j.is_string() ? std::string_view(j.get_string()) : "";
        if (p == "am") out = app::Period::am;
        else if (p == "pm") out = app::Period::pm;
        else if (p == "day") out = app::Period::day;
        else return fail(errors::invalid_period());
        return {};
    }
};

namespace {

// POST /api/v1/desk-bookings.
struct BookDeskBody {
    Required<PositiveId> desk_id;
    Required<Date> date;
    app::Period period = app::Period::day;
    std::optional<PositiveId> resident_id;  // on this resident's behalf
};
BOOST_DESCRIBE_STRUCT(BookDeskBody, (), (desk_id, date, period, resident_id))

Response book(app::Context ctx, const Call& c) {
    auto body = decode<BookDeskBody>(c.request.body);
    if (!body) return error_response(body.error());
    std::optional<ResidentId> for_resident;
    if (body->resident_id) for_resident = body->resident_id->value;
    app::BookDesk req{.desk_id = body->desk_id->value, .date = *body->date, .period = body->period,
                      .for_resident = for_resident};
    auto made = app::book_desk(ctx, *c.actor, req);
    if (!made) return error_response(made.error());
    return json_response(201, json::object{{"bookings", encode(*made)}});
}

// POST /api/v1/auth/login. Other members are ignored, as they always have been; both
// members are checked present only once both have the right type.
struct LoginBody {
    std::optional<std::string> email;
    std::optional<std::string> password;
};
BOOST_DESCRIBE_STRUCT(LoginBody, (), (email, password))

Response login(app::Context ctx, const ApiOptions& options, const Call& c) {
    bool secure_cookies = options.secure_cookies;
    // A page of another site can post a form to here but not with this content type (not
    // without the browser asking first): no login forged into someone else's browser.
    if (!c.request.content_type.starts_with("application/json"))
        return error_response(errors::invalid_field("Content-Type", "application/json"));
    auto body = decode<LoginBody>(c.request.body, UnknownFields::ignore);
    if (!body) return error_response(body.error());
    if (!body->email) return error_response(errors::missing_field("email"));
    if (!body->password) return error_response(errors::missing_field("password"));
    const std::string& email = *body->email;
    const std::string& password = *body->password;
    if (email.size() > 254 || password.size() > 1024) return error_response(errors::bad_credentials());
    auto address = client_address(c.request.remote_address, c.request.forwarded_for, options.trusted_proxies);
    auto r = app::login(ctx, email, password, address, token_of(c.request));
    if (!r) return error_response(r.error());
    auto resp = json_response(200, json::object{{"token", r->token},
                                                {"csrf_token", app::csrf_token_for(r->token)},
                                                {"resident", encode(r->resident)},
                                                {"expires_at", format_instant(r->expires_at)}});
    set_session_cookie(resp, r->token, app::session_lifetime, secure_cookies);
    return resp;
}

Response logout(app::Context ctx, const ApiOptions& options, const Call& c) {
    auto token = token_of(c.request);
    // A session opened through OpenID Connect also ends at the provider: the client goes there next.
    auto end_session_url = oidc_logout_url(ctx, options.oidc, token);
    auto r = app::logout(ctx, token);
    if (!r) return error_response(r.error());
    Response resp = end_session_url ? json_response(200, json::object{{"end_session_url", *end_session_url}})
                                    : Response{204, "", "", {}};
    clear_session_cookie(resp, options.secure_cookies);
    return resp;
}

// PUT /api/v1/test/clock. Other members are ignored, as they always have been.
struct TestClockBody {
    std::optional<Instant> now;  // checked present after the type, so a wrong type is reported first
};
BOOST_DESCRIBE_STRUCT(TestClockBody, (), (now))

Response set_test_clock(ManualClock& clock, const Call& c) {
    auto body = decode<TestClockBody>(c.request.body, UnknownFields::ignore);
    if (!body) return error_response(body.error());
    if (!body->now) return error_response(errors::missing_field("now"));
    clock.set(*body->now);
    return json_response(200, json::object{{"now", format_instant(*body->now)}});
}

Result<AuditQuery> audit_query(const Request& r) {
    AuditQuery q;
    ESCALE_TRY(q.site_id, site_filter(r));
    for (auto [name, field] : {std::pair{"from", &q.from}, {"until", &q.until}}) {
        if (auto v = r.query_param(name)) {
            ESCALE_TRY(auto t, instant_field(*v, name));
            *field = t;
        }
    }
    if (auto v = r.query_param("before_id")) {
        ESCALE_TRY(Id id, parse_id(*v, "before_id"));
        q.before_id = id;
    }
    if (auto v = r.query_param("limit")) {
        ESCALE_TRY(Id n, parse_id(*v, "limit"));
        q.limit = static_cast<int>(std::min<Id>(n, 1000));
    }
    return q;
}

// The read_only member of a new API token. It has always asked for « true ou false », where
// the referential's booleans ask for « un booléen (true ou false) »: kept as it is.
struct ReadOnlyFlag {
    bool value = true;
};

}  // namespace

template <>
struct FieldReader<ReadOnlyFlag> {
    static Result<void> read(const json::value& j, std::string_view name, ReadOnlyFlag& out) {
        if (!j.is_bool()) return fail(errors::invalid_field(name, "true ou false"));
        out.value = j.get_bool();
        return {};
    }
};

namespace {

// POST /api/v1/me/api-tokens. A missing or null name is an empty one (app says missing_field).
struct NewApiTokenBody {
    std::optional<std::string> name;
    ReadOnlyFlag read_only;
    std::optional<Instant> expires_at;
};
BOOST_DESCRIBE_STRUCT(NewApiTokenBody, (), (name, read_only, expires_at))

Response create_api_token(app::Context ctx, const Call& c) {
    auto body = decode<NewApiTokenBody>(c.request.body);
    if (!body) return error_response(body.error());
    app::NewApiToken req{.name = body->name.value_or(""), .read_only = body->read_only.value,
                         .expires_at = body->expires_at};
    auto made = app::create_api_token(ctx, *c.actor, std::move(req));
    if (!made) return error_response(made.error());
    auto out = to_json(made->token).as_object();
    out["token"] = made->secret;
    return json_response(201, out);
}

}  // namespace

Api::Api(app::Context ctx, ApiOptions options) : ctx_(ctx) {
    auto& r = router_;
    r.add({"GET", "/", false, [](const Call&) {
               return Response{200, "text/html; charset=utf-8", std::string(embedded::index_html), {}};
           }});
    r.add({"GET", "/healthz", false, [](const Call&) { return json_response(200, json::object{{"status", "ok"}}); }});
    r.add({"GET", "/readyz", false, [ctx](const Call&) {
               auto ok = app::check_ready(ctx);
               if (!ok) return error_response(ok.error());
               return json_response(200, json::object{{"status", "ready"}});
           }});
    r.add({"GET", "/api/v1/openapi.json", false, [](const Call&) {
               return Response{200, "application/json; charset=utf-8", std::string(embedded::openapi_json), {}};
           }});
    r.add({"POST", "/api/v1/auth/login", false, [ctx, options](const Call& c) { return login(ctx, options, c); }, true});
    r.add({"POST", "/api/v1/auth/logout", true, [ctx, options](const Call& c) { return logout(ctx, options, c); }, true});
    add_oidc_routes(r, ctx, options.oidc, options.secure_cookies);
    r.add({"GET", "/api/v1/me", true, [](const Call& c) { return json_response(200, encode(c.actor->resident)); }});
    r.add({"GET", "/api/v1/auth/session", true, [](const Call& c) {
               json::object out{{"resident", encode(c.actor->resident)}, {"roles", encode(c.actor->roles)}};
               if (!c.actor->api_token) out["csrf_token"] = app::csrf_token_for(token_of(c.request));
               else out["api_token"] = to_json(*c.actor->api_token);
               return json_response(200, out);
           }});
    r.add({"GET", "/api/v1/me/api-tokens", true, [ctx](const Call& c) { return reply(app::list_api_tokens(ctx, *c.actor)); }});
    r.add({"POST", "/api/v1/me/api-tokens", true, [ctx](const Call& c) { return create_api_token(ctx, c); }});
    r.add({"DELETE", "/api/v1/me/api-tokens/{id}", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto r = app::revoke_api_token(ctx, *c.actor, *id);
               if (!r) return error_response(r.error());
               return Response{204, "", "", {}};
           }});

    r.add({"GET", "/api/v1/sites/{id}", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::get_site_detail(ctx, *c.actor, *id));
           }});
    r.add({"POST", "/api/v1/sites/{id}/residents/import", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto report = app::import_residents_csv(ctx, *c.actor, *id, c.request.body);
               if (!report) return error_response(report.error());
               return json_response(201, json::object{{"created", report->created}});
           }});
    r.add({"GET", "/api/v1/floors/{id}/availability", true, [ctx, this](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto d = date_param(c.request, "date");
               if (!d) return error_response(d.error());
               auto availability = app::floor_availability(ctx, *c.actor, *id, *d);
               if (!availability) return error_response(availability.error());
               return Response{200, "application/json; charset=utf-8", availability_encoder_.encode(*availability), {}};
           }});
    r.add({"GET", "/api/v1/floors/{id}/plan", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto floor = app::get_entity<Floor>(ctx, *c.actor, *id);
               if (!floor) return error_response(floor.error());
               return Response{200, "image/svg+xml", std::move(floor->plan_svg), {}};
           }});

    r.add({"POST", "/api/v1/desk-bookings", true, [ctx](const Call& c) { return book(ctx, c); }});
    r.add({"DELETE", "/api/v1/desk-bookings/{id}", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               return reply(app::cancel_desk_booking(ctx, *c.actor, *id));
           }});
    r.add({"GET", "/api/v1/me/desk-bookings", true, [ctx](const Call& c) {
               auto from = optional_date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = optional_date_param(c.request, "to");
               if (!to) return error_response(to.error());
               return reply(app::my_desk_bookings(ctx, *c.actor, *from, *to));
           }});

    r.add({"GET", "/api/v1/me/personal-data", true, [ctx](const Call& c) {
               auto data = app::export_personal_data(ctx, *c.actor);
               if (!data) return error_response(data.error());
               auto resp = json_response(200, to_json(*data));
               resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"mes-donnees-escale.json\"");
               return resp;
           }, true});
    r.add({"GET", "/api/v1/sites/{id}/occupancy", true, [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto from = date_param(c.request, "from");
               if (!from) return error_response(from.error());
               auto to = date_param(c.request, "to");
               if (!to) return error_response(to.error());
               return reply(app::site_occupancy(ctx, *c.actor, *id, *from, *to));
           }});
    r.add({"GET", "/api/v1/audit-events", true, [ctx](const Call& c) {
               auto q = audit_query(c.request);
               if (!q) return error_response(q.error());
               return reply(app::list_audit_events(ctx, *c.actor, *q));
           }});
    r.add({"GET", "/api/v1/audit-events.csv", true, [ctx](const Call& c) {
               auto q = audit_query(c.request);
               if (!q) return error_response(q.error());
               auto csv = app::export_audit_csv(ctx, *c.actor, *q);
               if (!csv) return error_response(csv.error());
               Response resp{200, "text/csv; charset=utf-8", std::move(*csv), {}};
               resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"journal-audit.csv\"");
               return resp;
           }, true});

    add_crud<Site>(r, ctx, "/api/v1/sites", false);
    add_crud<Floor>(r, ctx, "/api/v1/floors");
    add_crud<Zone>(r, ctx, "/api/v1/zones");
    add_crud<Service>(r, ctx, "/api/v1/services");
    add_crud<Resident>(r, ctx, "/api/v1/residents");
    add_crud<Desk>(r, ctx, "/api/v1/desks");
    add_crud<Space>(r, ctx, "/api/v1/spaces");
    add_crud<Locker>(r, ctx, "/api/v1/lockers");
    add_crud<Closure>(r, ctx, "/api/v1/closures");
    add_crud<RoleGrant>(r, ctx, "/api/v1/role-grants");

    if (options.test_clock) {
        ManualClock* clock = options.test_clock;
        r.add({"PUT", "/api/v1/test/clock", false, [clock](const Call& c) { return set_test_clock(*clock, c); }});
    }
}

Response Api::handle(const Request& request, const Router::Match& m) const {
    try {
        if (!m.route) {
            if (m.allowed_methods.empty())
                return error_response(Error{ErrorKind::not_found, "route_not_found",
                                            "Cette adresse ne correspond à aucune ressource.", {}});
            std::string allow;
            for (auto& a : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + a;
            auto resp = error_response(Error{ErrorKind::invalid_input, "method_not_allowed",
                                             fmt::format("Méthode non permise ici ; méthodes admises : {}.", allow), {}});
            resp.status = 405;
            resp.headers.emplace_back("Allow", allow);
            return resp;
        }
        std::optional<app::Actor> actor;
        if (m.route->requires_login) {
            auto token = token_of(request);
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
        spdlog::error("{} {}: exception: {}", request.method, request.path, e.what());
        return error_response(errors::internal(e.what()));
    }
}

}  // namespace escale::http
