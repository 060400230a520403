// SPDX-License-Identifier: EUPL-1.2
#include "http/json_codec.hpp"
#include "http/survey_codec.hpp"  // surveys and remontées (issue 13, items 5 and 6)

#include "http/request_id.hpp"
#include "http/json_text.hpp"

#include <algorithm>
#include <cmath>

#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "http/json_keys.hpp"

namespace escale::http {

namespace bd = boost::describe;

// What went wrong in a body, in French (Boost.JSON's own messages are English).
const char* french_reason(const boost::system::error_code& ec) {
    if (ec == json::error::incomplete) return "contenu incomplet";
    if (ec == json::error::extra_data) return "données en trop après la valeur";
    if (ec == json::error::too_deep) return "imbrication trop profonde";
    if (ec == json::error::exponent_overflow) return "nombre trop grand";
    if (ec == json::error::object_too_large || ec == json::error::array_too_large ||
        ec == json::error::key_too_large || ec == json::error::string_too_large)
        return "valeur trop grande";
    return "syntaxe incorrecte ou texte qui n'est pas de l'UTF-8 valide";
}

// Whether every number in v is finite. Boost.JSON reads 1e400 as infinity, which no JSON text
// can write back (json_text answers null) and no field means (found by fuzz/json_body.cpp).
bool finite_numbers(const json::value& v) {
    if (v.is_double()) return std::isfinite(v.get_double());
    if (v.is_array())
        return std::all_of(v.get_array().begin(), v.get_array().end(), [](auto& e) { return finite_numbers(e); });
    if (v.is_object())
        return std::all_of(v.get_object().begin(), v.get_object().end(),
                           [](auto& m) { return finite_numbers(m.value()); });
    return true;
}

Result<json::object> parse_object(std::string_view body) {
    boost::system::error_code ec;
    json::parse_options opt;
    opt.max_depth = 32;
    auto v = json::parse(body, ec, {}, opt);
    if (ec) return fail(errors::invalid_json(french_reason(ec)));
    if (auto key = first_duplicate_key(body)) return fail(errors::duplicate_key(*key));
    if (!finite_numbers(v)) return fail(errors::invalid_json("nombre trop grand"));
    if (!v.is_object()) return fail(errors::invalid_json("un objet JSON { … } est attendu"));
    return std::move(v.as_object());
}

template <class T>
Result<void> decode_into(const json::object& obj, T& into, std::initializer_list<std::string_view> extra) {
    for (auto& member : obj) {
        std::string_view key = member.key();  // a plain name: clang 14's lambdas cannot capture a binding
        bool known = key == "id";
        for (auto e : extra) known = known || key == e;
        boost::mp11::mp_for_each<bd::describe_members<T, bd::mod_public>>([&](auto m) {
            known = known || key == m.name;
        });
        if (!known)
            return fail(errors::unknown_field(key));
    }
    Result<void> result;
    boost::mp11::mp_for_each<bd::describe_members<T, bd::mod_public>>([&](auto m) {
        if (!result || std::string_view(m.name) == "id") return;
        using V = std::remove_reference_t<decltype(into.*m.pointer)>;
        if (auto it = obj.find(m.name); it != obj.end()) result = FieldReader<V>::read(it->value(), m.name, into.*m.pointer);
    });
    return result;
}

#define ESCALE_INSTANTIATE(T) \
    template Result<void> decode_into<T>(const json::object&, T&, std::initializer_list<std::string_view>);
ESCALE_REFERENTIAL_ENTITIES(ESCALE_INSTANTIATE)
#undef ESCALE_INSTANTIATE

Result<std::optional<std::string>> optional_string(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->value().is_null()) return std::optional<std::string>{};
    if (!it->value().is_string()) return fail(errors::invalid_field(key, "une chaîne de caractères"));
    return std::optional<std::string>{std::string(it->value().get_string())};
}

json::value to_json(const app::PlacedBooking& p) {
    auto out = to_json(p.booking).as_object();
    out["desk_label"] = p.desk_label;
    out["floor_id"] = p.floor_id;
    out["floor_name"] = p.floor_name;
    out["zone_id"] = p.zone_id ? json::value(*p.zone_id) : json::value(nullptr);
    out["zone_name"] = p.zone_id ? json::value(p.zone_name) : json::value(nullptr);
    return out;
}

