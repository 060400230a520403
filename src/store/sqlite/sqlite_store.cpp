// SQLite Store: connection pool, transactions, and the SQL of every Store call. The
// referential tables are mapped generically from the Boost.Describe lists of the core
// structs: column names are member names, in member order.
#include "store/sqlite/sqlite_store.hpp"

#include <condition_variable>
#include <mutex>
#include <type_traits>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "store/entity_tables.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/wal_sync.hpp"

namespace escale::sqlite {
namespace {

namespace bd = boost::describe;

using store_detail::is_optional;
using store_detail::Members;
using store_detail::prefixed_columns;

// ---- binding and reading described members -----------------------------------------

template <class V>
void bind_value(SQLite::Statement& st, int i, const V& v) {
    if constexpr (std::is_same_v<V, bool>) st.bind(i, v ? 1 : 0);
    else if constexpr (std::is_enum_v<V>) st.bind(i, bd::enum_to_string(v, ""));
    else if constexpr (std::is_integral_v<V>) st.bind(i, static_cast<int64_t>(v));
    else if constexpr (std::is_floating_point_v<V>) st.bind(i, static_cast<double>(v));
    else if constexpr (std::is_same_v<V, std::string>) st.bind(i, v);
    else if constexpr (is_optional<V>::value) {
        if (v) bind_value(st, i, *v);
        else st.bind(i);
    } else static_assert(!sizeof(V), "unsupported column type");
}

template <class... V>
void bind_all(SQLite::Statement& st, const V&... v) {
    int i = 1;
    (bind_value(st, i++, v), ...);
}

template <class V>
void read_value(const SQLite::Column& c, V& out) {
    if constexpr (std::is_same_v<V, bool>) out = c.getInt() != 0;
    else if constexpr (std::is_enum_v<V>) bd::enum_from_string(c.getString().c_str(), out);
    else if constexpr (std::is_integral_v<V>) out = static_cast<V>(c.getInt64());
    else if constexpr (std::is_floating_point_v<V>) out = c.getDouble();
    else if constexpr (std::is_same_v<V, std::string>) out = c.getString();
    else if constexpr (is_optional<V>::value) {
        if (c.isNull()) out.reset();
        else {
            typename V::value_type inner{};
            read_value(c, inner);
            out = std::move(inner);
        }
    } else static_assert(!sizeof(V), "unsupported column type");
}

// Binds every member but id, starting at parameter 1; returns the next parameter index.
template <class T>
int bind_columns(SQLite::Statement& st, const T& value) {
    int i = 1;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) {
        if (std::string_view(m.name) != "id") bind_value(st, i++, value.*m.pointer);
    });
    return i;
}

template <class T>
T read_row(SQLite::Statement& st) {
    T value{};
    int i = 0;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { read_value(st.getColumn(i++), value.*m.pointer); });
    return value;
}

// The SQL of the generic calls, built once per entity type.
template <class T>
const store_detail::CrudSql& crud_sql() {
    static const auto sql = store_detail::make_crud_sql<T>([](int) { return std::string("?"); }, "");
    return sql;
}

// ---- connections ---------------------------------------------------------------------

// One SQLite connection with its cache of prepared statements. Used by one thread at a time.
class Connection {
public:
    Connection(const Options& o)
        : db_(o.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
              o.busy_timeout_ms) {
        db_.exec("PRAGMA journal_mode = WAL");
        // Durability at commit comes from WalSync (group commit) when synchronous_full is set.
        db_.exec("PRAGMA synchronous = NORMAL");
        db_.exec("PRAGMA foreign_keys = ON");
    }

    // A prepared statement for sql, reset and ready to bind.
    SQLite::Statement& prepare(const std::string& sql) {
        auto it = cache_.find(sql);
        if (it == cache_.end())
            it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        // tryReset: reset() would rethrow the error of the statement's last failed step.
        it->second->tryReset();
        it->second->clearBindings();
        used_.push_back(it->second.get());
        return *it->second;
    }
    // Resets the statements used since the last call. A statement left mid-result would
    // keep its read snapshot open past COMMIT, and the next write transaction on this
    // connection would fail with SQLITE_BUSY_SNAPSHOT.
    void reset_used() {
        for (auto* st : used_) st->tryReset();
        used_.clear();
    }
    SQLite::Database& db() { return db_; }

private:
    SQLite::Database db_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
    std::vector<SQLite::Statement*> used_;
};

class SqliteStore;

