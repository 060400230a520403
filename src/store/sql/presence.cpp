// SPDX-License-Identifier: EUPL-1.2
// The presence plan's SQL (issue 10, item 6): presence_declarations (one row per declared
// half-day, keyed by resident, date and half), presence_patterns (one row per weekday and
// half of a resident's weekly pattern) and presence_settings (whether colleagues may find
// the resident). Dates are 'YYYY-MM-DD' text, so they compare in date order.
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* declaration_columns = "resident_id, site_id, date, half, status, declared_at, declared_by";

PresenceDeclaration read_declaration(const Row& r) {
    PresenceDeclaration d;
    read_columns(r, 0, d.resident_id, d.site_id, d.date, d.half, d.status, d.declared_at, d.declared_by);
    return d;
}

PatternCell read_cell(const Row& r, int first) {
    PatternCell c;
    read_columns(r, first, c.weekday, c.half, c.status);
    return c;
}

const Meaning declaration_meaning{.label = feminine("déclaration de présence")};

class SqlPresence final : public PresenceStore {
public:
    explicit SqlPresence(Connection& c) : c_(c) {}

    Result<std::vector<PresenceDeclaration>> declarations_of(ResidentId r, Date from, Date to) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM presence_declarations WHERE resident_id = $1 AND date >= $2 AND date <= $3 "
            "ORDER BY date, half",
            declaration_columns);
        return rows(c_, sql, params(r, from, to), read_declaration);
    }

    Result<std::vector<PresenceDeclaration>> declarations_of_service(ServiceId service, Date from, Date to) override {
        static const std::string sql =
            "SELECT d.resident_id, d.site_id, d.date, d.half, d.status, d.declared_at, d.declared_by "
            "FROM presence_declarations d JOIN residents r ON r.id = d.resident_id "
            "WHERE r.service_id = $1 AND d.date >= $2 AND d.date <= $3 ORDER BY d.resident_id, d.date, d.half";
        return rows(c_, sql, params(service, from, to), read_declaration);
    }

    Result<void> put_declaration(const PresenceDeclaration& d) override {
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO presence_declarations (resident_id, site_id, date, half, status, "
                                "declared_at, declared_by) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                                "ON CONFLICT (resident_id, date, half) DO UPDATE SET status = excluded.status, "
                                "site_id = excluded.site_id, declared_at = excluded.declared_at, "
                                "declared_by = excluded.declared_by",
                                params(d.resident_id, d.site_id, d.date, d.half, d.status, d.declared_at,
                                       d.declared_by),
                                declaration_meaning));
        return {};
    }

    Result<bool> delete_declaration(ResidentId r, Date date, Half half) override {
        ESCALE_TRY(int n, execute(c_, "DELETE FROM presence_declarations WHERE resident_id = $1 AND date = $2 AND half = $3",
                                  params(r, date, half)));
        return n > 0;
    }

    Result<std::vector<PresenceDeclaration>> all_declarations_of(ResidentId r) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM presence_declarations WHERE resident_id = $1 ORDER BY date, half", declaration_columns);
        return rows(c_, sql, params(r), read_declaration);
    }

    Result<std::vector<PatternCell>> pattern_of(ResidentId r) override {
        return rows(c_, "SELECT weekday, half, status FROM presence_patterns WHERE resident_id = $1 ORDER BY weekday, half",
                    params(r), [](const Row& row) { return read_cell(row, 0); });
    }

    Result<std::vector<std::pair<ResidentId, PatternCell>>> patterns_of_service(ServiceId service) override {
        return rows(c_,
                    "SELECT p.resident_id, p.weekday, p.half, p.status FROM presence_patterns p "
                    "JOIN residents r ON r.id = p.resident_id WHERE r.service_id = $1 "
                    "ORDER BY p.resident_id, p.weekday, p.half",
                    params(service), [](const Row& row) {
                        ResidentId who = 0;
                        read_columns(row, 0, who);
                        return std::pair{who, read_cell(row, 1)};
                    });
    }

    Result<void> replace_pattern(ResidentId r, std::span<const PatternCell> cells) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM presence_patterns WHERE resident_id = $1", params(r)));
        if (cells.empty()) return {};
        // One statement for the whole week (at most 14 rows).
        std::string sql = "INSERT INTO presence_patterns (resident_id, weekday, half, status) VALUES ";
        Params p;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            int n = static_cast<int>(p.size());
            sql += fmt::format("{}(${}, ${}, ${}, ${})", i ? ", " : "", n + 1, n + 2, n + 3, n + 4);
            for (auto& v : params(r, cells[i].weekday, cells[i].half, cells[i].status)) p.push_back(std::move(v));
        }
        ESCALE_TRY_VOID(execute(c_, sql, p, declaration_meaning));
        return {};
    }

    Result<bool> visible_to_colleagues(ResidentId r) override {
        ESCALE_TRY(auto v, first_row(c_, "SELECT visible_to_colleagues FROM presence_settings WHERE resident_id = $1",
                                     params(r), [](const Row& row) { return row.boolean(0); }));
        return v.value_or(false);
    }

    Result<void> set_visible_to_colleagues(ResidentId r, bool visible) override {
        ESCALE_TRY_VOID(execute(c_,
                                "INSERT INTO presence_settings (resident_id, visible_to_colleagues) VALUES ($1, $2) "
                                "ON CONFLICT (resident_id) DO UPDATE SET visible_to_colleagues = excluded.visible_to_colleagues",
                                params(r, visible), declaration_meaning));
        return {};
    }

    Result<std::vector<ResidentId>> visible_on_site(SiteId site) override {
        return rows(c_,
                    "SELECT s.resident_id FROM presence_settings s JOIN residents r ON r.id = s.resident_id "
                    "WHERE r.site_id = $1 AND s.visible_to_colleagues ORDER BY s.resident_id",
                    params(site), [](const Row& row) { return ResidentId{row.integer(0)}; });
    }

    Result<int> delete_declarations_before(SiteId site, Date before) override {
        return execute(c_, "DELETE FROM presence_declarations WHERE site_id = $1 AND date < $2", params(site, before));
    }

    Result<void> forget(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM presence_declarations WHERE resident_id = $1", params(r)));
        ESCALE_TRY_VOID(execute(c_, "UPDATE presence_declarations SET declared_by = NULL WHERE declared_by = $1", params(r)));
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM presence_patterns WHERE resident_id = $1", params(r)));
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM presence_settings WHERE resident_id = $1", params(r)));
        return {};
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<PresenceStore> presence_room(Connection& c) { return std::make_unique<SqlPresence>(c); }

}  // namespace escale::sql
