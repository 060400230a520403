// SPDX-License-Identifier: EUPL-1.2
// The presence plan's pure rules (issue 10, item 6): effective presence from the weekly
// pattern, the day's declarations and the live desk bookings; the bookings a declaration
// contradicts; pattern and range checks.
#include "core/presence.hpp"

#include <gtest/gtest.h>

using namespace escale;
using namespace date::literals;

namespace {

SiteCalendar paris(std::set<Date> closures = {}) {
    return *SiteCalendar::make("Europe/Paris", "08:00", "12:30", "19:00", std::move(closures));
}

PresenceDeclaration declared(Date d, Half h, PresenceStatus s) {
    return PresenceDeclaration{1, 1, d, h, s, Instant{}, 1};
}

DeskBooking booked(BookingId id, Date d, Half h, BookingState state = BookingState::reserved) {
    return DeskBooking{id, 1, 40 + id, 1, d, h, state, Instant{}, 1, std::nullopt};
}

// Telework on Mondays, on site on Tuesdays (morning only), nothing else.
const std::vector<PatternCell> pattern{{1, Half::am, PresenceStatus::teletravail},
                                       {1, Half::pm, PresenceStatus::teletravail},
                                       {2, Half::am, PresenceStatus::sur_site}};

}  // namespace

TEST(Presence, WeekdaysAndMondays) {
    EXPECT_EQ(iso_weekday(2026_y / 3 / 2), 1);  // a Monday
    EXPECT_EQ(iso_weekday(2026_y / 3 / 8), 7);  // a Sunday
    EXPECT_EQ(monday_of(2026_y / 3 / 8), Date{2026_y / 3 / 2});
    EXPECT_EQ(monday_of(2026_y / 3 / 2), Date{2026_y / 3 / 2});
    EXPECT_EQ(monday_of(2026_y / 1 / 1), Date{2025_y / 12 / 29});  // across a year
}

TEST(Presence, ThePatternFillsTheOpenDaysAndOnlyThem) {
    auto days = effective_presence(2026_y / 3 / 2, 2026_y / 3 / 9, paris(), pattern, {}, {});
    ASSERT_EQ(days.size(), 8u);
    EXPECT_EQ(days[0].am.status, PresenceStatus::teletravail);
    EXPECT_EQ(days[0].am.source, PresenceSource::modele);
    EXPECT_EQ(days[1].am.status, PresenceStatus::sur_site);
    EXPECT_EQ(days[1].pm.status, std::nullopt);  // no pattern for Tuesday afternoon
    EXPECT_EQ(days[1].pm.source, PresenceSource::aucune);
    EXPECT_TRUE(days[5].closed);  // Saturday
    EXPECT_EQ(days[7].am.status, PresenceStatus::teletravail);  // the next Monday
}

TEST(Presence, APublicHolidayOrClosureTakesNoPattern) {
    // Easter Monday 2026 is 6 April; 7 April closed by the site.
    auto days = effective_presence(2026_y / 4 / 6, 2026_y / 4 / 7, paris({2026_y / 4 / 7}), pattern, {}, {});
    ASSERT_EQ(days.size(), 2u);
    EXPECT_TRUE(days[0].closed);
    EXPECT_EQ(days[0].am.status, std::nullopt);
    EXPECT_TRUE(days[1].closed);
    EXPECT_EQ(days[1].am.source, PresenceSource::aucune);
}

TEST(Presence, ADeclarationWinsOverThePattern) {
    std::vector<PresenceDeclaration> declared_days{declared(2026_y / 3 / 2, Half::pm, PresenceStatus::mission)};
    auto days = effective_presence(2026_y / 3 / 2, 2026_y / 3 / 2, paris(), pattern, declared_days, {});
    EXPECT_EQ(days[0].am.status, PresenceStatus::teletravail);
    EXPECT_EQ(days[0].pm.status, PresenceStatus::mission);
    EXPECT_EQ(days[0].pm.source, PresenceSource::declaration);
    EXPECT_EQ(days[0].pm.declared, PresenceStatus::mission);
}

