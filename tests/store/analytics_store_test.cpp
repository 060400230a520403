// SPDX-License-Identifier: EUPL-1.2
// The analytics room of the Store on every database (SQLite and PostgreSQL), issue 13: the
// daily counters of migration v23 that AnalyticsStore reads, compared with the same figures
// recomputed here from the bookings' rows (read with the database's own client, local days
// worked out in C++), after random histories: bookings inserted in every state, states
// changed back and forth, cancellations, desks moved between floors and quartiers, spaces
// whose capacity changes, the retention purge (which must change nothing), a site's time
// zone changed; and after threads booking, cancelling and checking in at once. The settled
// days of the servers' caches: every change to one of their counters moves the generation,
// none after the boundary does, and moving the boundary waits for the writers in flight.
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <thread>
#include <tuple>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "store/open_store.hpp"
#include "throwaway_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// (date, half, floor, zone, service) → booked, checked in, no-show
using DeskFigures = std::map<std::tuple<std::string, std::string, Id, Id, Id>, std::array<std::int64_t, 3>>;
// (date, space or service) → bookings, seconds, attendees, seats, unused
using SpaceFigures = std::map<std::pair<std::string, Id>, std::array<std::int64_t, 5>>;

class AnalyticsStoreTest : public ThrowawayStoreTest {
protected:
    AnalyticsStoreTest() : ThrowawayStoreTest("escale_analytics_store_") {}

    void seed() override {
        auto t = tx();
        Site s;
        s.name = "Site";
        site_ = *t->referential().insert(s);
        for (int i = 0; i < 3; ++i) services_.push_back(*t->referential().insert(Service{0, site_, "S" + std::to_string(i), "S"}));
        for (int i = 1; i <= 2; ++i) floors_.push_back(*t->referential().insert(Floor{0, site_, "Niveau", i, ""}));
        for (int i = 0; i < 3; ++i)
            zones_.push_back(*t->referential().insert(Zone{0, site_, floors_[static_cast<size_t>(i % 2)],
                                                           i < 2 ? std::optional(services_[static_cast<size_t>(i)]) : std::nullopt,
                                                           "Q" + std::to_string(i), 10}));
        for (int i = 0; i < 10; ++i) {
            Desk d{0, site_, floors_[static_cast<size_t>(i % 2)], std::nullopt, "P" + std::to_string(i)};
            if (i % 4 != 3) d.zone_id = zones_[static_cast<size_t>(i % 3)];
            desks_.push_back(*t->referential().insert(d));
        }
        for (int i = 0; i < 3; ++i) {
            Space sp{0, site_, floors_[0], std::nullopt, "Salle " + std::to_string(i)};
            sp.capacity = 2 + 3 * i;
            spaces_.push_back(*t->referential().insert(sp));
        }
        for (int i = 0; i < 8; ++i) {
            Resident r;
            r.site_id = site_;
            r.service_id = services_[static_cast<size_t>(i % 3)];
            r.email = "r" + std::to_string(i) + "@test.fr";
            r.display_name = r.email;
            residents_.push_back(*t->referential().insert(r));
        }
        ASSERT_TRUE(t->commit());
    }

    // Rows of a query through the database's own client, each column as text.
    std::vector<std::vector<std::string>> raw(const std::string& sql) {
        std::vector<std::vector<std::string>> out;
        if (GetParam() == "postgres") {
            PGconn* c = PQconnectdb(url_.c_str());
            PGresult* r = PQexec(c, sql.c_str());
            EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(c);
            for (int i = 0; i < PQntuples(r); ++i) {
                out.emplace_back();
                for (int j = 0; j < PQnfields(r); ++j) out.back().emplace_back(PQgetvalue(r, i, j));
            }
            PQclear(r);
            PQfinish(c);
        } else {
            SQLite::Database db(url_.substr(7), SQLite::OPEN_READONLY);
            SQLite::Statement q(db, sql);
            while (q.executeStep()) {
                out.emplace_back();
                for (int j = 0; j < q.getColumnCount(); ++j) out.back().push_back(q.getColumn(j).getString());
            }
        }
        return out;
    }

    static Id id(const std::string& s) { return s.empty() ? 0 : std::stoll(s); }

