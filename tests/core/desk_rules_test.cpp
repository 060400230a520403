// SPDX-License-Identifier: EUPL-1.2
// The fair-booking rules of a site (issue 10, item 4): adapted desks, quartier priority until
// N hours before the slot, the weekly quota and its week, the settings' limits.
#include <gtest/gtest.h>

#include "core/desk_rules.hpp"

using namespace escale;
using namespace date::literals;

namespace {

SiteCalendar paris() { return *SiteCalendar::make("Europe/Paris", "08:00", "13:00", "19:00", {}); }

Instant utc(date::sys_days day, int h, int m = 0) { return Instant{day} + std::chrono::hours{h} + std::chrono::minutes{m}; }

template <class R>
std::string code_of(const R& r) { return r ? "ok" : r.error().code; }

DeskRules all_rules() { return DeskRules{8, 24, true}; }

Desk desk_in(ZoneId zone, bool adapted = false) {
    Desk d;
    d.id = 1;
    d.zone_id = zone;
    d.adapted = adapted;
    return d;
}

DeskQuartier quartier_of(ServiceId owner) {
    return DeskQuartier{Zone{7, 1, 1, owner, "Quartier SGAR", 0}, "SGAR"};
}

Resident of_service(ServiceId s, bool needs_adapted = false) {
    Resident r;
    r.id = 3;
    r.service_id = s;
    r.needs_adapted_desk = needs_adapted;
    return r;
}

}  // namespace

TEST(DeskRules, QuartierKeptForItsServiceUntilTheHoursBeforeTheSlot) {
    // Wednesday 4 March 2026, morning: starts 08:00 Paris = 07:00 UTC; 24 h before: Tuesday 07:00 UTC.
    const auto cal = paris();
    const auto d = 2026_y / 3 / 4;
    const auto other = of_service(2), own = of_service(1);
    auto check = [&](const Resident& who, Instant now) {
        return check_desk_access(cal, all_rules(), desk_in(7), quartier_of(1), who, d, Half::am, now);
    };
    EXPECT_EQ(code_of(check(other, utc(2026_y / 3 / 3, 6, 59))), "quartier_reserved");
    EXPECT_EQ(code_of(check(other, utc(2026_y / 3 / 3, 7, 0))), "ok");
    EXPECT_EQ(code_of(check(own, utc(2026_y / 3 / 2, 8))), "ok");
    // The message names the rule, the quartier and its service.
    auto refused = check(other, utc(2026_y / 3 / 2, 8));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("priorité des quartiers"), std::string::npos);
    EXPECT_NE(refused.error().message.find("Quartier SGAR"), std::string::npos);
    EXPECT_NE(refused.error().message.find("24 h"), std::string::npos);
    // A resident without a service is not of the quartier's service either.
    EXPECT_EQ(code_of(check(Resident{}, utc(2026_y / 3 / 2, 8))), "quartier_reserved");
    // Without the rule, or in a quartier nobody owns, anyone may book.
    EXPECT_EQ(code_of(check_desk_access(cal, DeskRules{}, desk_in(7), quartier_of(1), other, d, Half::am,
                                        utc(2026_y / 3 / 2, 8))), "ok");
    EXPECT_EQ(code_of(check_desk_access(cal, all_rules(), desk_in(7), DeskQuartier{Zone{7, 1, 1, std::nullopt, "Q", 0}, ""},
                                        other, d, Half::am, utc(2026_y / 3 / 2, 8))), "ok");
}

TEST(DeskRules, PriorityWindowFollowsTheAfternoonAndTheClockChange) {
    // Monday 30 March 2026 afternoon starts 13:00 Paris summer time = 11:00 UTC; 24 h before
    // is Sunday 29 March 11:00 UTC (the clocks changed that night).
    const auto cal = paris();
    auto check = [&](Instant now) {
        return check_desk_access(cal, all_rules(), desk_in(7), quartier_of(1), of_service(2), 2026_y / 3 / 30, Half::pm, now);
    };
    EXPECT_EQ(code_of(check(utc(2026_y / 3 / 29, 10, 59))), "quartier_reserved");
    EXPECT_EQ(code_of(check(utc(2026_y / 3 / 29, 11, 0))), "ok");
}