json::value to_json(const ApiToken& t) {
    return json::object{{"id", t.id},
                        {"name", t.name},
                        {"read_only", t.read_only},
                        {"created_at", format_instant(t.created_at)},
                        {"expires_at", t.expires_at ? json::value(format_instant(*t.expires_at)) : json::value(nullptr)}};
}

json::value to_json(const AuditEvent& e) {
    auto opt = [](const std::optional<Id>& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"id", e.id},
                        {"at", format_instant(e.at)},
                        {"site_id", opt(e.site_id)},
                        {"actor_id", opt(e.actor_id)},
                        {"on_behalf_of", opt(e.on_behalf_of)},
                        {"action", e.action},
                        {"object", e.object},
                        {"object_id", opt(e.object_id)},
                        {"details", e.details}};
}

json::value to_json(const DeskBooking& b) {
    return json::object{
        {"id", b.id},
        {"site_id", b.site_id},
        {"desk_id", b.desk_id},
        {"resident_id", b.resident_id},
        {"date", format_date(b.date)},
        {"half", to_string(b.half)},
        {"state", to_string(b.state)},
        {"created_at", format_instant(b.created_at)},
        {"created_by", b.created_by},
        {"service_id", b.service_id ? json::value(*b.service_id) : json::value(nullptr)},
    };
}

namespace {
json::array encode_space_bookings(const std::vector<SpaceBooking>& all) {
    json::array out;
    for (auto& b : all) out.push_back(to_json(b));
    return out;
}
}  // namespace

// presence planning (defined with the other presence encoders, at the end)
json::value encode_presence_declarations(const std::vector<PresenceDeclaration>& ds);
json::value encode_presence_pattern(const std::vector<PatternCell>& cells);
namespace {
// notifications (issue 10, item 7)
json::array encode_notifications(const std::vector<Notification>& all) {
    json::array out;
    for (auto& n : all) out.push_back(to_json(n));
    return out;
}
json::value optional_instant(const std::optional<Instant>& t) {
    return t ? json::value(format_instant(*t)) : json::value(nullptr);
}
json::array encode_mails(const std::vector<OutboxMail>& all) {
    json::array out;
    for (auto& m : all)
        out.push_back(json::object{{"id", m.id},
                                   {"notification_id", m.notification_id ? json::value(*m.notification_id) : nullptr},
                                   {"recipient", m.recipient},
                                   {"subject", m.subject},
                                   {"body", m.body},
                                   {"created_at", format_instant(m.created_at)},
                                   {"attempts", m.attempts},
                                   {"sent_at", optional_instant(m.sent_at)},
                                   {"failed_at", optional_instant(m.failed_at)}});
    return out;
}
}  // namespace

json::value to_json(const Notification& n) {
    return json::object{{"id", n.id},
                        {"kind", boost::describe::enum_to_string(n.kind, "")},
                        {"title", n.title},
                        {"body", n.body},
                        {"link", n.link},
                        {"created_at", format_instant(n.created_at)},
                        {"read", n.read_at.has_value()},
                        {"read_at", optional_instant(n.read_at)}};
}

json::value to_json(const app::NotificationPage& p) {
    return json::object{{"notifications", encode_notifications(p.items)},
                        {"unread", p.unread},
                        {"next_before", p.next_before ? json::value(*p.next_before) : json::value(nullptr)}};
}

// surveys and remontées (issue 13, items 5 and 6)
namespace {
json::array encode_surveys_taken(const std::vector<Survey>& surveys) {
    json::array out;
    for (auto& s : surveys)
        out.push_back(json::object{{"survey_id", s.id}, {"title", s.title}, {"opens_on", format_date(s.opens_on)},
                                   {"closes_on", format_date(s.closes_on)}});
    return out;
}
json::array encode_remontees(const std::vector<Remontee>& remontees) {
    json::array out;
    for (auto& r : remontees) out.push_back(to_json(r));
    return out;
}
}  // namespace

