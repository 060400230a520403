// SPDX-License-Identifier: EUPL-1.2
#include "http/availability_encoder.hpp"

#include <charconv>

#include "http/json_text.hpp"

namespace escale::http {
namespace {

void append_number(std::string& out, auto v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void append_bool(std::string& out, bool v) { out += v ? "true" : "false"; }

const char* status_name(app::SlotStatus s) {
    return s == app::SlotStatus::free ? "free" : s == app::SlotStatus::yours ? "yours" : "taken";
}

}  // namespace

std::shared_ptr<const AvailabilityEncoder::Encoded> AvailabilityEncoder::encoded(
    const std::shared_ptr<const app::FloorPlan>& plan) const {
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(plan->floor.id);
        if (it != cache_.end() && it->second->plan == plan) return it->second;
    }
    auto e = std::make_shared<Encoded>();
    e->plan = plan;
    e->floor = "{\"floor\":{\"id\":";
    append_number(e->floor, plan->floor.id);
    e->floor += ",\"site_id\":";
    append_number(e->floor, plan->floor.site_id);
    e->floor += ",\"name\":";
    append_json_string(e->floor, plan->floor.name);
    e->floor += ",\"level\":";
    append_number(e->floor, plan->floor.level);
    e->floor += '}';
    for (const Desk& k : plan->desks) {
        std::string d = "{\"id\":";
        append_number(d, k.id);
        d += ",\"zone_id\":";
        if (k.zone_id) append_number(d, *k.zone_id);
        else d += "null";
        d += ",\"label\":";
        append_json_string(d, k.label);
        d += ",\"x\":";
        append_json_number(d, k.x);
        d += ",\"y\":";
        append_json_number(d, k.y);
        d += ",\"screens\":";
        append_number(d, k.screens);
        d += ",\"dock\":";
        append_bool(d, k.dock);
        d += ",\"standing\":";
        append_bool(d, k.standing);
        d += ",\"adapted\":";
        append_bool(d, k.adapted);
        d += ",\"active\":";
        append_bool(d, k.active);
        d += ",\"am\":\"";
        e->desks.push_back(std::move(d));
    }
    std::lock_guard lock(mutex_);
    auto& slot = cache_[plan->floor.id];
    if (!slot || slot->plan->version <= plan->version) slot = e;
    return e;
}

std::string AvailabilityEncoder::encode(const app::FloorAvailability& a) const {
    auto e = encoded(a.plan);
    std::string out;
    out.reserve(e->floor.size() + 64 + e->desks.size() * (e->desks.empty() ? 0 : e->desks.front().size() + 24));
    out += e->floor;
    out += ",\"date\":\"";
    out += format_date(a.date);
    out += "\",\"today\":\"";
    out += format_date(a.today);
    out += "\",\"closed\":";
    append_bool(out, a.closed);
    // Why a free desk cannot be booked now, per half-day (null: it can).
    out += ",\"refusals\":{";
    for (auto [name, refusal] : {std::pair{"am", &a.am_refusal}, {"pm", &a.pm_refusal}}) {
        if (*name == 'p') out += ',';
        out += '"';
        out += name;
        out += "\":";
        if (!*refusal) {
            out += "null";
            continue;
        }
        out += "{\"code\":";
        append_json_string(out, (*refusal)->code);
        out += ",\"message\":";
        append_json_string(out, (*refusal)->message);
        out += '}';
    }
    out += '}';
    out += ",\"desks\":[";
    for (size_t i = 0; i < e->desks.size(); ++i) {
        if (i) out += ',';
        out += e->desks[i];
        out += status_name(a.slots[i].am);
        out += "\",\"pm\":\"";
        out += status_name(a.slots[i].pm);
        out += "\",\"am_checked_in\":";  // check-in (issue 10, item 3)
        append_bool(out, a.slots[i].am_checked_in);
        out += ",\"pm_checked_in\":";
        append_bool(out, a.slots[i].pm_checked_in);
        out += '}';
    }
    out += "]}";
    return out;
}

}  // namespace escale::http