TEST(Presence, ALiveBookingMeansOnSiteWhateverWasDeclared) {
    std::vector<PresenceDeclaration> declared_days{declared(2026_y / 3 / 2, Half::am, PresenceStatus::absent)};
    std::vector<DeskBooking> bookings{booked(7, 2026_y / 3 / 2, Half::am),
                                      booked(8, 2026_y / 3 / 2, Half::pm, BookingState::cancelled)};
    auto days = effective_presence(2026_y / 3 / 2, 2026_y / 3 / 2, paris(), pattern, declared_days, bookings);
    EXPECT_EQ(days[0].am.status, PresenceStatus::sur_site);
    EXPECT_EQ(days[0].am.source, PresenceSource::reservation);
    EXPECT_EQ(days[0].am.declared, PresenceStatus::absent);  // kept, to show the contradiction
    EXPECT_EQ(days[0].am.booking_id, BookingId{7});
    EXPECT_EQ(days[0].am.desk_id, DeskId{47});
    // A cancelled booking counts for nothing: the pattern stands.
    EXPECT_EQ(days[0].pm.status, PresenceStatus::teletravail);
    EXPECT_EQ(days[0].pm.booking_id, std::nullopt);
}

TEST(Presence, ACheckedInBookingCountsToo) {
    std::vector<DeskBooking> bookings{booked(9, 2026_y / 3 / 3, Half::pm, BookingState::checked_in)};
    auto days = effective_presence(2026_y / 3 / 3, 2026_y / 3 / 3, paris(), {}, {}, bookings);
    EXPECT_EQ(days[0].pm.status, PresenceStatus::sur_site);
    EXPECT_EQ(days[0].am.status, std::nullopt);
}

TEST(Presence, AnEmptyRangeGivesNoDays) {
    EXPECT_TRUE(effective_presence(2026_y / 3 / 3, 2026_y / 3 / 2, paris(), pattern, {}, {}).empty());
}

TEST(Presence, OnlyAbsenceFromSiteContradictsABooking) {
    std::vector<DeskBooking> bookings{booked(1, 2026_y / 3 / 2, Half::am), booked(2, 2026_y / 3 / 2, Half::pm),
                                      booked(3, 2026_y / 3 / 3, Half::am, BookingState::no_show)};
    EXPECT_TRUE(bookings_contradicted(2026_y / 3 / 2, Half::am, PresenceStatus::sur_site, bookings).empty());
    for (auto s : {PresenceStatus::teletravail, PresenceStatus::absent, PresenceStatus::mission}) {
        auto hit = bookings_contradicted(2026_y / 3 / 2, Half::am, s, bookings);
        ASSERT_EQ(hit.size(), 1u);
        EXPECT_EQ(hit[0].id, 1);
    }
    EXPECT_TRUE(bookings_contradicted(2026_y / 3 / 3, Half::am, PresenceStatus::absent, bookings).empty());
}

TEST(Presence, PatternChecks) {
    EXPECT_TRUE(check_pattern(pattern));
    std::vector<PatternCell> bad_day{{8, Half::am, PresenceStatus::sur_site}};
    EXPECT_EQ(check_pattern(bad_day).error().code, "invalid_field");
    std::vector<PatternCell> zero{{0, Half::am, PresenceStatus::sur_site}};
    EXPECT_FALSE(check_pattern(zero));
    std::vector<PatternCell> twice{{2, Half::pm, PresenceStatus::sur_site}, {2, Half::pm, PresenceStatus::absent}};
    auto e = check_pattern(twice);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("days[1]"), std::string::npos) << e.error().message;
}

TEST(Presence, RangeChecks) {
    EXPECT_TRUE(check_presence_range(2026_y / 3 / 2, 2026_y / 3 / 2, 7));
    EXPECT_TRUE(check_presence_range(2026_y / 3 / 2, 2026_y / 3 / 8, 7));
    EXPECT_FALSE(check_presence_range(2026_y / 3 / 2, 2026_y / 3 / 9, 7));
    EXPECT_FALSE(check_presence_range(2026_y / 3 / 2, 2026_y / 3 / 1, 7));
}