Error map_exception(const SQLite::Exception& e, const char* label) {
    if (e.getErrorCode() != SQLITE_CONSTRAINT)
        spdlog::warn("sqlite: {} (code {})", e.what(), e.getExtendedErrorCode());
    switch (e.getExtendedErrorCode()) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY: return errors::already_exists(label);
        case SQLITE_CONSTRAINT_FOREIGNKEY: return errors::unknown_reference("un élément lié");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN: return errors::database_unavailable();
        default:
            if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_IOERR)
                return errors::database_unavailable();
            return errors::internal(e.what());
    }
}

// Runs f, turning any exception into an Error so none leaves the store.
template <class F>
auto guarded(const char* label, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        return tl::unexpected(map_exception(e, label));
    } catch (const std::exception& e) {
        return tl::unexpected(errors::internal(e.what()));
    }
}

std::int64_t epoch(Instant t) { return t.time_since_epoch().count(); }
Instant instant(const SQLite::Column& c) { return Instant{std::chrono::seconds{c.getInt64()}}; }

// id, name, read_only, created_at, expires_at from column `first` on.
ApiToken read_api_token(SQLite::Statement& st, int first) {
    ApiToken t;
    t.id = st.getColumn(first).getInt64();
    t.name = st.getColumn(first + 1).getString();
    t.read_only = st.getColumn(first + 2).getInt() != 0;
    t.created_at = instant(st.getColumn(first + 3));
    if (!st.getColumn(first + 4).isNull()) t.expires_at = instant(st.getColumn(first + 4));
    return t;
}

Date parse_stored_date(const std::string& s) { return parse_date(s).value_or(Date{}); }

DeskBooking read_booking(SQLite::Statement& st) {
    DeskBooking b;
    b.id = st.getColumn(0).getInt64();
    b.site_id = st.getColumn(1).getInt64();
    b.desk_id = st.getColumn(2).getInt64();
    b.resident_id = st.getColumn(3).getInt64();
    b.date = parse_stored_date(st.getColumn(4).getString());
    b.half = parse_half(st.getColumn(5).getString()).value_or(Half::am);
    b.state = parse_booking_state(st.getColumn(6).getString()).value_or(BookingState::reserved);
    b.created_at = Instant{std::chrono::seconds{st.getColumn(7).getInt64()}};
    b.created_by = st.getColumn(8).getInt64();
    if (!st.getColumn(9).isNull()) b.service_id = st.getColumn(9).getInt64();
    return b;
}

constexpr const char* booking_columns =
    "b.id, b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at, b.created_by, b.service_id";

