// SPDX-License-Identifier: EUPL-1.2
#include "store/migrate_data.hpp"

#include <cmath>
#include <cstdlib>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <sodium.h>

#include "store/postgres/pg_store.hpp"

namespace escale {
namespace {

// How a column's value is written in the canonical form both sides are hashed in.
enum class Kind { integer, real, boolean, text };

struct Column {
    const char* name;
    Kind kind;
};

struct Table {
    const char* name;
    const char* key;  // ORDER BY
    std::vector<Column> columns;
    bool has_id_sequence = true;
};

// Every table, parents before children.
const std::vector<Table>& tables() {
    using K = Kind;
    static const std::vector<Table> all = {
        {"sites", "id", {{"id", K::integer}, {"name", K::text}, {"time_zone", K::text}, {"sub_m2", K::real},
                         {"opens_at", K::text}, {"noon_at", K::text}, {"closes_at", K::text},
                         {"booking_horizon_days", K::integer}, {"oidc_self_registration_service_id", K::integer},
                         {"retention_months", K::integer},
                         // check-in (issue 10, item 3)
                         {"check_in_enabled", K::boolean}, {"release_am_at", K::text}, {"release_pm_at", K::text},
                         // the State's indicators (issue 13)
                         {"baseline_sub_m2", K::real},
                         // fair-booking rules (issue 10, item 4)
                         {"weekly_half_day_quota", K::integer}, {"quartier_priority_hours", K::integer},
                         {"adapted_desks_reserved", K::boolean}}},
        {"floors", "id", {{"id", K::integer}, {"site_id", K::integer}, {"name", K::text}, {"level", K::integer},
                          {"plan_svg", K::text}}},
        {"services", "id", {{"id", K::integer}, {"site_id", K::integer}, {"code", K::text}, {"name", K::text}}},
        {"zones", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer},
                         {"service_id", K::integer}, {"name", K::text}, {"sub_m2", K::real}}},
        {"resident_categories", "id", {{"id", K::integer}, {"site_id", K::integer}, {"name", K::text},
                                       {"weight", K::real}}},
        {"residents", "id", {{"id", K::integer}, {"site_id", K::integer}, {"service_id", K::integer},
                             {"email", K::text}, {"display_name", K::text}, {"fte_percent", K::integer},
                             {"role", K::text}, {"active", K::boolean}, {"category_id", K::integer},
                             {"needs_adapted_desk", K::boolean}}},  // fair-booking rules (issue 10, item 4)
        {"desks", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer},
                         {"zone_id", K::integer}, {"label", K::text}, {"x", K::real}, {"y", K::real},
                         {"screens", K::integer}, {"dock", K::boolean}, {"standing", K::boolean},
                         {"adapted", K::boolean}, {"active", K::boolean}}},
        {"spaces", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer},
                          {"zone_id", K::integer}, {"name", K::text}, {"type", K::text}, {"capacity", K::integer},
                          {"x", K::real}, {"y", K::real}}},
        {"lockers", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer}, {"label", K::text},
                           {"zone_id", K::integer}, {"x", K::real}, {"y", K::real}}},
        {"closures", "id", {{"id", K::integer}, {"site_id", K::integer}, {"date", K::text}, {"reason", K::text}}},
        {"role_grants", "id", {{"id", K::integer}, {"site_id", K::integer}, {"resident_id", K::integer},
                               {"service_id", K::integer}, {"role", K::text}}},
        {"credentials", "resident_id", {{"resident_id", K::integer}, {"password_hash", K::text}}, false},
        {"sessions", "token_hash", {{"token_hash", K::text}, {"resident_id", K::integer}, {"created_at", K::integer},
                                    {"expires_at", K::integer}, {"last_seen_at", K::integer}}, false},
        {"oidc_sessions", "token_hash", {{"token_hash", K::text}, {"id_token", K::text}}, false},
        {"login_throttles", "key", {{"key", K::text}, {"failures", K::integer}, {"locked_until", K::integer},
                                    {"last_failure", K::integer}}, false},
        {"api_tokens", "id", {{"id", K::integer}, {"resident_id", K::integer}, {"name", K::text},
                              {"token_hash", K::text}, {"read_only", K::boolean}, {"created_at", K::integer},
                              {"expires_at", K::integer}}},
        // calendar feeds (issue 13, item 4)
        {"calendar_feeds", "resident_id", {{"resident_id", K::integer}, {"token", K::text}, {"created_at", K::integer}}, false},
        {"space_calendar_feeds", "space_id", {{"space_id", K::integer}, {"token", K::text}, {"created_at", K::integer}},
         false},
        {"audit_events", "id", {{"id", K::integer}, {"at", K::integer}, {"site_id", K::integer},
                                {"actor_id", K::integer}, {"on_behalf_of", K::integer}, {"action", K::text},
                                {"object", K::text}, {"object_id", K::integer}, {"details", K::text}}},
        {"desk_bookings", "id", {{"id", K::integer}, {"site_id", K::integer}, {"desk_id", K::integer},
                                 {"resident_id", K::integer}, {"date", K::text}, {"half", K::text},
                                 {"state", K::text}, {"created_at", K::integer}, {"created_by", K::integer},
                                 {"state_changed_at", K::integer}, {"service_id", K::integer}}},
        {"jobs", "name", {{"name", K::text}, {"next_run_at", K::integer}}, false},
        {"job_runs", "id", {{"id", K::integer}, {"name", K::text}, {"due_at", K::integer}, {"run_by", K::text},
                            {"claimed_at", K::integer}}},
        // lockers
        {"locker_assignments", "id", {{"id", K::integer}, {"site_id", K::integer}, {"locker_id", K::integer},
                                      {"resident_id", K::integer}, {"assigned_at", K::integer},
                                      {"assigned_by", K::integer}, {"released_at", K::integer},
                                      {"released_by", K::integer}}},
        // collective spaces
        {"space_bookings", "id", {{"id", K::integer}, {"site_id", K::integer}, {"space_id", K::integer},
                                  {"resident_id", K::integer}, {"start_at", K::integer}, {"end_at", K::integer},
                                  {"attendees", K::integer}, {"subject", K::text}, {"state", K::text},
                                  {"created_at", K::integer}, {"created_by", K::integer},
                                  {"state_changed_at", K::integer}, {"service_id", K::integer}}},
        // presence planning
        {"presence_declarations", "resident_id, date, half",
         {{"resident_id", K::integer}, {"site_id", K::integer}, {"date", K::text}, {"half", K::text},
          {"status", K::text}, {"declared_at", K::integer}, {"declared_by", K::integer}}, false},
        {"presence_patterns", "resident_id, weekday, half",
         {{"resident_id", K::integer}, {"weekday", K::integer}, {"half", K::text}, {"status", K::text}}, false},
        {"presence_settings", "resident_id", {{"resident_id", K::integer}, {"visible_to_colleagues", K::boolean}}, false},
        // waitlist (issue 10, item 5)
        {"waitlist_entries", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer},
                                    {"zone_id", K::integer}, {"resident_id", K::integer}, {"date", K::text},
                                    {"half", K::text}, {"state", K::text}, {"created_at", K::integer},
                                    {"state_changed_at", K::integer}, {"booking_id", K::integer}}},
        // notifications (issue 10, item 7)
        {"notifications", "id", {{"id", K::integer}, {"resident_id", K::integer}, {"site_id", K::integer},
                                 {"kind", K::text}, {"title", K::text}, {"body", K::text}, {"link", K::text},
                                 {"created_at", K::integer}, {"read_at", K::integer}}},
        {"mail_outbox", "id", {{"id", K::integer}, {"notification_id", K::integer}, {"site_id", K::integer},
                               {"recipient", K::text}, {"subject", K::text}, {"body", K::text},
                               {"created_at", K::integer}, {"next_attempt_at", K::integer},
                               {"attempts", K::integer}, {"claimed_by", K::text}, {"lease_until", K::integer},
                               {"sent_at", K::integer}, {"failed_at", K::integer}, {"last_error", K::text}}},
        // planning engine (issue 12): saved scenarios
        {"planning_scenarios", "id", {{"id", K::integer}, {"site_id", K::integer}, {"name", K::text},
                                      {"input", K::text}, {"result", K::text}, {"author_id", K::integer},
                                      {"created_at", K::integer}}},
        // occupancy analytics (issue 13, item 1)
        {"desk_demand_days", "site_id, date, half",
         {{"site_id", K::integer}, {"date", K::text}, {"half", K::text}, {"waitlist_unserved", K::integer},
          {"refused", K::integer}}, false},
        {"flash_counts", "id", {{"id", K::integer}, {"site_id", K::integer}, {"floor_id", K::integer},
                                {"counted_at", K::integer}, {"date", K::text}, {"half", K::text},
                                {"people", K::integer}}},
        // surveys and remontées (issue 13, items 5 and 6); answers and the ballot box keep
        // their random keys (ordered by them, as they are stored)
        {"surveys", "id", {{"id", K::integer}, {"site_id", K::integer}, {"title", K::text}, {"description", K::text},
                           {"opens_on", K::text}, {"closes_on", K::text}, {"created_by", K::integer},
                           {"created_at", K::integer}, {"template_key", K::text}}},
        {"survey_services", "survey_id, service_id", {{"survey_id", K::integer}, {"service_id", K::integer},
                                                      {"position", K::integer}}, false},
        {"survey_questions", "id", {{"id", K::integer}, {"survey_id", K::integer}, {"position", K::integer},
                                    {"kind", K::text}, {"prompt", K::text}, {"choices", K::text},
                                    {"scale_min", K::integer}, {"scale_max", K::integer}, {"min_label", K::text},
                                    {"max_label", K::text}, {"required", K::boolean}}},
        {"survey_participations", "survey_id, resident_id", {{"survey_id", K::integer}, {"resident_id", K::integer}},
         false},
        {"survey_ballot_box", "ballot, question_id", {{"ballot", K::integer}, {"question_id", K::integer},
                                                      {"survey_id", K::integer}, {"service_id", K::integer},
                                                      {"value", K::text}}, false},
        {"survey_answers", "id", {{"id", K::integer}, {"survey_id", K::integer}, {"question_id", K::integer},
                                  {"service_id", K::integer}, {"value", K::text}}, false},
        {"remontees", "id", {{"id", K::integer}, {"site_id", K::integer}, {"kind", K::text}, {"theme", K::text},
                             {"title", K::text}, {"body", K::text}, {"author_id", K::integer},
                             {"service_id", K::integer}, {"status", K::text}, {"answer", K::text},
                             {"answered_by", K::integer}, {"answered_at", K::integer}, {"created_at", K::integer},
                             {"forgotten_supports", K::integer}}},  // retention (issue 13)
        {"remontee_supports", "remontee_id, resident_id", {{"remontee_id", K::integer}, {"resident_id", K::integer}},
         false},
    };
    return all;
}