json::value to_json(const app::PersonalData& d) {
    json::array bookings, sessions, tokens, events;
    for (auto& b : d.bookings) bookings.push_back(to_json(b));
    for (auto& s : d.sessions)
        sessions.push_back(json::object{{"created_at", format_instant(s.created_at)},
                                        {"last_seen_at", format_instant(s.last_seen_at)},
                                        {"expires_at", format_instant(s.expires_at)}});
    for (auto& t : d.api_tokens) tokens.push_back(to_json(t));
    for (auto& e : d.audit_events) events.push_back(to_json(e));
    json::array lockers;
    for (auto& a : d.locker_assignments) lockers.push_back(to_json(a));
    json::array waitlist;
    for (auto& e : d.waitlist_entries) waitlist.push_back(to_json(e));
    return json::object{{"exported_at", format_instant(d.exported_at)},
                        {"resident", json::value_from(d.resident)},
                        {"roles", json::value_from(d.roles)},
                        {"desk_bookings", std::move(bookings)},
                        {"sessions", std::move(sessions)},
                        {"api_tokens", std::move(tokens)},
                        {"audit_events", std::move(events)},
                        {"locker_assignments", std::move(lockers)},
                        {"space_bookings", encode_space_bookings(d.space_bookings)},  // collective spaces
                        // presence planning
                        {"presence_declarations", encode_presence_declarations(d.presence_declarations)},
                        {"presence_pattern", encode_presence_pattern(d.presence_pattern)},
                        {"visible_to_colleagues", d.visible_to_colleagues},
                        {"waitlist_entries", waitlist},  // waitlist (issue 10, item 5)
                        {"notifications", encode_notifications(d.notifications)},     // notifications
                        {"mails", encode_mails(d.mails)},
                        // surveys and remontées (issue 13, items 5 and 6): the surveys taken
                        // part in (never the answers), one's signed remontées and supports
                        {"surveys_taken", encode_surveys_taken(d.surveys_taken)},
                        {"remontees", encode_remontees(d.remontees)},
                        {"remontee_supports", json::value_from(d.remontee_supports)}};
}

json::value to_json(const indicators::Occupancy& o) {
    json::array days, services;
    for (auto& d : o.days)
        days.push_back(json::object{{"date", format_date(d.date)},
                                    {"am", d.am ? json::value(*d.am) : json::value(nullptr)},
                                    {"pm", d.pm ? json::value(*d.pm) : json::value(nullptr)},
                                    {"rate", d.rate ? json::value(*d.rate) : json::value(nullptr)}});
    for (auto& s : o.services)
        services.push_back(json::object{{"service_id", s.service_id ? json::value(*s.service_id) : json::value(nullptr)},
                                        {"name", s.name},
                                        {"people", s.people},
                                        {"half_days", s.half_days ? json::value(*s.half_days) : json::value(nullptr)}});
    return json::object{{"from", format_date(o.from)}, {"to", format_date(o.to)},   {"desks", o.desks},
                        {"minimum_group", indicators::minimum_group},  {"days", std::move(days)}, {"services", std::move(services)}};
}


json::value to_json(const app::SiteDetail& d) {
    return json::object{{"site", json::value_from(d.site)},
                        {"floors", json::value_from(d.floors)},
                        {"zones", json::value_from(d.zones)},
                        {"services", json::value_from(d.services)},
                        {"spaces", json::value_from(d.spaces)}};
}

// lockers
json::value to_json(const LockerAssignment& a) {
    auto id = [](const std::optional<Id>& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"id", a.id},
                        {"site_id", a.site_id},
                        {"locker_id", a.locker_id},
                        {"resident_id", id(a.resident_id)},
                        {"assigned_at", format_instant(a.assigned_at)},
                        {"assigned_by", id(a.assigned_by)},
                        {"released_at", a.released_at ? json::value(format_instant(*a.released_at)) : json::value(nullptr)},
                        {"released_by", id(a.released_by)}};
}

namespace {
json::value text_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
}  // namespace

json::value to_json(const app::PlacedAssignment& p) {
    auto out = to_json(p.assignment).as_object();
    out["locker"] = json::value_from(p.locker);
    out["floor_name"] = p.floor_name;
    out["zone_name"] = text_or_null(p.zone_name);
    out["resident"] = json::object{{"id", p.assignment.resident_id ? json::value(*p.assignment.resident_id) : json::value(nullptr)},
                                   {"display_name", p.resident_name},
                                   {"email", p.resident_email},
                                   {"service_id", p.service_id ? json::value(*p.service_id) : json::value(nullptr)},
                                   {"service_name", text_or_null(p.service_name)}};
    return out;
}

