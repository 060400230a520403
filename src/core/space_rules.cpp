// SPDX-License-Identifier: EUPL-1.2
#include "core/space_rules.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace escale {

namespace {

using std::chrono::duration_cast;
using std::chrono::minutes;
using std::chrono::seconds;
using date::days;
using date::sys_days;
using date::floor;

bool digits(std::string_view s, size_t from, size_t n, int& out) {
    if (from + n > s.size()) return false;
    out = 0;
    for (size_t i = from; i < from + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// "+01:00", "-03:30", "+00:00".
std::string format_offset(minutes offset) {
    const long long m = offset.count();
    return fmt::format("{}{:02}:{:02}", m < 0 ? '-' : '+', std::llabs(m) / 60, std::llabs(m) % 60);
}

struct LocalClock {
    Date date;
    int minutes = 0;  // after local midnight
    int seconds = 0;
};

LocalClock local_clock(const SiteCalendar& cal, Instant t) {
    const auto local = cal.zone()->to_local(t);
    const auto day = floor<days>(local);
    const auto in_day = duration_cast<seconds>(local - day).count();
    return LocalClock{Date{day}, static_cast<int>(in_day / 60), static_cast<int>(in_day % 60)};
}

}  // namespace

std::optional<WrittenLocalTime> parse_written_local_time(std::string_view s) {
    // YYYY-MM-DDTHH:MM
    if (s.size() < 17 || s[10] != 'T' || s[13] != ':') return std::nullopt;
    auto d = parse_date(s.substr(0, 10));
    int hh, mm, ss = 0;
    if (!d || !digits(s, 11, 2, hh) || !digits(s, 14, 2, mm) || hh > 23 || mm > 59) return std::nullopt;
    size_t at = 16;
    if (at < s.size() && s[at] == ':') {
        if (!digits(s, at + 1, 2, ss) || ss > 59) return std::nullopt;
        at += 3;
    }
    int offset = 0;
    std::string_view rest = s.substr(at);
    if (rest == "Z") {
        offset = 0;
    } else {
        int oh, om;
        if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' || !digits(rest, 1, 2, oh) ||
            !digits(rest, 4, 2, om) || oh > 14 || om > 59)
            return std::nullopt;
        offset = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
    }
    return WrittenLocalTime{*d, hh * 60 + mm, ss, offset};
}

Result<Instant> read_site_time(const SiteCalendar& cal, std::string_view text, std::string_view field) {
    auto w = parse_written_local_time(text);
    if (!w) return fail(errors::invalid_field(field, "une heure locale AAAA-MM-JJTHH:MM:SS+HH:MM"));
    const Instant t = Instant{sys_days{w->date}} + minutes{w->minutes_after_midnight} + seconds{w->seconds} -
                      minutes{w->offset_minutes};
    const auto real = duration_cast<minutes>(cal.zone()->get_info(t).offset);
    if (real.count() != w->offset_minutes) return fail(errors::wrong_offset(field, format_offset(real)));
    return t;
}

std::string format_site_time(const SiteCalendar& cal, Instant t) {
    const auto info = cal.zone()->get_info(t);
    const auto local = date::local_seconds{(t + info.offset).time_since_epoch()};
    return date::format("%FT%T", local) + format_offset(duration_cast<minutes>(info.offset));
}

std::string format_site_clock(const SiteCalendar& cal, Instant t) {
    const auto c = local_clock(cal, t);
    return fmt::format("{} h {:02}", c.minutes / 60, c.minutes % 60);
}

Result<void> check_space_range_shape(const SiteCalendar& cal, Instant start, Instant end) {
    if (end <= start) return fail(errors::invalid_range());
    const auto s = local_clock(cal, start), e = local_clock(cal, end);
    if (s.seconds != 0 || e.seconds != 0 || s.minutes % space_grid_minutes != 0 || e.minutes % space_grid_minutes != 0)
        return fail(errors::off_grid(space_grid_minutes));
    const Instant opens = cal.slot_start(s.date, Half::am), closes = cal.slot_end(s.date, Half::pm);
    if (start < opens || end > closes)
        return fail(errors::outside_opening_hours(format_site_clock(cal, opens), format_site_clock(cal, closes)));
    return {};
}

Result<void> check_space_range_bookable(const SiteCalendar& cal, Instant start, Instant end, Instant now,
                                        int horizon_days) {
    if (auto shape = check_space_range_shape(cal, start, end); !shape) return shape;
    const Date d = cal.today(start);
    if (cal.is_closed(d)) return fail(errors::closed_day());
    if (start < now) return fail(errors::past_slot());
    if (sys_days{d} > sys_days{cal.today(now)} + days{horizon_days}) return fail(errors::beyond_horizon(horizon_days));
    return {};
}

Result<void> check_space_request(const Space& space, int attendees, std::string_view subject) {
    if (attendees < 1) return fail(errors::invalid_field("attendees", "un nombre entier d'au moins 1"));
    if (attendees > space.capacity) return fail(errors::too_many_attendees(space.capacity));
    if (subject.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail(errors::invalid_field("subject", "un objet non vide"));
    std::size_t chars = 0;
    for (unsigned char c : subject)
        if ((c & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes: one per character
    if (chars > space_subject_max_chars)
        return fail(errors::invalid_field("subject", fmt::format("un objet d'au plus {} caractères", space_subject_max_chars)));
    return {};
}

Result<std::vector<Date>> recurrence_dates(Date first, Repeat repeat, Date until) {
    if (sys_days{until} < sys_days{first})
        return fail(errors::invalid_field("until", "une date postérieure ou égale au jour de « start »"));
    std::vector<Date> out;
    const days step{repeat == Repeat::weekly ? 7 : 1};
    for (sys_days d{first}; d <= sys_days{until}; d += step) {
        if (repeat == Repeat::daily && is_weekend(Date{d}) && d != sys_days{first}) continue;  // the first is reported
        if (static_cast<int>(out.size()) == max_occurrences) return fail(errors::too_many_occurrences(max_occurrences));
        out.push_back(Date{d});
    }
    return out;
}

}  // namespace escale