// One value in canonical form; nullopt is NULL.
std::string canonical(Kind kind, const char* text) {
    switch (kind) {
        case Kind::boolean: return (text[0] == 't' || text[0] == '1') ? "1" : "0";
        case Kind::real: return fmt::format("{}", std::strtod(text, nullptr));
        default: return text;
    }
}

// Incremental SHA-256 over the canonical rows.
class Digest {
public:
    Digest() { crypto_hash_sha256_init(&state_); }
    void add(std::string_view s) {
        crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    }
    std::string hex() {
        unsigned char out[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&state_, out);
        char hex[2 * sizeof out + 1];
        sodium_bin2hex(hex, sizeof hex, out, sizeof out);
        return hex;
    }

private:
    crypto_hash_sha256_state state_;
};

// A row's fields, length-prefixed so that no two different rows hash alike.
void add_field(Digest& d, const std::optional<std::string>& v) {
    if (!v) return d.add("N;");
    d.add(fmt::format("{}:", v->size()));
    d.add(*v);
}

std::string select_sql(const Table& t) {
    std::string cols;
    for (auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + std::string(c.name);
    return fmt::format("SELECT {} FROM {} ORDER BY {}", cols, t.name, t.key);
}

// COPY text format: backslash escapes for the characters that delimit it.
void append_copy_field(std::string& line, const std::optional<std::string>& v) {
    if (!v) {
        line += "\\N";
        return;
    }
    for (char c : *v) {
        switch (c) {
            case '\\': line += "\\\\"; break;
            case '\t': line += "\\t"; break;
            case '\n': line += "\\n"; break;
            case '\r': line += "\\r"; break;
            default: line += c;
        }
    }
}

struct PgConn {
    PGconn* c;
    explicit PgConn(const std::string& url) : c(PQconnectdb(url.c_str())) {}
    ~PgConn() { PQfinish(c); }
    bool exec(const std::string& sql, std::string* error = nullptr) {
        PGresult* r = PQexec(c, sql.c_str());
        auto s = PQresultStatus(r);
        bool ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
        if (!ok && error) *error = PQresultErrorMessage(r);
        PQclear(r);
        return ok;
    }
};

Error unavailable(const std::string& what) {
    return Error{ErrorKind::unavailable, "migration_failed", fmt::format("Migration impossible : {}", what), {}};
}

}  // namespace