class SqliteTransaction final : public Transaction {
public:
    SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> conn, TxMode mode,
                      std::unique_lock<std::mutex> writer)
        : store_(store), conn_(std::move(conn)), writer_(std::move(writer)) {
        conn_->prepare(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN").exec();
    }
    ~SqliteTransaction() override;

    Result<void> commit() override;

    ESCALE_FORWARD_CRUD

    Result<std::int64_t> referential_version() override {
        return guarded("", [&]() -> Result<std::int64_t> {
            auto& st = conn_->prepare("SELECT version FROM referential_version WHERE id = 1");
            if (!st.executeStep()) return fail(errors::internal("referential_version row missing"));
            return st.getColumn(0).getInt64();
        });
    }

    Result<std::vector<Desk>> desks_on_floor(FloorId floor) override {
        return guarded("", [&]() -> Result<std::vector<Desk>> {
            static const std::string sql = crud_sql<Desk>().select_where("floor_id");
            auto& st = conn_->prepare(sql);
            st.bind(1, static_cast<int64_t>(floor));
            std::vector<Desk> out;
            while (st.executeStep()) out.push_back(read_row<Desk>(st));
            return out;
        });
    }

    Result<std::optional<Resident>> find_resident_by_email(const std::string& email) override {
        return guarded("", [&]() -> Result<std::optional<Resident>> {
            static const std::string sql = crud_sql<Resident>().select_where("email");
            auto& st = conn_->prepare(sql);
            st.bind(1, email);
            if (!st.executeStep()) return std::optional<Resident>{};
            return std::optional<Resident>{read_row<Resident>(st)};
        });
    }

    Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) override {
        return guarded("", [&]() -> Result<std::vector<RoleGrant>> {
            static const std::string sql = crud_sql<RoleGrant>().select_where("resident_id");
            auto& st = conn_->prepare(sql);
            st.bind(1, r);
            std::vector<RoleGrant> out;
            while (st.executeStep()) out.push_back(read_row<RoleGrant>(st));
            return out;
        });
    }

    Result<std::optional<std::string>> password_hash(ResidentId r) override {
        return guarded("", [&]() -> Result<std::optional<std::string>> {
            auto& st = conn_->prepare("SELECT password_hash FROM credentials WHERE resident_id = ?");
            st.bind(1, static_cast<int64_t>(r));
            if (!st.executeStep()) return std::optional<std::string>{};
            return std::optional<std::string>{st.getColumn(0).getString()};
        });
    }

    Result<void> set_password_hash(ResidentId r, const std::string& hash) override {
        return guarded("Le compte", [&]() -> Result<void> {
            auto& st = conn_->prepare(
                "INSERT INTO credentials (resident_id, password_hash) VALUES (?, ?) "
                "ON CONFLICT (resident_id) DO UPDATE SET password_hash = excluded.password_hash");
            st.bind(1, static_cast<int64_t>(r));
            st.bind(2, hash);
            st.exec();
            return {};
        });
    }

    Result<void> insert_session(const Session& s) override {
        return guarded("La session", [&]() -> Result<void> {
            auto& st = conn_->prepare(
                "INSERT INTO sessions (token_hash, resident_id, created_at, expires_at, last_seen_at) "
                "VALUES (?, ?, ?, ?, ?)");
            st.bind(1, s.token_hash);
            st.bind(2, static_cast<int64_t>(s.resident_id));
            st.bind(3, epoch(s.created_at));
            st.bind(4, epoch(s.expires_at));
            st.bind(5, epoch(s.last_seen_at));
            st.exec();
            return {};
        });
    }

    Result<std::optional<HeldBy<Session>>> find_session(const std::string& token_hash) override {
        return guarded("", [&]() -> Result<std::optional<HeldBy<Session>>> {
            static const std::string sql = fmt::format(
                "SELECT {}, s.created_at, s.expires_at, s.last_seen_at FROM sessions s "
                "JOIN residents r ON r.id = s.resident_id WHERE s.token_hash = ?",
                prefixed_columns<Resident>("r."));
            static const int n = static_cast<int>(boost::mp11::mp_size<Members<Resident>>::value);
            auto& st = conn_->prepare(sql);
            st.bind(1, token_hash);
            if (!st.executeStep()) return std::optional<HeldBy<Session>>{};
            HeldBy<Session> out{{token_hash, 0, instant(st.getColumn(n)), instant(st.getColumn(n + 1)),
                                 instant(st.getColumn(n + 2))},
                                read_row<Resident>(st)};
            out.credential.resident_id = out.resident.id;
            return std::optional{std::move(out)};
        });
    }

    Result<void> touch_session(const std::string& token_hash, Instant at) override {
        return run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", epoch(at), token_hash).map([](int) {});
    }

    Result<void> delete_session(const std::string& token_hash) override {
        return run("DELETE FROM sessions WHERE token_hash = ?", token_hash).map([](int) {});
    }

    Result<int> delete_expired_sessions(Instant now, Instant idle_since) override {
        return run("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", epoch(now), epoch(idle_since));
    }

    Result<void> delete_sessions_of(ResidentId r) override {
        return run("DELETE FROM sessions WHERE resident_id = ?", r).map([](int) {});
    }

    Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) override {
        return guarded("", [&]() -> Result<std::optional<LoginThrottle>> {
            auto& st = conn_->prepare("SELECT failures, locked_until, last_failure FROM login_throttles WHERE key = ?");
            st.bind(1, key);
            if (!st.executeStep()) return std::optional<LoginThrottle>{};
            return std::optional{LoginThrottle{key, st.getColumn(0).getInt(), instant(st.getColumn(1)),
                                               instant(st.getColumn(2))}};
        });
    }

    Result<void> save_login_throttle(const LoginThrottle& t) override {
        return run("INSERT INTO login_throttles (key, failures, locked_until, last_failure) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
                   "locked_until = excluded.locked_until, last_failure = excluded.last_failure",
                   t.key, t.failures, epoch(t.locked_until), epoch(t.last_failure))
            .map([](int) {});
    }

    Result<void> delete_login_throttle(const std::string& key) override {
        return run("DELETE FROM login_throttles WHERE key = ?", key).map([](int) {});
    }

    Result<int> delete_stale_login_throttles(Instant before) override {
        return run("DELETE FROM login_throttles WHERE locked_until <= ? AND last_failure <= ?", epoch(before),
                   epoch(before));
    }

    Result<void> insert_audit_event(const AuditEvent& e) override {
        return run("INSERT INTO audit_events (at, site_id, actor_id, on_behalf_of, action, object, object_id, details) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   epoch(e.at), e.site_id, e.actor_id, e.on_behalf_of, e.action, e.object, e.object_id, e.details)
            .map([](int) {});
    }

    Result<int> delete_audit_events_before(std::optional<SiteId> site, Instant before) override {
        return site ? run("DELETE FROM audit_events WHERE site_id = ? AND at < ?", *site, epoch(before))
                    : run("DELETE FROM audit_events WHERE site_id IS NULL AND at < ?", epoch(before));
    }

    Result<std::vector<AuditEvent>> audit_events(const AuditQuery& q) override {
        return guarded("", [&]() -> Result<std::vector<AuditEvent>> {
            auto& st = conn_->prepare(
                "SELECT id, at, site_id, actor_id, on_behalf_of, action, object, object_id, details FROM audit_events "
                "WHERE (?1 IS NULL OR site_id = ?1) AND (?2 IS NULL OR actor_id = ?2 OR on_behalf_of = ?2) "
                "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) AND (?5 IS NULL OR id < ?5) "
                "ORDER BY id DESC LIMIT ?6");
            auto secs = [](const std::optional<Instant>& t) { return t ? std::optional<int64_t>(epoch(*t)) : std::nullopt; };
            bind_all(st, q.site_id, q.person, secs(q.from), secs(q.until), q.before_id, q.limit);
            std::vector<AuditEvent> out;
            while (st.executeStep()) {
                AuditEvent e;
                e.id = st.getColumn(0).getInt64();
                e.at = instant(st.getColumn(1));
                read_value(st.getColumn(2), e.site_id);
                read_value(st.getColumn(3), e.actor_id);
                read_value(st.getColumn(4), e.on_behalf_of);
                e.action = st.getColumn(5).getString();
                e.object = st.getColumn(6).getString();
                read_value(st.getColumn(7), e.object_id);
                e.details = st.getColumn(8).getString();
                out.push_back(std::move(e));
            }
            return out;
        });
    }

    Result<ApiTokenId> insert_api_token(const ApiToken& t) override {
        return guarded("Le jeton", [&]() -> Result<ApiTokenId> {
            auto& st = conn_->prepare(
                "INSERT INTO api_tokens (resident_id, name, token_hash, read_only, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)");
            bind_all(st, t.resident_id, t.name, t.token_hash, t.read_only, epoch(t.created_at),
                     t.expires_at ? std::optional<int64_t>(epoch(*t.expires_at)) : std::nullopt);
            st.exec();
            return static_cast<ApiTokenId>(conn_->db().getLastInsertRowid());
        });
    }

    Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string& token_hash) override {
        return guarded("", [&]() -> Result<std::optional<HeldBy<ApiToken>>> {
            static const std::string sql = fmt::format(
                "SELECT {}, t.id, t.name, t.read_only, t.created_at, t.expires_at FROM api_tokens t "
                "JOIN residents r ON r.id = t.resident_id WHERE t.token_hash = ?",
                prefixed_columns<Resident>("r."));
            static const int n = static_cast<int>(boost::mp11::mp_size<Members<Resident>>::value);
            auto& st = conn_->prepare(sql);
            st.bind(1, token_hash);
            if (!st.executeStep()) return std::optional<HeldBy<ApiToken>>{};
            HeldBy<ApiToken> out{read_api_token(st, n), read_row<Resident>(st)};
            out.credential.resident_id = out.resident.id;
            out.credential.token_hash = token_hash;
            return std::optional{std::move(out)};
        });
    }

    Result<std::vector<ApiToken>> api_tokens_of(ResidentId r) override {
        return guarded("", [&]() -> Result<std::vector<ApiToken>> {
            auto& st = conn_->prepare(
                "SELECT id, name, read_only, created_at, expires_at FROM api_tokens WHERE resident_id = ? ORDER BY id");
            st.bind(1, static_cast<int64_t>(r));
            std::vector<ApiToken> out;
            while (st.executeStep()) {
                out.push_back(read_api_token(st, 0));
                out.back().resident_id = r;
            }
            return out;
        });
    }

    Result<void> delete_api_token(ResidentId r, ApiTokenId id) override {
        return run("DELETE FROM api_tokens WHERE id = ? AND resident_id = ?", id, r).and_then([](int n) -> Result<void> {
            if (n == 0) return tl::unexpected(errors::not_found("Le jeton"));
            return {};
        });
    }

    Result<std::optional<Instant>> claim_job(const std::string& name, Instant now, std::chrono::seconds interval,
                                             const std::string& instance) override {
        return guarded("", [&]() -> Result<std::optional<Instant>> {
            auto t = static_cast<int64_t>(now.time_since_epoch().count());
            auto& ins = conn_->prepare("INSERT INTO jobs (name, next_run_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
            ins.bind(1, name);
            ins.bind(2, t);
            ins.exec();
            auto& sel = conn_->prepare("SELECT next_run_at FROM jobs WHERE name = ?");
            sel.bind(1, name);
            if (!sel.executeStep()) return std::optional<Instant>{};
            int64_t due = sel.getColumn(0).getInt64();
            if (due > t) return std::optional<Instant>{};
            int64_t step = std::max<int64_t>(1, interval.count());
            int64_t next = due + ((t - due) / step + 1) * step;
            auto& upd = conn_->prepare("UPDATE jobs SET next_run_at = ? WHERE name = ? AND next_run_at = ?");
            upd.bind(1, next);
            upd.bind(2, name);
            upd.bind(3, due);
            if (upd.exec() != 1) return std::optional<Instant>{};
            auto& run = conn_->prepare("INSERT INTO job_runs (name, due_at, run_by, claimed_at) VALUES (?, ?, ?, ?)");
            run.bind(1, name);
            run.bind(2, due);
            run.bind(3, instance);
            run.bind(4, t);
            run.exec();
            return std::optional<Instant>{Instant{std::chrono::seconds{due}}};
        });
    }

    Result<BookingId> insert_desk_booking(const DeskBooking& b) override {
        try {
            auto& st = conn_->prepare(
                "INSERT INTO desk_bookings (site_id, desk_id, resident_id, date, half, state, "
                "created_at, created_by, state_changed_at, service_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            auto at = static_cast<int64_t>(b.created_at.time_since_epoch().count());
            st.bind(1, static_cast<int64_t>(b.site_id));
            st.bind(2, static_cast<int64_t>(b.desk_id));
            st.bind(3, static_cast<int64_t>(b.resident_id));
            st.bind(4, format_date(b.date));
            st.bind(5, to_string(b.half));
            st.bind(6, to_string(b.state));
            st.bind(7, at);
            st.bind(8, static_cast<int64_t>(b.created_by));
            bind_value(st, 10, b.service_id);
            st.bind(9, at);
            st.exec();
            return conn_->db().getLastInsertRowid();
        } catch (const SQLite::Exception& e) {
            if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
                std::string_view what = e.what();
                // SQLite names the index ("index 'desk_bookings_live_resident'") or its columns.
                if (what.find("desk_bookings_live_resident") != std::string_view::npos ||
                    what.find("desk_bookings.resident_id") != std::string_view::npos)
                    return tl::unexpected(errors::already_booked_that_slot());
                return tl::unexpected(errors::slot_taken());
            }
            return tl::unexpected(map_exception(e, "La réservation"));
        }
    }

    Result<std::optional<DeskBooking>> find_desk_booking(BookingId id) override {
        return guarded("", [&]() -> Result<std::optional<DeskBooking>> {
            static const std::string sql =
                fmt::format("SELECT {} FROM desk_bookings b WHERE b.id = ?", booking_columns);
            auto& st = conn_->prepare(sql);
            st.bind(1, static_cast<int64_t>(id));
            if (!st.executeStep()) return std::optional<DeskBooking>{};
            return std::optional<DeskBooking>{read_booking(st)};
        });
    }

    Result<void> set_desk_booking_state(BookingId id, BookingState s, Instant at) override {
        return guarded("", [&]() -> Result<void> {
            auto& st = conn_->prepare(
                "UPDATE desk_bookings SET state = ?, state_changed_at = ? WHERE id = ?");
            st.bind(1, to_string(s));
            st.bind(2, static_cast<int64_t>(at.time_since_epoch().count()));
            st.bind(3, static_cast<int64_t>(id));
            if (st.exec() == 0) return tl::unexpected(errors::not_found("La réservation"));
            return {};
        });
    }

    Result<std::vector<DeskBooking>> desk_bookings_of(ResidentId r) override {
        return guarded("", [&]() -> Result<std::vector<DeskBooking>> {
            static const std::string sql =
                fmt::format("SELECT {} FROM desk_bookings b WHERE b.resident_id = ? ORDER BY b.date, b.half, b.id", booking_columns);
            auto& st = conn_->prepare(sql);
            st.bind(1, static_cast<int64_t>(r));
            std::vector<DeskBooking> out;
            while (st.executeStep()) out.push_back(read_booking(st));
            return out;
        });
    }

    Result<int> anonymize_desk_bookings_before(SiteId site, Date before) override {
        return run("UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, " ESCALE_ANONYMIZED_TIMES " "
                   "WHERE site_id = ? AND date < ? AND (resident_id IS NOT NULL OR created_by IS NOT NULL)",
                   site, format_date(before));
    }

    Result<int> anonymize_desk_bookings_of(ResidentId r) override {
        return run("UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, " ESCALE_ANONYMIZED_TIMES " WHERE resident_id = ?", r)
            .and_then([&](int held) {
                // Bookings made for others stay theirs: only the author is forgotten.
                return run("UPDATE desk_bookings SET created_by = NULL WHERE created_by = ?", r).map([held](int) {
                    return held;
                });
            });
    }

    Result<std::vector<HalfDayCount>> live_booking_counts(SiteId site, Date from, Date to) override {
        return guarded("", [&]() -> Result<std::vector<HalfDayCount>> {
            auto& st = conn_->prepare(
                "SELECT date, half, service_id, count(*) FROM desk_bookings "
                "WHERE site_id = ? AND date BETWEEN ? AND ? AND state IN ('reserved', 'checked_in') "
                "GROUP BY date, half, service_id ORDER BY date, half, service_id");
            bind_all(st, site, format_date(from), format_date(to));
            std::vector<HalfDayCount> out;
            while (st.executeStep()) {
                HalfDayCount c;
                c.date = parse_stored_date(st.getColumn(0).getString());
                c.half = parse_half(st.getColumn(1).getString()).value_or(Half::am);
                read_value(st.getColumn(2), c.service_id);
                c.count = st.getColumn(3).getInt();
                out.push_back(c);
            }
            return out;
        });
    }

    Result<std::vector<Session>> sessions_of(ResidentId r) override {
        return guarded("", [&]() -> Result<std::vector<Session>> {
            auto& st = conn_->prepare(
                "SELECT token_hash, created_at, expires_at, last_seen_at FROM sessions WHERE resident_id = ? ORDER BY created_at");
            st.bind(1, static_cast<int64_t>(r));
            std::vector<Session> out;
            while (st.executeStep())
                out.push_back(Session{st.getColumn(0).getString(), r, instant(st.getColumn(1)), instant(st.getColumn(2)),
                                      instant(st.getColumn(3))});
            return out;
        });
    }

    Result<void> delete_access_of(ResidentId r) override {
        for (const char* sql : {"DELETE FROM credentials WHERE resident_id = ?", "DELETE FROM sessions WHERE resident_id = ?",
                                "DELETE FROM api_tokens WHERE resident_id = ?", "DELETE FROM role_grants WHERE resident_id = ?"}) {
            auto done = run(sql, r);
            if (!done) return tl::unexpected(done.error());
        }
        return {};
    }

    Result<std::vector<DeskBooking>> live_desk_bookings_of(ResidentId r, Date from, Date to) override {
        return guarded("", [&]() -> Result<std::vector<DeskBooking>> {
            static const std::string sql = fmt::format(
                "SELECT {} FROM desk_bookings b WHERE b.resident_id = ? AND b.date BETWEEN ? AND ? "
                "AND b.state IN ('reserved', 'checked_in') ORDER BY b.date, b.half",
                booking_columns);
            auto& st = conn_->prepare(sql);
            st.bind(1, static_cast<int64_t>(r));
            st.bind(2, format_date(from));
            st.bind(3, format_date(to));
            std::vector<DeskBooking> out;
            while (st.executeStep()) out.push_back(read_booking(st));
            return out;
        });
    }

    Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first, DeskId last) override {
        return guarded("", [&]() -> Result<std::vector<SlotHolder>> {
            auto& st = conn_->prepare(
                "SELECT desk_id, half, resident_id FROM desk_bookings WHERE date = ? AND desk_id BETWEEN ? AND ? "
                "AND state IN ('reserved', 'checked_in') ORDER BY desk_id");
            st.bind(1, format_date(d));
            st.bind(2, static_cast<int64_t>(first));
            st.bind(3, static_cast<int64_t>(last));
            std::vector<SlotHolder> out;
            while (st.executeStep()) {
                const char* half = st.getColumn(1).getText();
                out.push_back({st.getColumn(0).getInt64(), half[0] == 'p' ? Half::pm : Half::am,
                               st.getColumn(2).getInt64()});
            }
            return out;
        });
    }

    // ---- OpenID Connect login ----
    Result<void> insert_oidc_pending_login(const OidcPendingLogin& p) override {
        return guarded("La connexion en cours", [&]() -> Result<void> {
            auto& st = conn_->prepare(
                "INSERT INTO oidc_pending_logins (state_hash, nonce, code_verifier, return_to, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)");
            st.bind(1, p.state_hash);
            st.bind(2, p.nonce);
            st.bind(3, p.code_verifier);
            st.bind(4, p.return_to);
            st.bind(5, static_cast<int64_t>(p.created_at.time_since_epoch().count()));
            st.bind(6, static_cast<int64_t>(p.expires_at.time_since_epoch().count()));
            st.exec();
            return {};
        });
    }

    Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string& state_hash, Instant now) override {
        return guarded("", [&]() -> Result<std::optional<OidcPendingLogin>> {
            // Write transactions are serialised: the row read here is ours to delete.
            auto& st = conn_->prepare(
                "DELETE FROM oidc_pending_logins WHERE state_hash = ? "
                "RETURNING state_hash, nonce, code_verifier, return_to, created_at, expires_at");
            st.bind(1, state_hash);
            if (!st.executeStep()) return std::optional<OidcPendingLogin>{};
            OidcPendingLogin p;
            p.state_hash = st.getColumn(0).getString();
            p.nonce = st.getColumn(1).getString();
            p.code_verifier = st.getColumn(2).getString();
            p.return_to = st.getColumn(3).getString();
            p.created_at = Instant{std::chrono::seconds{st.getColumn(4).getInt64()}};
            p.expires_at = Instant{std::chrono::seconds{st.getColumn(5).getInt64()}};
            while (st.executeStep()) {}  // finish the statement so the delete completes
            if (p.expires_at <= now) return std::optional<OidcPendingLogin>{};
            return std::optional<OidcPendingLogin>{std::move(p)};
        });
    }

    Result<int> delete_expired_oidc_pending_logins(Instant now) override {
        return guarded("", [&]() -> Result<int> {
            auto& st = conn_->prepare("DELETE FROM oidc_pending_logins WHERE expires_at <= ?");
            st.bind(1, static_cast<int64_t>(now.time_since_epoch().count()));
            return st.exec();
        });
    }

    Result<int> count_oidc_pending_logins() override {
        return guarded("", [&]() -> Result<int> {
            auto& st = conn_->prepare("SELECT count(*) FROM oidc_pending_logins");
            st.executeStep();
            return st.getColumn(0).getInt();
        });
    }

    Result<void> insert_oidc_session(const std::string& token_hash, const std::string& id_token) override {
        return guarded("La session", [&]() -> Result<void> {
            auto& st = conn_->prepare("INSERT INTO oidc_sessions (token_hash, id_token) VALUES (?, ?)");
            st.bind(1, token_hash);
            st.bind(2, id_token);
            st.exec();
            return {};
        });
    }

    Result<std::optional<std::string>> oidc_session_id_token(const std::string& token_hash) override {
        return guarded("", [&]() -> Result<std::optional<std::string>> {
            auto& st = conn_->prepare("SELECT id_token FROM oidc_sessions WHERE token_hash = ?");
            st.bind(1, token_hash);
            if (!st.executeStep()) return std::optional<std::string>{};
            return std::optional<std::string>{st.getColumn(0).getString()};
        });
    }