json::value to_json(const app::FreeLocker& f) {
    auto out = json::value_from(f.choice.locker).as_object();
    out["nearness"] = to_string(f.choice.nearness);
    out["floor_name"] = f.floor_name;
    out["zone_name"] = text_or_null(f.zone_name);
    return out;
}

std::string error_body(const Error& e) {
    json::object err{{"code", e.code}, {"message", e.message}};
    if (!e.details.empty()) {
        json::array details;
        for (auto& d : e.details) {
            json::object detail{{"line", d.line}, {"field", d.field}, {"message", d.message}};
            if (!d.code.empty()) detail["code"] = d.code;
            details.push_back(std::move(detail));
        }
        err["details"] = std::move(details);
    }
    if (e.range) err["range"] = json::object{{"start", e.range->start}, {"end", e.range->end}};
    // hardening (issue 14): the id under which the server logged what it knows of the request
    if (auto id = current_request_id(); !id.empty()) err["request_id"] = id;
    return json_text(json::object{{"error", std::move(err)}});
}

// ---- collective spaces ----

json::value to_json(const SpaceBooking& b) {
    return json::object{{"id", b.id},
                        {"site_id", b.site_id},
                        {"space_id", b.space_id},
                        {"resident_id", b.resident_id},
                        {"start", format_instant(b.start)},
                        {"end", format_instant(b.end)},
                        {"attendees", b.attendees},
                        {"subject", b.subject},
                        {"state", to_string(b.state)},
                        {"created_at", format_instant(b.created_at)},
                        {"created_by", b.created_by}};
}

json::value to_json(const app::SpaceBookingView& v) {
    const auto& b = v.booking;
    return json::object{{"id", b.id},
                        {"site_id", b.site_id},
                        {"space_id", b.space_id},
                        {"space_name", v.space_name},
                        {"resident_id", b.resident_id},
                        {"start", v.start},
                        {"end", v.end},
                        {"attendees", b.attendees},
                        {"subject", b.subject},
                        {"state", to_string(b.state)},
                        {"created_at", format_instant(b.created_at)},
                        {"created_by", b.created_by}};
}

json::value to_json(const app::SpaceBookingOutcome& o) {
    json::array booked, refused;
    for (auto& b : o.booked) booked.push_back(to_json(b));
    for (auto& r : o.refused) {
        json::object item{{"date", format_date(r.date)}, {"code", r.why.code}, {"message", r.why.message}};
        if (r.why.range) item["range"] = json::object{{"start", r.why.range->start}, {"end", r.why.range->end}};
        refused.push_back(std::move(item));
    }
    return json::object{{"bookings", std::move(booked)}, {"refused", std::move(refused)}};
}

json::value to_json(const app::SpaceDay& d) {
    json::array bookings;
    for (auto& e : d.bookings) {
        json::object item{{"id", e.id}, {"start", e.start}, {"end", e.end}, {"mine", e.mine}};
        if (e.detailed) {
            item["resident_id"] = e.resident_id ? json::value(*e.resident_id) : json::value(nullptr);
            item["resident_name"] = e.resident_name;
            item["subject"] = e.subject;
            item["attendees"] = e.attendees;
        }
        bookings.push_back(std::move(item));
    }
    return json::object{{"space", json::value_from(d.space)}, {"date", format_date(d.date)}, {"closed", d.closed},
                        {"opens", d.opens}, {"closes", d.closes}, {"bookings", std::move(bookings)}};
}

// presence planning

json::value to_json(const PresenceDeclaration& d) {
    return json::object{{"date", format_date(d.date)},
                        {"half", to_string(d.half)},
                        {"status", to_string(d.status)},
                        {"declared_at", format_instant(d.declared_at)},
                        {"declared_by", d.declared_by ? json::value(*d.declared_by) : json::value(nullptr)}};
}

json::value to_json(const PatternCell& c) {
    return json::object{{"weekday", c.weekday}, {"half", to_string(c.half)}, {"status", to_string(c.status)}};
}

json::value encode_presence_declarations(const std::vector<PresenceDeclaration>& ds) {
    json::array a;
    for (auto& d : ds) a.push_back(to_json(d));
    return a;
}

