// SPDX-License-Identifier: EUPL-1.2
// The planning engine's SQL (issue 12): the days on site read from desk_bookings (the
// half-days of one day folded by DISTINCT) and planning_scenarios (one row per saved
// scenario; its question and answer as JSON text).
#include <fmt/format.h>

#include "core/desk_booking.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* scenario_columns = "id, site_id, name, input, result, author_id, created_at";

SavedScenario read_scenario(const Row& r) {
    SavedScenario s;
    read_columns(r, 0, s.id, s.site_id, s.name, s.input, s.result, s.author_id, s.created_at);
    return s;
}

const Meaning scenario_meaning{.label = masculine("scénario")};

class SqlPlanning final : public PlanningStore {
public:
    explicit SqlPlanning(Connection& c) : c_(c) {}

    Result<std::vector<OnSiteDay>> on_site_days(SiteId site, Date from, Date to) override {
        // The states of a booking whose holder came (or, where nobody checks in, was expected
        // and not marked missing): named from the enum, as literals.
        static const std::string sql = fmt::format(
            "SELECT DISTINCT resident_id, date FROM desk_bookings WHERE site_id = $1 AND date >= $2 AND date <= $3 "
            "AND resident_id <> 0 AND state IN ('{}', '{}', '{}') ORDER BY resident_id, date",
            to_string(BookingState::reserved), to_string(BookingState::checked_in),
            to_string(BookingState::released));
        return rows(c_, sql, params(site, from, to), [](const Row& r) {
            OnSiteDay d;
            read_columns(r, 0, d.resident_id, d.date);
            return d;
        });
    }

    Result<ScenarioId> insert_scenario(const SavedScenario& s) override {
        return c_.insert("INSERT INTO planning_scenarios (site_id, name, input, result, author_id, created_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6)",
                         params(s.site_id, s.name, s.input, s.result, s.author_id, s.created_at), scenario_meaning);
    }

    Result<std::vector<SavedScenario>> scenarios_of(SiteId site) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM planning_scenarios WHERE site_id = $1 ORDER BY created_at DESC, id DESC", scenario_columns);
        return rows(c_, sql, params(site), read_scenario);
    }

    Result<std::optional<SavedScenario>> find_scenario(ScenarioId id) override {
        static const std::string sql = fmt::format("SELECT {} FROM planning_scenarios WHERE id = $1", scenario_columns);
        return first_row(c_, sql, params(id), read_scenario);
    }

    Result<bool> delete_scenario(ScenarioId id) override {
        ESCALE_TRY(int n, execute(c_, "DELETE FROM planning_scenarios WHERE id = $1", params(id)));
        return n > 0;
    }

    Result<void> forget_author(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "UPDATE planning_scenarios SET author_id = NULL WHERE author_id = $1", params(r)));
        return {};
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<PlanningStore> planning_room(Connection& c) { return std::make_unique<SqlPlanning>(c); }

}  // namespace escale::sql