TEST(DeskRules, AdaptedDesksKeptForWhoNeedsOne) {
    const auto cal = paris();
    const auto now = utc(2026_y / 3 / 2, 8);
    DeskRules adapted_only{std::nullopt, std::nullopt, true};
    EXPECT_EQ(code_of(check_desk_access(cal, adapted_only, desk_in(7, true), {}, of_service(1), 2026_y / 3 / 4, Half::am, now)),
              "adapted_desk_reserved");
    EXPECT_EQ(code_of(check_desk_access(cal, adapted_only, desk_in(7, true), {}, of_service(1, true), 2026_y / 3 / 4,
                                        Half::am, now)), "ok");
    EXPECT_EQ(code_of(check_desk_access(cal, adapted_only, desk_in(7, false), {}, of_service(1), 2026_y / 3 / 4, Half::am, now)),
              "ok");
    EXPECT_EQ(code_of(check_desk_access(cal, DeskRules{}, desk_in(7, true), {}, of_service(1), 2026_y / 3 / 4, Half::am, now)),
              "ok");
}

TEST(DeskRules, WeeklyQuotaCountsUpToItsLimit) {
    const auto rules = all_rules();
    EXPECT_EQ(code_of(check_weekly_quota(rules, 2026_y / 3 / 4, 6, 2, true)), "ok");
    EXPECT_EQ(code_of(check_weekly_quota(rules, 2026_y / 3 / 4, 7, 2, true)), "weekly_quota_reached");
    EXPECT_EQ(code_of(check_weekly_quota(rules, 2026_y / 3 / 4, 8, 1, true)), "weekly_quota_reached");
    EXPECT_EQ(code_of(check_weekly_quota(DeskRules{}, 2026_y / 3 / 4, 100, 2, true)), "ok");
    auto refused = check_weekly_quota(rules, 2026_y / 3 / 4, 8, 1, true);
    EXPECT_NE(refused.error().message.find("quota hebdomadaire"), std::string::npos);
    EXPECT_NE(refused.error().message.find("lundi 2 mars 2026"), std::string::npos);
    EXPECT_NE(refused.error().message.find("vous avez"), std::string::npos);
    EXPECT_NE(check_weekly_quota(rules, 2026_y / 3 / 4, 8, 1, false).error().message.find("cette personne"),
              std::string::npos);
}

TEST(DeskRules, QuotaWeekRunsMondayToSunday) {
    EXPECT_EQ(quota_week_of(2026_y / 3 / 2).first, 2026_y / 3 / 2);
    EXPECT_EQ(quota_week_of(2026_y / 3 / 8).first, 2026_y / 3 / 2);
    EXPECT_EQ(quota_week_of(2026_y / 3 / 8).second, 2026_y / 3 / 8);
    EXPECT_EQ(quota_week_of(2026_y / 3 / 9).first, 2026_y / 3 / 9);
    EXPECT_EQ(quota_week_of(2027_y / 1 / 1).first, 2026_y / 12 / 28);  // across the new year
}

TEST(DeskRules, SettingsOutsideTheirLimitsAreRefused) {
    Site s;
    EXPECT_TRUE(validate_desk_rules(s));
    s.weekly_half_day_quota = 0;
    EXPECT_EQ(code_of(validate_desk_rules(s)), "invalid_field");
    s.weekly_half_day_quota = 14;
    EXPECT_TRUE(validate_desk_rules(s));
    s.quartier_priority_hours = -1;
    EXPECT_EQ(code_of(validate_desk_rules(s)), "invalid_field");
    s.quartier_priority_hours = 0;  // 0: no priority
    EXPECT_TRUE(validate_desk_rules(s));
    EXPECT_FALSE(desk_rules_of(s).quartier_priority_hours.has_value());
}