    DeskFigures desk_from_rows() {
        DeskFigures f;
        for (auto& r : raw("SELECT b.date, b.half, d.floor_id, d.zone_id, b.service_id, b.state FROM desk_bookings b "
                           "JOIN desks d ON d.id = b.desk_id WHERE b.site_id = " + std::to_string(site_))) {
            if (r[5] == "cancelled") continue;
            auto& n = f[{r[0], r[1], id(r[2]), id(r[3]), id(r[4])}];
            ++n[0];
            n[1] += r[5] == "checked_in" || r[5] == "released";
            n[2] += r[5] == "no_show";
        }
        return f;
    }

    DeskFigures desk_from_counters() {
        auto t = store_->begin(TxMode::read);
        EXPECT_TRUE(t);
        DeskFigures f;
        auto read = (*t)->analytics().desk_usage(site_, Date{2000_y / 1 / 1}, Date{2100_y / 1 / 1}, [&](auto& c) {
            auto& n = f[{format_date(c.date), c.half == Half::am ? "am" : "pm", c.floor_id, c.zone_id.value_or(0),
                         c.service_id.value_or(0)}];
            EXPECT_EQ(n, (std::array<std::int64_t, 3>{0, 0, 0})) << "one row per group";
            n = {c.booked, c.checked_in, c.no_show};
        });
        EXPECT_TRUE(read) << read.error().message;
        return f;
    }

    // per space (by_service false) or per service, local days at the site's current zone
    SpaceFigures space_from_rows(bool by_service) {
        auto zone = raw("SELECT time_zone FROM sites WHERE id = " + std::to_string(site_))[0][0];
        auto cal = SiteCalendar::make(zone, "08:00", "13:00", "19:00");
        EXPECT_TRUE(cal);
        SpaceFigures f;
        for (auto& r : raw("SELECT b.space_id, b.service_id, b.start_at, b.end_at, b.attendees, b.state, s.capacity "
                           "FROM space_bookings b JOIN spaces s ON s.id = b.space_id WHERE b.site_id = " +
                           std::to_string(site_))) {
            if (r[5] == "cancelled") continue;
            auto start = std::stoll(r[2]);
            auto day = format_date(cal->today(Instant{std::chrono::seconds{start}}));
            auto& n = f[{day, by_service ? id(r[1]) : id(r[0])}];
            n[0] += 1;
            n[1] += std::stoll(r[3]) - start;
            n[2] += std::stoll(r[4]);
            n[3] += by_service ? std::stoll(r[6]) : 0;
            n[4] += r[5] == "no_show";
        }
        return f;
    }

    SpaceFigures space_from_counters(bool by_service) {
        auto t = store_->begin(TxMode::read);
        EXPECT_TRUE(t);
        SpaceFigures f;
        auto take = [&](const SpaceUsageDay& u) {
            f[{format_date(u.date), by_service ? u.service_id.value_or(0) : u.space_id}] = {u.bookings, u.seconds,
                                                                                          u.attendees, u.seats, u.unused};
        };
        Date from{2000_y / 1 / 1}, to{2100_y / 1 / 1};
        if (by_service) {
            auto rows = (*t)->analytics().space_service_usage(site_, from, to);
            EXPECT_TRUE(rows) << rows.error().message;
            if (rows) for (auto& u : *rows) take(u);
        } else {
            auto read = (*t)->analytics().space_usage(site_, from, to, take);
            EXPECT_TRUE(read) << read.error().message;
        }
        return f;
    }

    void expect_counters_exact(const std::string& when) {
        EXPECT_EQ(desk_from_counters(), desk_from_rows()) << when;
        EXPECT_EQ(space_from_counters(false), space_from_rows(false)) << when;
        EXPECT_EQ(space_from_counters(true), space_from_rows(true)) << when;
        // no counter below zero, none left with figures but no booking
        EXPECT_EQ(raw("SELECT count(*) FROM desk_usage_days WHERE booked < 0 OR checked_in < 0 OR no_show < 0 "
                      "OR (booked = 0 AND (checked_in <> 0 OR no_show <> 0))")[0][0], "0") << when;
        EXPECT_EQ(raw("SELECT count(*) FROM space_usage_days WHERE bookings < 0 "
                      "OR (bookings = 0 AND (seconds <> 0 OR attendees <> 0 OR unused <> 0))")[0][0], "0") << when;
    }

    template <class T>
    T pick(std::mt19937& rng, const std::vector<T>& v) {
        return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
    }
    static BookingState any_state(std::mt19937& rng) {
        static const BookingState all[] = {BookingState::reserved, BookingState::checked_in, BookingState::no_show,
                                           BookingState::cancelled, BookingState::released};
        return all[std::uniform_int_distribution<int>(0, 4)(rng)];
    }
    // A day of March and April 2026 (the DST change is on Sunday 29 March).
    static Date any_day(std::mt19937& rng) {
        return Date{date::sys_days{2026_y / 3 / 20} + date::days{std::uniform_int_distribution<int>(0, 19)(rng)}};
    }

