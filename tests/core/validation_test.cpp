// SPDX-License-Identifier: EUPL-1.2
// Field rules of the referential entities.
#include <gtest/gtest.h>

#include "core/validation.hpp"

using namespace escale;

TEST(Validation, SiteNeedsNameZoneAndOrderedHours) {
    Site s;
    s.name = "Cité";
    EXPECT_TRUE(validate(s));
    s.time_zone = "Europe/Atlantis";
    EXPECT_EQ(validate(s).error().code, "invalid_time_zone");
    s.time_zone = "Europe/Paris";
    s.noon_at = "07:00";
    EXPECT_EQ(validate(s).error().code, "invalid_opening_hours");
    s.noon_at = "13:00";
    s.booking_horizon_days = 0;
    EXPECT_EQ(validate(s).error().code, "invalid_field");
    s.booking_horizon_days = 28;
    s.name = "";
    EXPECT_EQ(validate(s).error().code, "missing_field");
}

TEST(Validation, ResidentEmailAndQuotite) {
    Resident r;
    r.email = "agent@example.gouv.fr";
    r.display_name = "Agent";
    EXPECT_TRUE(validate(r));
    for (const char* bad : {"", "a", "@x.fr", "a@", "a@b", "a b@c.fr", "a@@c.fr"}) {
        r.email = bad;
        EXPECT_FALSE(validate(r)) << bad;
    }
    r.email = "agent@example.gouv.fr";
    r.fte_percent = 5;
    EXPECT_FALSE(validate(r));
    r.fte_percent = 101;
    EXPECT_FALSE(validate(r));
}

TEST(Validation, ServiceCodeIsUpperCaseAscii) {
    Service s{0, 1, "SGAR-MCM", "SGAR"};
    EXPECT_TRUE(validate(s));
    s.code = "sgar";
    EXPECT_FALSE(validate(s));
    s.code = "SGAR'; DROP TABLE";
    EXPECT_FALSE(validate(s));
}

TEST(Validation, DeskPositionMustBeFinite) {
    Desk d;
    d.label = "P-01";
    EXPECT_TRUE(validate(d));
    d.x = std::numeric_limits<double>::infinity();
    EXPECT_FALSE(validate(d));
    d.x = 0;
    d.screens = 9;
    EXPECT_FALSE(validate(d));
}

TEST(Validation, ClosureDateMustBeReal) {
    Closure c{0, 1, "2026-02-30", "pont"};
    EXPECT_EQ(validate(c).error().code, "invalid_date");
    c.date = "2026-05-15";
    EXPECT_TRUE(validate(c));
}

TEST(Validation, EmailNormalisation) {
    EXPECT_EQ(normalize_email("  Jean.Dupont@Example.GOUV.fr "), "jean.dupont@example.gouv.fr");
}
