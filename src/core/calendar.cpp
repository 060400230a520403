// SPDX-License-Identifier: EUPL-1.2
// Site calendars: French public holidays (computed from Easter, never typed by hand) and
// the conversion of a site's local opening hours to UTC instants through the IANA
// time-zone database (Howard Hinnant's date/tz over the system zoneinfo).
#include "core/calendar.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace escale {

namespace {

using date::days;
using date::sys_days;

Date shift(Date d, int n) { return Date{sys_days{d} + days{n}}; }

// The local wall-clock time minutes_after_midnight on date d (not yet tied to a zone).
date::local_seconds local_instant(Date d, int minutes_after_midnight) {
    return date::local_days{d} + std::chrono::minutes{minutes_after_midnight};
}

}  // namespace

Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date{date::year{year}, date::month{static_cast<unsigned>(month)},
                date::day{static_cast<unsigned>(day)}};
}

std::vector<PublicHoliday> french_public_holidays(int year) {
    const date::year y{year};
    const Date easter = easter_sunday(year);
    auto fixed = [&](unsigned month, unsigned day) {
        return Date{y, date::month{month}, date::day{day}};
    };
    std::vector<PublicHoliday> holidays{
        {fixed(1, 1), "Jour de l'an"},
        {shift(easter, 1), "Lundi de Pâques"},
        {fixed(5, 1), "Fête du Travail"},
        {fixed(5, 8), "Victoire 1945"},
        {shift(easter, 39), "Ascension"},
        {shift(easter, 50), "Lundi de Pentecôte"},
        {fixed(7, 14), "Fête nationale"},
        {fixed(8, 15), "Assomption"},
        {fixed(11, 1), "Toussaint"},
        {fixed(11, 11), "Armistice 1918"},
        {fixed(12, 25), "Noël"},
    };
    // Ascension (30 April .. 3 June) can come before 1 May or 8 May (e.g. 6 May 2027):
    // sort by date, keeping the order above for a shared date.
    std::stable_sort(holidays.begin(), holidays.end(),
                     [](const PublicHoliday& a, const PublicHoliday& b) { return a.date < b.date; });
    return holidays;
}

bool is_french_public_holiday(Date d) {
    const unsigned month = unsigned(d.month());
    const unsigned day = unsigned(d.day());
    if ((month == 1 && day == 1) || (month == 5 && (day == 1 || day == 8)) ||
        (month == 7 && day == 14) || (month == 8 && day == 15) ||
        (month == 11 && (day == 1 || day == 11)) || (month == 12 && day == 25))
        return true;
    if (month < 3 || month > 6) return false;  // Easter-based holidays: 23 March .. 14 June
    const sys_days easter{easter_sunday(int(d.year()))};
    const auto offset = (sys_days{d} - easter).count();
    return offset == 1 || offset == 39 || offset == 50;
}

bool is_weekend(Date d) {
    const date::weekday wd{sys_days{d}};
    return wd == date::Saturday || wd == date::Sunday;
}

std::optional<int> parse_time_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

Result<SiteCalendar> SiteCalendar::make(const std::string& zone_name, const std::string& opens,
                                        const std::string& noon, const std::string& closes,
                                        std::set<Date> extra_closures) {
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(zone_name);
        // The zoneinfo file is read lazily: load it now, so a broken file fails here
        // and not in the middle of a booking.
        (void)zone->get_info(date::sys_seconds{});
    } catch (const std::exception&) {
        zone = nullptr;
    }
    if (zone == nullptr)
        return fail(ErrorKind::invalid_input, "invalid_time_zone",
                    "Le fuseau horaire « " + zone_name + " » est inconnu.");

    const auto o = parse_time_of_day(opens);
    const auto n = parse_time_of_day(noon);
    const auto c = parse_time_of_day(closes);
    if (!o || !n || !c)
        return fail(ErrorKind::invalid_input, "invalid_opening_hours",
                    "Les horaires d'ouverture doivent être au format HH:MM (de 00:00 à 23:59).");
    if (!(*o < *n && *n < *c))
        return fail(ErrorKind::invalid_input, "invalid_opening_hours",
                    "Les horaires d'ouverture doivent respecter ouverture < midi < fermeture.");

    SiteCalendar cal;
    cal.zone_ = zone;
    cal.opens_ = *o;
    cal.noon_ = *n;
    cal.closes_ = *c;
    cal.closures_ = std::move(extra_closures);
    return cal;
}

bool SiteCalendar::is_closed(Date d) const {
    return is_weekend(d) || is_french_public_holiday(d) || closures_.count(d) > 0;
}

Date SiteCalendar::today(Instant t) const {
    return Date{date::floor<days>(zone_->to_local(t))};
}

Instant SiteCalendar::slot_start(Date d, Half h) const {
    return at_local(d, h == Half::am ? opens_ : noon_);
}

Instant SiteCalendar::slot_end(Date d, Half h) const {
    return at_local(d, h == Half::am ? noon_ : closes_);
}

std::pair<Date, Half> SiteCalendar::next_half_day(Instant now) const {
    const Date d = today(now);
    if (slot_end(d, Half::am) > now) return {d, Half::am};
    if (slot_end(d, Half::pm) > now) return {d, Half::pm};
    return {Date{date::sys_days{d} + date::days{1}}, Half::am};
}

std::pair<Date, Half> SiteCalendar::next_open_half_day(Instant now) const {
    const auto next = next_half_day(now);
    for (int ahead = 0; ahead <= 366; ++ahead) {
        const Date d{date::sys_days{next.first} + date::days{ahead}};
        if (!is_closed(d)) return {d, ahead == 0 ? next.second : Half::am};
    }
    return next;
}

Instant SiteCalendar::at_local(Date d, int minutes_after_midnight) const {
    const auto local = local_instant(d, minutes_after_midnight);
    const date::local_info info = zone_->get_info(local);
    if (info.result == date::local_info::nonexistent) return info.second.begin;
    return zone_->to_sys(local, date::choose::earliest);
}

}  // namespace escale