    // One random write in its own transaction; a write the database refuses (a slot taken)
    // is rolled back, as the use cases would.
    void random_write(std::mt19937& rng) {
        auto t = tx();
        Instant at{std::chrono::seconds{1'774'000'000}};
        bool ok = true;
        const int choice = std::uniform_int_distribution<int>(0, 9)(rng);
        switch (choice) {
            case 0: case 1: case 2: {
                // one booking, or several in one statement (as the demo's history and migrate-data
                // write them: PostgreSQL counts those with one statement trigger)
                std::vector<BookingRecord> made;
                for (int n = choice == 2 ? 2 + static_cast<int>(rng() % 5) : 1; n > 0; --n) {
                    DeskBooking b{0, site_, pick(rng, desks_), pick(rng, residents_), any_day(rng),
                                  rng() % 2 ? Half::am : Half::pm, any_state(rng), at, 0, std::nullopt};
                    b.created_by = b.resident_id;
                    if (rng() % 5) b.service_id = pick(rng, services_);
                    made.push_back({b, at});
                }
                ok = made.size() == 1 ? bool(t->bookings().insert(made[0].booking)) : bool(t->bookings().insert_all(made));
                break;
            }
            case 3: case 4: {
                auto ids = raw("SELECT id FROM desk_bookings");
                if (ids.empty()) break;
                ok = bool(t->bookings().set_state(id(pick(rng, ids)[0]), any_state(rng), at));
                break;
            }
            case 5: {
                auto d = *t->referential().find(Of<Desk>{}, pick(rng, desks_));
                d->floor_id = pick(rng, floors_);
                d->zone_id = rng() % 3 ? std::optional(pick(rng, zones_)) : std::nullopt;
                ok = bool(t->referential().update(*d));
                break;
            }
            case 6: case 7: {
                // on the 15-minute grid, some near local midnight so that UTC and local days differ
                auto day = date::sys_days{any_day(rng)};
                auto start = date::sys_seconds{day} + std::chrono::minutes{15 * std::uniform_int_distribution<int>(-12, 95)(rng)};
                SpaceBooking b{0, site_, pick(rng, spaces_), pick(rng, residents_), start,
                               start + std::chrono::minutes{15 * (1 + rng() % 8)},
                               static_cast<int>(1 + rng() % 6), "Réunion", any_state(rng), at, 0, std::nullopt};
                b.created_by = b.resident_id;
                if (rng() % 4) b.service_id = pick(rng, services_);
                ok = bool(t->space_bookings().insert(b));
                break;
            }
            case 8: {
                auto ids = raw("SELECT id FROM space_bookings");
                if (ids.empty()) break;
                ok = bool(t->space_bookings().set_state(id(pick(rng, ids)[0]), any_state(rng), at));
                break;
            }
            case 9: {
                auto s = *t->referential().find(Of<Space>{}, pick(rng, spaces_));
                s->capacity = static_cast<int>(1 + rng() % 12);
                ok = bool(t->referential().update(*s));
                break;
            }
        }
        if (ok) {
            ASSERT_TRUE(t->commit());
        }
    }

    SettledDays settled() {
        auto t = store_->begin(TxMode::read);
        EXPECT_TRUE(t);
        auto s = (*t)->analytics().settled_days(site_);
        EXPECT_TRUE(s) << s.error().message;
        return s ? *s : SettledDays{};
    }
    void settle(Date before) {
        auto t = tx();
        ASSERT_TRUE(t->analytics().settle_days_before(site_, before));
        ASSERT_TRUE(t->commit());
    }
    // The desk and space counters of the days before `before` (as a cache holds them).
    std::pair<DeskFigures, SpaceFigures> counters_before(const std::string& before) {
        auto desks = desk_from_counters();
        auto spaces = space_from_counters(false);
        std::erase_if(desks, [&](auto& e) { return std::get<0>(e.first) >= before; });
        std::erase_if(spaces, [&](auto& e) { return e.first.first >= before; });
        return {desks, spaces};
    }

    SiteId site_ = 0;
    std::vector<ServiceId> services_;
    std::vector<FloorId> floors_;
    std::vector<ZoneId> zones_;
    std::vector<DeskId> desks_;
    std::vector<SpaceId> spaces_;
    std::vector<ResidentId> residents_;
};

TEST_P(AnalyticsStoreTest, CountersEqualTheRowsAfterRandomHistories) {
    for (unsigned seed : {1u, 2u, 3u}) {
        std::mt19937 rng(seed);
        for (int i = 0; i < 100; ++i) random_write(rng);
        expect_counters_exact("seed " + std::to_string(seed));
    }
    ASSERT_FALSE(desk_from_rows().empty());
    ASSERT_FALSE(space_from_rows(true).empty());

    // the retention purge detaches the bookings from their people: no figure changes
    auto desks = desk_from_counters();
    auto spaces = space_from_counters(false), by_service = space_from_counters(true);
    {
        auto t = tx();
        ASSERT_TRUE(t->bookings().anonymize_before(site_, Date{2027_y / 1 / 1}));
        ASSERT_TRUE(t->space_bookings().anonymize_before(site_, Instant{std::chrono::seconds{1'900'000'000}}));
        ASSERT_TRUE(t->commit());
    }
    EXPECT_EQ(raw("SELECT count(*) FROM desk_bookings WHERE resident_id IS NOT NULL")[0][0], "0");
    EXPECT_EQ(desk_from_counters(), desks);
    EXPECT_EQ(space_from_counters(false), spaces);
    EXPECT_EQ(space_from_counters(true), by_service);

    // a site moved to another zone: its space bookings fall on other local days
    {
        auto t = tx();
        auto s = *t->referential().find(Of<Site>{}, site_);
        s->time_zone = "Pacific/Noumea";
        ASSERT_TRUE(t->referential().update(*s));
        ASSERT_TRUE(t->commit());
    }
    EXPECT_NE(space_from_counters(false), spaces);
    expect_counters_exact("after the time zone changed");
}

TEST_P(AnalyticsStoreTest, CountersStayExactUnderConcurrentWrites) {
    // threads book, cancel and check in at once on the same half-days and groups
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < 4; ++w)
        threads.emplace_back([this, w] {
            std::mt19937 rng(100 + w);
            for (int i = 0; i < 60; ++i) {
                auto t = store_->begin(TxMode::write);
                if (!t) continue;
                Instant at{std::chrono::seconds{1'774'000'000}};
                Date day{2026_y / 3 / (23 + static_cast<int>(rng() % 2))};
                bool ok;
                if (i % 3 == 2) {
                    auto mine = (*t)->bookings().live_of(pick(rng, residents_), day, day);
                    ok = mine && !mine->empty() &&
                         (*t)->bookings().set_state(mine->front().id, rng() % 2 ? BookingState::cancelled
                                                                                : BookingState::checked_in, at);
                } else {
                    DeskBooking b{0, site_, pick(rng, desks_), pick(rng, residents_), day, rng() % 2 ? Half::am : Half::pm,
                                  BookingState::reserved, at, 0, pick(rng, services_)};
                    b.created_by = b.resident_id;
                    ok = bool((*t)->bookings().insert(b));
                    // each thread its own ranges (two threads share a space, 7 minutes apart), the
                    // counters of each day and service shared by all
                    SpaceBooking s{0, site_, spaces_[w % spaces_.size()], b.resident_id,
                                   date::sys_seconds{date::sys_days{day}} + std::chrono::hours{6} +
                                       std::chrono::minutes{15 * i + 7 * static_cast<int>(w / spaces_.size())},
                                   {}, 2, "", BookingState::reserved, at, b.resident_id, b.service_id};
                    s.end = s.start + std::chrono::minutes{7};
                    ok = ok && (*t)->space_bookings().insert(s);
                }
                if (ok) (void)(*t)->commit();
            }
        });
    for (auto& th : threads) th.join();
    ASSERT_FALSE(desk_from_rows().empty());
    ASSERT_FALSE(space_from_rows(true).empty());
    expect_counters_exact("after concurrent writes");
}

TEST_P(AnalyticsStoreTest, EveryChangeToASettledDayMovesTheGeneration) {
    EXPECT_FALSE(settled().before) << "no server has settled any day yet";
    settle(2026_y / 3 / 30);
    settle(2026_y / 3 / 25);  // never back
    auto last = settled();
    ASSERT_EQ(last.before, Date{2026_y / 3 / 30});
    std::mt19937 rng(2026);
    auto settled_part = counters_before("2026-03-30");
    auto whole = std::make_pair(desk_from_counters(), space_from_counters(false));
    int moved = 0, changed_later_only = 0;
    for (int i = 0; i < 150; ++i) {
        random_write(rng);
        auto now = settled();
        auto part = counters_before("2026-03-30");
        auto all = std::make_pair(desk_from_counters(), space_from_counters(false));
        EXPECT_GE(now.generation, last.generation);
        if (now.generation == last.generation) {
            EXPECT_EQ(part, settled_part) << "write " << i << " changed a settled day and left the generation";
            if (all != whole) ++changed_later_only;
        } else {
            ++moved;
        }
        last = now;
        settled_part = std::move(part);
        whole = std::move(all);
    }
    EXPECT_GT(moved, 10) << "writes to settled days (the random days span the boundary)";
    EXPECT_GT(changed_later_only, 10) << "writes after the boundary leave the generation";
    expect_counters_exact("after the random writes");
}

TEST_P(AnalyticsStoreTest, ASiteGivenTheIdOfADeletedOneStartsAnotherGeneration) {
    auto make_site = [&] {
        auto t = tx();
        Site s;
        s.name = "Éphémère";
        auto id = t->referential().insert(s);
        EXPECT_TRUE(id);
        EXPECT_TRUE(t->analytics().settle_days_before(*id, Date{2026_y / 3 / 20}));
        EXPECT_TRUE(t->commit());
        auto r = store_->begin(TxMode::read);
        return std::make_pair(*id, *(*r)->analytics().settled_days(*id));
    };
    auto [first, first_settled] = make_site();
    {
        auto t = tx();
        ASSERT_TRUE(t->referential().remove(Of<Site>{}, first));
        ASSERT_TRUE(t->commit());
    }
    auto [second, second_settled] = make_site();  // SQLite gives it the same id
    EXPECT_EQ(second_settled.before, first_settled.before);
    EXPECT_TRUE(second != first || second_settled.generation != first_settled.generation)
        << "a fold kept for the deleted site would be taken for the new one";
}

TEST_P(AnalyticsStoreTest, MovingTheBoundaryWaitsForTheWritersInFlight) {
    // A writer counts its booking of the 16th against the boundary of the 10th and has not
    // committed when a server moves the boundary to the 20th and reads the settled days. Either
    // that read sees the booking, or the generation moves after: a cache never misses it.
    settle(2026_y / 3 / 10);
    std::atomic<bool> written{false}, committed{false};
    std::thread writer([&] {
        auto t = tx();
        DeskBooking b{0, site_, desks_[0], residents_[0], Date{2026_y / 3 / 16}, Half::am, BookingState::reserved,
                      Instant{std::chrono::seconds{1'774'000'000}}, residents_[0], services_[0]};
        ASSERT_TRUE(t->bookings().insert(b));
        written = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        committed = true;
        ASSERT_TRUE(t->commit());
    });
    while (!written) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    settle(2026_y / 3 / 20);
    EXPECT_TRUE(committed) << "the boundary moved while a writer of counters was in flight";
    auto read = settled();
    auto seen = counters_before("2026-03-20");
    writer.join();
    auto after = settled();
    EXPECT_EQ(read.before, Date{2026_y / 3 / 20});
    EXPECT_TRUE(after.generation != read.generation || counters_before("2026-03-20") == seen)
        << "a change to a settled day went unnoticed by a cache";
    EXPECT_EQ(seen.first.size(), 1u) << "the booking, counted before the cache read";
}

TEST_P(AnalyticsStoreTest, RefusalsAddUpPerSiteDayAndHalf) {
    // a server writes its tally in batches: each adds to what other batches wrote
    Date tue{2026_y / 3 / 24}, wed{2026_y / 3 / 25};
    for (auto [d, h, n] : {std::tuple{tue, Half::am, 3}, {tue, Half::am, 2}, {tue, Half::pm, 1}, {wed, Half::am, 4}}) {
        auto t = tx();
        ASSERT_TRUE(t->analytics().note_refusals(site_, d, h, n));
        ASSERT_TRUE(t->commit());
    }
    auto t = store_->begin(TxMode::read);
    ASSERT_TRUE(t);
    auto rows = (*t)->analytics().turned_away(site_, tue, tue);
    ASSERT_TRUE(rows);
    std::map<std::pair<Date, Half>, int> refused;
    for (auto& r : *rows) refused[{r.date, r.half}] += r.refused;
    EXPECT_EQ(refused, (std::map<std::pair<Date, Half>, int>{{{tue, Half::am}, 5}, {{tue, Half::pm}, 1}}));
}

INSTANTIATE_TEST_SUITE_P(Databases, AnalyticsStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