private:
    // Runs one statement with these parameters; returns how many rows it changed.
    template <class... V>
    Result<int> run(const char* sql, const V&... v) {
        return guarded("", [&]() -> Result<int> {
            auto& st = conn_->prepare(sql);
            bind_all(st, v...);
            return st.exec();
        });
    }

    template <class T>
    Result<std::vector<T>> list_(std::optional<SiteId> site) {
        return guarded("", [&]() -> Result<std::vector<T>> {
            auto& sql = crud_sql<T>();
            auto& st = conn_->prepare(site ? sql.select_by_site : sql.select_all);
            if (site) st.bind(1, static_cast<int64_t>(*site));
            std::vector<T> out;
            while (st.executeStep()) out.push_back(read_row<T>(st));
            return out;
        });
    }
    template <class T>
    Result<std::optional<T>> find_(Id id) {
        return guarded("", [&]() -> Result<std::optional<T>> {
            auto& st = conn_->prepare(crud_sql<T>().select_by_id);
            st.bind(1, static_cast<int64_t>(id));
            if (!st.executeStep()) return std::optional<T>{};
            return std::optional<T>{read_row<T>(st)};
        });
    }
    template <class T>
    Result<Id> insert_(const T& v) {
        return guarded(entity_label<T>(), [&]() -> Result<Id> {
            auto& st = conn_->prepare(crud_sql<T>().insert);
            bind_columns(st, v);
            st.exec();
            Id id = conn_->db().getLastInsertRowid();
            bump_referential_version();
            return id;
        });
    }
    template <class T>
    Result<void> update_(const T& v) {
        return guarded(entity_label<T>(), [&]() -> Result<void> {
            auto& st = conn_->prepare(crud_sql<T>().update);
            int next = bind_columns(st, v);
            st.bind(next, static_cast<int64_t>(v.id));
            if (st.exec() == 0) return tl::unexpected(errors::not_found(entity_label<T>()));
            bump_referential_version();
            return {};
        });
    }
    template <class T>
    Result<void> remove_(Id id) {
        const char* label = entity_label<T>();
        try {
            auto& st = conn_->prepare(crud_sql<T>().remove);
            st.bind(1, static_cast<int64_t>(id));
            if (st.exec() == 0) return tl::unexpected(errors::not_found(label));
            bump_referential_version();
            return {};
        } catch (const SQLite::Exception& e) {
            if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY)
                return tl::unexpected(errors::in_use(label));
            return tl::unexpected(map_exception(e, label));
        }
    }

    void bump_referential_version() {
        conn_->prepare("UPDATE referential_version SET version = version + 1 WHERE id = 1").exec();
    }

    SqliteStore& store_;
    std::unique_ptr<Connection> conn_;
    std::unique_lock<std::mutex> writer_;
    bool committed_ = false;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(Options o) : options_(std::move(o)) {
        if (options_.synchronous_full) wal_sync_ = std::make_unique<WalSync>(options_.path + "-wal");
    }
    WalSync* wal_sync() { return wal_sync_.get(); }

    Result<void> migrate() {
        return guarded("", [&]() -> Result<void> {
            auto conn = std::make_unique<Connection>(options_);
            std::lock_guard lock(writer_);
            conn->db().exec("BEGIN IMMEDIATE");
            int applied = conn->db().execAndGet("PRAGMA user_version").getInt();
            auto all = migrations();
            for (size_t i = static_cast<size_t>(applied); i < all.size(); ++i) {
                conn->db().exec(std::string(all[i]));
                conn->db().exec(fmt::format("PRAGMA user_version = {}", i + 1));
            }
            conn->db().exec("COMMIT");
            if (wal_sync_ && !wal_sync_->wait_durable(wal_sync_->committed())) return fail(errors::database_unavailable());
            give_back(std::move(conn));
            return {};
        });
    }

    Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
        return guarded("", [&]() -> Result<std::unique_ptr<Transaction>> {
            std::unique_lock<std::mutex> writer;
            if (mode == TxMode::write) writer = std::unique_lock(writer_);
            // If BEGIN fails, the connection is dropped with the half-built transaction.
            return std::make_unique<SqliteTransaction>(*this, take(), mode, std::move(writer));
        });
    }

    Result<void> ping() override {
        return guarded("", [&]() -> Result<void> {
            auto conn = take();
            conn->db().execAndGet("SELECT 1");
            give_back(std::move(conn));
            return {};
        });
    }

    void give_back(std::unique_ptr<Connection> c) {
        std::lock_guard lock(pool_mutex_);
        idle_.push_back(std::move(c));
    }