json::value encode_presence_pattern(const std::vector<PatternCell>& cells) {
    json::array a;
    for (auto& c : cells) a.push_back(to_json(c));
    return a;
}

namespace {

json::value optional_status(const std::optional<PresenceStatus>& s) {
    return s ? json::value(to_string(*s)) : json::value(nullptr);
}

json::value encode_half(const HalfPresence& h, const std::optional<app::DeskPlace>& desk) {
    json::object o{{"status", optional_status(h.status)},
                   {"source", to_string(h.source)},
                   {"declared", optional_status(h.declared)},
                   {"booking_id", h.booking_id ? json::value(*h.booking_id) : json::value(nullptr)}};
    if (desk)
        o["desk"] = json::object{{"id", desk->desk_id},       {"label", desk->label},
                                 {"floor_id", desk->floor_id}, {"floor_name", desk->floor_name},
                                 {"zone_name", desk->zone_name}};
    else
        o["desk"] = nullptr;
    return o;
}

json::value encode_days(const std::vector<app::PlacedDay>& days) {
    json::array a;
    a.reserve(days.size());
    for (auto& d : days)
        a.push_back(json::object{{"date", format_date(d.day.date)},
                                 {"closed", d.day.closed},
                                 {"am", encode_half(d.day.am, d.am_desk)},
                                 {"pm", encode_half(d.day.pm, d.pm_desk)}});
    return a;
}

json::value encode_count(const app::HalfCount& c) {
    return json::object{{"visible_on_site", c.visible_on_site},
                        {"others_on_site", c.others_on_site ? json::value(*c.others_on_site) : json::value(nullptr)}};
}

}  // namespace

json::value to_json(const app::PresencePlan& p) {
    return json::object{{"resident_id", p.resident_id},
                        {"from", format_date(p.from)},
                        {"to", format_date(p.to)},
                        {"days", encode_days(p.days)}};
}

json::value to_json(const app::ServicePresence& s) {
    json::array visible, days;
    for (auto& m : s.visible)
        visible.push_back(json::object{{"resident_id", m.resident_id},
                                       {"display_name", m.display_name},
                                       {"days", encode_days(m.days)}});
    for (auto& d : s.days)
        days.push_back(json::object{{"date", format_date(d.date)},
                                    {"closed", d.closed},
                                    {"am", encode_count(d.am)},
                                    {"pm", encode_count(d.pm)}});
    return json::object{{"service_id", s.service_id},
                        {"service_name", s.service_name},
                        {"from", format_date(s.from)},
                        {"to", format_date(s.to)},
                        {"members", s.members},
                        {"others", s.others},
                        {"visible", std::move(visible)},
                        {"days", std::move(days)}};
}

json::value to_json(const app::ColleagueSearch& s) {
    json::array colleagues;
    for (auto& c : s.colleagues)
        colleagues.push_back(json::object{{"resident_id", c.resident_id},
                                          {"display_name", c.display_name},
                                          {"service_name", c.service_name},
                                          {"days", encode_days(c.days)}});
    return json::object{{"today", format_date(s.today)},
                        {"from", format_date(s.from)},
                        {"to", format_date(s.to)},
                        {"colleagues", std::move(colleagues)}};
}

// fair-booking rules and waitlist (issue 10, items 4 and 5)
json::value to_json(const app::DeskBookingOutcome& o) {
    json::array booked, refused;
    for (auto& b : o.booked) booked.push_back(to_json(b));
    for (auto& r : o.refused)
        refused.push_back(json::object{{"date", format_date(r.date)}, {"code", r.why.code}, {"message", r.why.message}});
    return json::object{{"bookings", std::move(booked)}, {"refused", std::move(refused)}};
}

json::value to_json(const WaitlistEntry& e) {
    auto opt = [](const std::optional<Id>& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json::object{{"id", e.id},
                        {"site_id", e.site_id},
                        {"floor_id", opt(e.floor_id)},
                        {"zone_id", opt(e.zone_id)},
                        {"resident_id", e.resident_id},
                        {"date", format_date(e.date)},
                        {"half", to_string(e.half)},
                        {"state", boost::describe::enum_to_string(e.state, "waiting")},
                        {"created_at", format_instant(e.created_at)},
                        {"state_changed_at", format_instant(e.state_changed_at)},
                        {"booking_id", opt(e.booking_id)}};
}

}  // namespace escale::http