Result<std::vector<TableCopy>> migrate_sqlite_to_postgres(const std::string& sqlite_path, const std::string& to_url) {
    if (sodium_init() < 0) return fail(unavailable("libsodium"));
    // The target gets the current schema first.
    postgres::Options po;
    po.url = to_url;
    po.pool_size = 1;
    auto schema = postgres::open_store(po);
    if (!schema) return fail(schema.error());
    schema->reset();

    std::vector<TableCopy> report;
    try {
        SQLite::Database src(sqlite_path, SQLite::OPEN_READONLY, 5000);
        SQLite::Transaction snapshot(src);  // one consistent read of every table
        PgConn pg(to_url);
        if (PQstatus(pg.c) != CONNECTION_OK) return fail(unavailable(PQerrorMessage(pg.c)));
        std::string error;
        // Sites are copied before services but may name one (OpenID Connect self-registration).
        // The analytics' counters are not copied but recounted once at the end: counted by their
        // triggers booking by booking, they would keep every intermediate version (see v24).
        if (!pg.exec("BEGIN; SET CONSTRAINTS ALL DEFERRED; "
                     "ALTER TABLE desk_bookings DISABLE TRIGGER desk_usage_days_note; "
                     "ALTER TABLE space_bookings DISABLE TRIGGER space_usage_days_note",
                     &error))
            return fail(unavailable(error));
        for (auto& t : tables()) {
            PGresult* count = PQexec(pg.c, fmt::format("SELECT count(*) FROM {}", t.name).c_str());
            bool empty = PQresultStatus(count) == PGRES_TUPLES_OK && std::string(PQgetvalue(count, 0, 0)) == "0";
            PQclear(count);
            if (!empty)
                return fail(ErrorKind::rule_violation, "target_not_empty",
                            fmt::format("La base PostgreSQL contient déjà des données (table {}).", t.name));
        }
        for (auto& t : tables()) {
            TableCopy copy{t.name, 0, ""};
            Digest digest;
            std::string cols;
            for (auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + std::string(c.name);
            PGresult* start = PQexec(pg.c, fmt::format("COPY {} ({}) FROM STDIN", t.name, cols).c_str());
            bool copying = PQresultStatus(start) == PGRES_COPY_IN;
            PQclear(start);
            if (!copying) return fail(unavailable(PQerrorMessage(pg.c)));
            SQLite::Statement rows(src, select_sql(t));
            std::string line;
            while (rows.executeStep()) {
                line.clear();
                for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) {
                    auto col = rows.getColumn(i);
                    std::optional<std::string> v;
                    if (!col.isNull()) v = canonical(t.columns[i].kind, col.getText());
                    if (i) line += '\t';
                    append_copy_field(line, v);
                    add_field(digest, v);
                }
                line += '\n';
                if (PQputCopyData(pg.c, line.data(), static_cast<int>(line.size())) != 1)
                    return fail(unavailable(PQerrorMessage(pg.c)));
                ++copy.rows;
            }
            if (PQputCopyEnd(pg.c, nullptr) != 1) return fail(unavailable(PQerrorMessage(pg.c)));
            PGresult* end = PQgetResult(pg.c);
            bool copied = PQresultStatus(end) == PGRES_COMMAND_OK;
            std::string copy_error = PQresultErrorMessage(end);
            PQclear(end);
            while (PGresult* more = PQgetResult(pg.c)) PQclear(more);
            if (!copied) return fail(unavailable(fmt::format("table {} : {}", t.name, copy_error)));
            copy.checksum = digest.hex();
            report.push_back(std::move(copy));
        }
        // The referential version carries over; id sequences continue after the copied ids.
        auto version = src.execAndGet("SELECT version FROM referential_version WHERE id = 1").getInt64();
        if (!pg.exec(fmt::format("UPDATE referential_version SET version = {} WHERE id = 1", version), &error))
            return fail(unavailable(error));
        for (auto& t : tables())
            if (t.has_id_sequence &&
                !pg.exec(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 1), "
                                     "max(id) IS NOT NULL) FROM {0}",
                                     t.name),
                         &error))
                return fail(unavailable(error));

        if (!pg.exec("SELECT desk_usage_days_rebuild(id), space_usage_days_rebuild(id) FROM sites; "
                     "ALTER TABLE desk_bookings ENABLE TRIGGER desk_usage_days_note; "
                     "ALTER TABLE space_bookings ENABLE TRIGGER space_usage_days_note",
                     &error))
            return fail(unavailable(error));

        // Verification: read everything back from PostgreSQL inside the same transaction.
        for (auto& copy : report) {
            const Table& t = *std::find_if(tables().begin(), tables().end(),
                                           [&](const Table& x) { return copy.table == x.name; });
            PGresult* r = PQexec(pg.c, select_sql(t).c_str());
            if (PQresultStatus(r) != PGRES_TUPLES_OK) {
                PQclear(r);
                return fail(unavailable(PQerrorMessage(pg.c)));
            }
            Digest digest;
            int n = PQntuples(r);
            for (int row = 0; row < n; ++row)
                for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) {
                    std::optional<std::string> v;
                    if (!PQgetisnull(r, row, i)) v = canonical(t.columns[i].kind, PQgetvalue(r, row, i));
                    add_field(digest, v);
                }
            PQclear(r);
            auto sum = digest.hex();
            if (n != copy.rows || sum != copy.checksum)
                return fail(ErrorKind::rule_violation, "verification_failed",
                            fmt::format("Vérification en échec pour la table {} : {} lignes lues pour {} copiées.",
                                        copy.table, n, copy.rows));
        }
        if (!pg.exec("COMMIT", &error)) return fail(unavailable(error));
        // The planner's statistics and the visibility map, as after any bulk load (autovacuum would
        // get there later, and the first dashboards would pay for it). The copy is committed and
        // verified by now: should this fail, autovacuum is left to do it.
        pg.exec("VACUUM (ANALYZE)");
    } catch (const SQLite::Exception& e) {
        return fail(unavailable(e.what()));
    }
    return report;
}

}  // namespace escale