private:
    std::unique_ptr<Connection> take() {
        {
            std::lock_guard lock(pool_mutex_);
            if (!idle_.empty()) {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return c;
            }
        }
        return std::make_unique<Connection>(options_);
    }

    Options options_;
    std::unique_ptr<WalSync> wal_sync_;
    std::mutex writer_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

Result<void> SqliteTransaction::commit() {
    auto done = guarded("", [&]() -> Result<void> {
        conn_->reset_used();
        conn_->prepare("COMMIT").exec();
        committed_ = true;
        return {};
    });
    if (!done || !writer_.owns_lock()) return done;
    WalSync* sync = store_.wal_sync();
    if (!sync) return done;
    auto n = sync->committed();
    writer_.unlock();  // the next writer may go on while this commit is flushed
    if (!sync->wait_durable(n)) return fail(errors::database_unavailable());
    return done;
}

SqliteTransaction::~SqliteTransaction() {
    if (!committed_) {
        try {
            conn_->reset_used();
            conn_->prepare("ROLLBACK").exec();
        } catch (...) {
            return;  // a broken connection is dropped, not pooled
        }
    }
    store_.give_back(std::move(conn_));
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const Options& options) {
    auto store = std::make_unique<SqliteStore>(options);
    auto migrated = store->migrate();
    if (!migrated) {
        auto e = errors::database_unavailable();
        e.message = fmt::format("Impossible d'ouvrir la base SQLite « {} ».", options.path);
        return tl::unexpected(e);
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace escale::sqlite
