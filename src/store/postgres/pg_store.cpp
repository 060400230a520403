// PostgreSQL Store: libpq connections in a pool, text-format prepared statements, and the
// SQL of every Store call. Referential tables map generically from the Boost.Describe lists
// of the core structs, as in the SQLite store.
#include "store/postgres/pg_store.hpp"

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/entity_tables.hpp"
#include "store/postgres/migrations.hpp"

namespace escale::postgres {
namespace {

namespace bd = boost::describe;
using store_detail::is_optional;
using store_detail::Members;
using store_detail::prefixed_columns;

// ---- results and parameters ----------------------------------------------------------

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// Text parameters of one statement; nullopt is SQL NULL.
class Params {
public:
    template <class V>
    Params& add(const V& v) {
        if constexpr (std::is_same_v<V, bool>) values_.emplace_back(v ? "true" : "false");
        else if constexpr (std::is_enum_v<V>) values_.emplace_back(bd::enum_to_string(v, ""));
        else if constexpr (std::is_integral_v<V>) values_.emplace_back(std::to_string(v));
        else if constexpr (std::is_floating_point_v<V>) values_.emplace_back(fmt::format("{:.17g}", v));
        else if constexpr (std::is_same_v<V, std::string>) values_.emplace_back(v);
        else if constexpr (std::is_convertible_v<V, std::string_view>) values_.emplace_back(std::string(std::string_view(v)));
        else if constexpr (is_optional<V>::value) {
            if (v) add(*v);
            else values_.emplace_back(std::nullopt);
        } else static_assert(!sizeof(V), "unsupported parameter type");
        return *this;
    }
    std::vector<const char*> pointers() const {
        std::vector<const char*> out;
        for (auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
        return out;
    }
    int size() const { return static_cast<int>(values_.size()); }

private:
    std::vector<std::optional<std::string>> values_;
};

// Reads one text-format field into a member.
template <class V>
void read_field(const PGresult* r, int row, int col, V& out) {
    const char* text = PQgetvalue(r, row, col);
    if constexpr (std::is_same_v<V, bool>) out = text[0] == 't';
    else if constexpr (std::is_enum_v<V>) bd::enum_from_string(text, out);
    else if constexpr (std::is_integral_v<V>) {
        long long v = 0;
        std::from_chars(text, text + std::strlen(text), v);
        out = static_cast<V>(v);
    } else if constexpr (std::is_floating_point_v<V>) out = std::strtod(text, nullptr);
    else if constexpr (std::is_same_v<V, std::string>) out.assign(text, static_cast<size_t>(PQgetlength(r, row, col)));
    else if constexpr (is_optional<V>::value) {
        if (PQgetisnull(r, row, col)) out.reset();
        else {
            typename V::value_type inner{};
            read_field(r, row, col, inner);
            out = std::move(inner);
        }
    } else static_assert(!sizeof(V), "unsupported column type");
}

template <class T>
T read_row(const PGresult* r, int row) {
    T value{};
    int col = 0;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { read_field(r, row, col++, value.*m.pointer); });
    return value;
}

Instant instant(const PGresult* r, int col, int row = 0) {
    long long v = 0;
    read_field(r, row, col, v);
    return Instant{std::chrono::seconds{v}};
}

// id, name, read_only, created_at, expires_at from column `first` on.
ApiToken read_api_token(const PGresult* r, int row, int first) {
    ApiToken t;
    read_field(r, row, first, t.id);
    read_field(r, row, first + 1, t.name);
    read_field(r, row, first + 2, t.read_only);
    t.created_at = instant(r, first + 3, row);
    if (!PQgetisnull(r, row, first + 4)) t.expires_at = instant(r, first + 4, row);
    return t;
}

template <class T>
Params data_params(const T& v) {
    Params p;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) {
        if (std::string_view(m.name) != "id") p.add(v.*m.pointer);
    });
    return p;
}

// The SQL of the generic calls, built once per entity type.
template <class T>
const store_detail::CrudSql& crud_sql() {
    static const auto sql =
        store_detail::make_crud_sql<T>([](int n) { return "$" + std::to_string(n); }, " RETURNING id");
    return sql;
}

// ---- connections ---------------------------------------------------------------------

// One libpq connection and the statements prepared on it. Used by one thread at a time.
class Connection {
public:
    explicit Connection(PGconn* c) : conn_(c) {}
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
    const char* error_message() const { return PQerrorMessage(conn_); }

    // Runs sql (prepared once per connection) with params. Throws nothing; the result may
    // carry an error, which error_of() reads.
    PgResult run(const std::string& sql, const Params& params) {
        auto it = prepared_.find(sql);
        if (it == prepared_.end()) {
            std::string name = "s" + std::to_string(prepared_.size() + 1);
            PgResult prep{PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr)};
            if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) return prep;
            it = prepared_.emplace(sql, std::move(name)).first;
        }
        auto ptrs = params.pointers();
        return PgResult{PQexecPrepared(conn_, it->second.c_str(), params.size(), ptrs.data(), nullptr, nullptr, 0)};
    }
    PgResult exec(const char* sql) { return PgResult{PQexec(conn_, sql)}; }

private:
    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

bool succeeded(const PGresult* r) {
    auto s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

std::string_view field(const PGresult* r, int code) {
    const char* v = PQresultErrorField(r, code);
    return v ? v : "";
}

// The Error for a failed result; `label` names the entity for constraint messages and
// `deleting` turns a foreign-key violation into "in_use".
Error error_of(const PGresult* r, const char* label = "L'élément", bool deleting = false) {
    auto state = field(r, PG_DIAG_SQLSTATE);
    auto constraint = field(r, PG_DIAG_CONSTRAINT_NAME);
    if (state == "23505") {
        if (constraint == "desk_bookings_live_slot") return errors::slot_taken();
        if (constraint == "desk_bookings_live_resident") return errors::already_booked_that_slot();
        return errors::already_exists(label);
    }
    if (state == "23503") return deleting ? errors::in_use(label) : errors::unknown_reference("un élément lié");
    if (state == "40001" || state == "40P01") return errors::transaction_conflict();
    spdlog::warn("postgresql: {} ({})", r ? PQresultErrorMessage(r) : "no result", state);
    if (state.substr(0, 2) == "08" || state.substr(0, 2) == "57" || state.empty() || state == "53300")
        return errors::database_unavailable();
    return errors::internal(r ? PQresultErrorMessage(r) : "no result");
}

class PgStore;

class PgTransaction final : public Transaction {
public:
    PgTransaction(PgStore& store, std::unique_ptr<Connection> conn) : store_(store), conn_(std::move(conn)) {}
    ~PgTransaction() override;

    Result<void> begin(TxMode mode) {
        auto r = conn_->exec(mode == TxMode::write ? "BEGIN"
                                                   : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        if (!succeeded(r.get())) return fail(error_of(r.get()));
        open_ = true;
        mode_ = mode;
        return {};
    }

    Result<void> commit() override {
        auto r = conn_->exec("COMMIT");
        open_ = false;
        if (!succeeded(r.get())) return fail(error_of(r.get()));
        return {};
    }

    ESCALE_FORWARD_CRUD

    Result<std::int64_t> referential_version() override {
        auto res = conn_->run("SELECT version FROM referential_version WHERE id = 1", Params());
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) != 1) return fail(errors::internal("referential_version row missing"));
        std::int64_t v = 0;
        read_field(res.get(), 0, 0, v);
        return v;
    }

    Result<std::vector<Desk>> desks_on_floor(FloorId floor) override {
        static const std::string sql = crud_sql<Desk>().select_where("floor_id");
        return rows<Desk>(sql, Params().add(floor));
    }

    Result<std::optional<Resident>> find_resident_by_email(const std::string& email) override {
        static const std::string sql = crud_sql<Resident>().select_where("email");
        ESCALE_TRY(auto found, rows<Resident>(sql, Params().add(email)));
        if (found.empty()) return std::optional<Resident>{};
        return std::optional<Resident>{std::move(found.front())};
    }

    Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) override {
        static const std::string sql = crud_sql<RoleGrant>().select_where("resident_id");
        return rows<RoleGrant>(sql, Params().add(r));
    }

    Result<std::optional<std::string>> password_hash(ResidentId r) override {
        auto res = conn_->run("SELECT password_hash FROM credentials WHERE resident_id = $1", Params().add(r));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<std::string>{};
        return std::optional<std::string>{PQgetvalue(res.get(), 0, 0)};
    }

    Result<void> set_password_hash(ResidentId r, const std::string& hash) override {
        return command("INSERT INTO credentials (resident_id, password_hash) VALUES ($1, $2) "
                       "ON CONFLICT (resident_id) DO UPDATE SET password_hash = excluded.password_hash",
                       Params().add(r).add(hash), "Le compte");
    }

    Result<void> insert_session(const Session& s) override {
        return command("INSERT INTO sessions (token_hash, resident_id, created_at, expires_at, last_seen_at) "
                       "VALUES ($1, $2, $3, $4, $5)",
                       Params().add(s.token_hash).add(s.resident_id).add(seconds(s.created_at)).add(seconds(s.expires_at))
                           .add(seconds(s.last_seen_at)),
                       "La session");
    }

    Result<std::optional<HeldBy<Session>>> find_session(const std::string& token_hash) override {
        static const std::string sql = fmt::format(
            "SELECT {}, s.created_at, s.expires_at, s.last_seen_at FROM sessions s "
            "JOIN residents r ON r.id = s.resident_id WHERE s.token_hash = $1",
            prefixed_columns<Resident>("r."));
        auto res = conn_->run(sql, Params().add(token_hash));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<HeldBy<Session>>{};
        HeldBy<Session> out{{token_hash, 0, {}, {}, {}}, read_row<Resident>(res.get(), 0)};
        int n = static_cast<int>(boost::mp11::mp_size<Members<Resident>>::value);
        out.credential.resident_id = out.resident.id;
        out.credential.created_at = instant(res.get(), n);
        out.credential.expires_at = instant(res.get(), n + 1);
        out.credential.last_seen_at = instant(res.get(), n + 2);
        return std::optional{std::move(out)};
    }

    Result<void> touch_session(const std::string& token_hash, Instant at) override {
        return command("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", Params().add(seconds(at)).add(token_hash));
    }

    Result<void> delete_session(const std::string& token_hash) override {
        return command("DELETE FROM sessions WHERE token_hash = $1", Params().add(token_hash));
    }

    Result<int> delete_expired_sessions(Instant now, Instant idle_since) override {
        return changed("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
                       Params().add(seconds(now)).add(seconds(idle_since)));
    }

    Result<void> delete_sessions_of(ResidentId r) override {
        return command("DELETE FROM sessions WHERE resident_id = $1", Params().add(r));
    }

    Result<std::optional<LoginThrottle>> find_login_throttle(const std::string& key) override {
        if (mode_ == TxMode::write) {
            ESCALE_TRY_VOID(command("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", Params().add("escale-login:" + key)));
        }
        auto res = conn_->run("SELECT failures, locked_until, last_failure FROM login_throttles WHERE key = $1",
                              Params().add(key));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<LoginThrottle>{};
        LoginThrottle t{key, 0, instant(res.get(), 1), instant(res.get(), 2)};
        read_field(res.get(), 0, 0, t.failures);
        return std::optional{std::move(t)};
    }

    Result<void> save_login_throttle(const LoginThrottle& t) override {
        return command("INSERT INTO login_throttles (key, failures, locked_until, last_failure) VALUES ($1, $2, $3, $4) "
                       "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
                       "locked_until = excluded.locked_until, last_failure = excluded.last_failure",
                       Params().add(t.key).add(t.failures).add(seconds(t.locked_until)).add(seconds(t.last_failure)));
    }

    Result<void> delete_login_throttle(const std::string& key) override {
        return command("DELETE FROM login_throttles WHERE key = $1", Params().add(key));
    }

    Result<int> delete_stale_login_throttles(Instant before) override {
        return changed("DELETE FROM login_throttles WHERE locked_until <= $1 AND last_failure <= $1",
                       Params().add(seconds(before)));
    }

    Result<void> insert_audit_event(const AuditEvent& e) override {
        return command("INSERT INTO audit_events (at, site_id, actor_id, on_behalf_of, action, object, object_id, details) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       Params().add(seconds(e.at)).add(e.site_id).add(e.actor_id).add(e.on_behalf_of).add(e.action)
                           .add(e.object).add(e.object_id).add(e.details));
    }

    Result<int> delete_audit_events_before(std::optional<SiteId> site, Instant before) override {
        return site ? changed("DELETE FROM audit_events WHERE site_id = $1 AND at < $2", Params().add(*site).add(seconds(before)))
                    : changed("DELETE FROM audit_events WHERE site_id IS NULL AND at < $1", Params().add(seconds(before)));
    }

    Result<std::vector<AuditEvent>> audit_events(const AuditQuery& q) override {
        auto secs = [](const std::optional<Instant>& t) { return t ? std::optional<long long>(seconds(*t)) : std::nullopt; };
        auto res = conn_->run(
            "SELECT id, at, site_id, actor_id, on_behalf_of, action, object, object_id, details FROM audit_events "
            "WHERE ($1::bigint IS NULL OR site_id = $1) AND ($2::bigint IS NULL OR actor_id = $2 OR on_behalf_of = $2) "
            "AND ($3::bigint IS NULL OR at >= $3) AND ($4::bigint IS NULL OR at < $4) AND ($5::bigint IS NULL OR id < $5) "
            "ORDER BY id DESC LIMIT $6",
            Params().add(q.site_id).add(q.person).add(secs(q.from)).add(secs(q.until)).add(q.before_id).add(q.limit));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<AuditEvent> out;
        for (int i = 0; i < PQntuples(res.get()); ++i) {
            AuditEvent e;
            read_field(res.get(), i, 0, e.id);
            e.at = instant(res.get(), 1, i);
            read_field(res.get(), i, 2, e.site_id);
            read_field(res.get(), i, 3, e.actor_id);
            read_field(res.get(), i, 4, e.on_behalf_of);
            read_field(res.get(), i, 5, e.action);
            read_field(res.get(), i, 6, e.object);
            read_field(res.get(), i, 7, e.object_id);
            read_field(res.get(), i, 8, e.details);
            out.push_back(std::move(e));
        }
        return out;
    }

    Result<ApiTokenId> insert_api_token(const ApiToken& t) override {
        auto res = conn_->run(
            "INSERT INTO api_tokens (resident_id, name, token_hash, read_only, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            Params().add(t.resident_id).add(t.name).add(t.token_hash).add(t.read_only).add(seconds(t.created_at))
                .add(t.expires_at ? std::optional<long long>(seconds(*t.expires_at)) : std::nullopt));
        if (!succeeded(res.get())) return fail(error_of(res.get(), "Le jeton"));
        ApiTokenId id = 0;
        read_field(res.get(), 0, 0, id);
        return id;
    }

    Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string& token_hash) override {
        static const std::string sql = fmt::format(
            "SELECT {}, t.id, t.name, t.read_only, t.created_at, t.expires_at FROM api_tokens t "
            "JOIN residents r ON r.id = t.resident_id WHERE t.token_hash = $1",
            prefixed_columns<Resident>("r."));
        auto res = conn_->run(sql, Params().add(token_hash));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<HeldBy<ApiToken>>{};
        int n = static_cast<int>(boost::mp11::mp_size<Members<Resident>>::value);
        HeldBy<ApiToken> out{read_api_token(res.get(), 0, n), read_row<Resident>(res.get(), 0)};
        out.credential.resident_id = out.resident.id;
        out.credential.token_hash = token_hash;
        return std::optional{std::move(out)};
    }

    Result<std::vector<ApiToken>> api_tokens_of(ResidentId r) override {
        auto res = conn_->run(
            "SELECT id, name, read_only, created_at, expires_at FROM api_tokens WHERE resident_id = $1 ORDER BY id",
            Params().add(r));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<ApiToken> out;
        for (int i = 0; i < PQntuples(res.get()); ++i) {
            out.push_back(read_api_token(res.get(), i, 0));
            out.back().resident_id = r;
        }
        return out;
    }

    Result<void> delete_api_token(ResidentId r, ApiTokenId id) override {
        ESCALE_TRY(int n, changed("DELETE FROM api_tokens WHERE id = $1 AND resident_id = $2", Params().add(id).add(r)));
        if (n == 0) return fail(errors::not_found("Le jeton"));
        return {};
    }

    Result<std::optional<Instant>> claim_job(const std::string& name, Instant now, std::chrono::seconds interval,
                                             const std::string& instance) override {
        long long t = seconds(now);
        ESCALE_TRY_VOID(command("INSERT INTO jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                                Params().add(name).add(t)));
        auto sel = conn_->run("SELECT next_run_at FROM jobs WHERE name = $1", Params().add(name));
        if (!succeeded(sel.get())) return fail(error_of(sel.get()));
        if (PQntuples(sel.get()) != 1) return std::optional<Instant>{};
        long long due = 0;
        read_field(sel.get(), 0, 0, due);
        if (due > t) return std::optional<Instant>{};
        long long step = std::max<long long>(1, interval.count());
        long long next = due + ((t - due) / step + 1) * step;
        // Compare and set: of several processes, the first to update wins; the others, once
        // it commits, find next_run_at changed and update nothing.
        auto upd = conn_->run("UPDATE jobs SET next_run_at = $1 WHERE name = $2 AND next_run_at = $3",
                              Params().add(next).add(name).add(due));
        if (!succeeded(upd.get())) return fail(error_of(upd.get()));
        if (std::string_view(PQcmdTuples(upd.get())) != "1") return std::optional<Instant>{};
        ESCALE_TRY_VOID(command("INSERT INTO job_runs (name, due_at, run_by, claimed_at) VALUES ($1, $2, $3, $4)",
                                Params().add(name).add(due).add(instance).add(t)));
        return std::optional<Instant>{Instant{std::chrono::seconds{due}}};
    }

    Result<BookingId> insert_desk_booking(const DeskBooking& b) override {
        auto at = seconds(b.created_at);
        auto res = conn_->run(
            "INSERT INTO desk_bookings (site_id, desk_id, resident_id, date, half, state, created_at, created_by, "
            "state_changed_at, service_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            Params().add(b.site_id).add(b.desk_id).add(b.resident_id).add(format_date(b.date)).add(to_string(b.half))
                .add(to_string(b.state)).add(at).add(b.created_by).add(at).add(b.service_id));
        if (!succeeded(res.get())) return fail(error_of(res.get(), "La réservation"));
        Id id = 0;
        read_field(res.get(), 0, 0, id);
        return id;
    }

    Result<std::optional<DeskBooking>> find_desk_booking(BookingId id) override {
        static const std::string sql = fmt::format("SELECT {} FROM desk_bookings b WHERE b.id = $1", booking_columns);
        ESCALE_TRY(auto found, bookings(sql, Params().add(id)));
        if (found.empty()) return std::optional<DeskBooking>{};
        return std::optional<DeskBooking>{found.front()};
    }

    Result<void> set_desk_booking_state(BookingId id, BookingState s, Instant at) override {
        auto res = conn_->run("UPDATE desk_bookings SET state = $1, state_changed_at = $2 WHERE id = $3",
                              Params().add(to_string(s)).add(seconds(at)).add(id));
        if (!succeeded(res.get())) return fail(error_of(res.get(), "La réservation"));
        if (std::string_view(PQcmdTuples(res.get())) == "0") return fail(errors::not_found("La réservation"));
        return {};
    }

    Result<std::vector<DeskBooking>> desk_bookings_of(ResidentId r) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM desk_bookings b WHERE b.resident_id = $1 ORDER BY b.date, b.half, b.id", booking_columns);
        return bookings(sql, Params().add(r));
    }

    Result<int> anonymize_desk_bookings_before(SiteId site, Date before) override {
        return changed("UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, " ESCALE_ANONYMIZED_TIMES " "
                       "WHERE site_id = $1 AND date < $2 AND (resident_id IS NOT NULL OR created_by IS NOT NULL)",
                       Params().add(site).add(format_date(before)));
    }

    Result<int> anonymize_desk_bookings_of(ResidentId r) override {
        ESCALE_TRY(int held, changed("UPDATE desk_bookings SET resident_id = NULL, created_by = NULL, " ESCALE_ANONYMIZED_TIMES " WHERE resident_id = $1",
                                     Params().add(r)));
        // Bookings made for others stay theirs: only the author is forgotten.
        ESCALE_TRY_VOID(changed("UPDATE desk_bookings SET created_by = NULL WHERE created_by = $1", Params().add(r)));
        return held;
    }

    Result<std::vector<HalfDayCount>> live_booking_counts(SiteId site, Date from, Date to) override {
        auto res = conn_->run(
            "SELECT to_char(date, 'YYYY-MM-DD'), half, service_id, count(*) FROM desk_bookings "
            "WHERE site_id = $1 AND date BETWEEN $2 AND $3 AND state IN ('reserved', 'checked_in') "
            "GROUP BY date, half, service_id ORDER BY date, half, service_id",
            Params().add(site).add(format_date(from)).add(format_date(to)));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<HalfDayCount> out;
        for (int i = 0; i < PQntuples(res.get()); ++i) {
            HalfDayCount c;
            std::string date, half;
            read_field(res.get(), i, 0, date);
            read_field(res.get(), i, 1, half);
            read_field(res.get(), i, 2, c.service_id);
            read_field(res.get(), i, 3, c.count);
            c.date = parse_date(date).value_or(Date{});
            c.half = parse_half(half).value_or(Half::am);
            out.push_back(c);
        }
        return out;
    }

    Result<std::vector<Session>> sessions_of(ResidentId r) override {
        auto res = conn_->run("SELECT token_hash, created_at, expires_at, last_seen_at FROM sessions WHERE resident_id = $1 "
                              "ORDER BY created_at", Params().add(r));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<Session> out;
        for (int i = 0; i < PQntuples(res.get()); ++i) {
            Session s;
            read_field(res.get(), i, 0, s.token_hash);
            s.resident_id = r;
            s.created_at = instant(res.get(), 1, i);
            s.expires_at = instant(res.get(), 2, i);
            s.last_seen_at = instant(res.get(), 3, i);
            out.push_back(std::move(s));
        }
        return out;
    }

    Result<void> delete_access_of(ResidentId r) override {
        for (const char* sql : {"DELETE FROM credentials WHERE resident_id = $1", "DELETE FROM sessions WHERE resident_id = $1",
                                "DELETE FROM api_tokens WHERE resident_id = $1", "DELETE FROM role_grants WHERE resident_id = $1"})
            ESCALE_TRY_VOID(command(sql, Params().add(r)));
        return {};
    }

    Result<std::vector<DeskBooking>> live_desk_bookings_of(ResidentId r, Date from, Date to) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM desk_bookings b WHERE b.resident_id = $1 AND b.date BETWEEN $2 AND $3 "
            "AND b.state IN ('reserved', 'checked_in') ORDER BY b.date, b.half",
            booking_columns);
        return bookings(sql, Params().add(r).add(format_date(from)).add(format_date(to)));
    }

    Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first, DeskId last) override {
        auto res = conn_->run(
            "SELECT desk_id, half, resident_id FROM desk_bookings WHERE date = $1 AND desk_id BETWEEN $2 AND $3 "
            "AND state IN ('reserved', 'checked_in') ORDER BY desk_id",
            Params().add(format_date(d)).add(first).add(last));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<SlotHolder> out;
        for (int i = 0, n = PQntuples(res.get()); i < n; ++i) {
            SlotHolder h;
            read_field(res.get(), i, 0, h.desk_id);
            h.half = PQgetvalue(res.get(), i, 1)[0] == 'p' ? Half::pm : Half::am;
            read_field(res.get(), i, 2, h.resident_id);
            out.push_back(h);
        }
        return out;
    }

    // ---- OpenID Connect login ----
    Result<void> insert_oidc_pending_login(const OidcPendingLogin& p) override {
        return command("INSERT INTO oidc_pending_logins (state_hash, nonce, code_verifier, return_to, created_at, "
                       "expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                       Params().add(p.state_hash).add(p.nonce).add(p.code_verifier).add(p.return_to)
                           .add(seconds(p.created_at)).add(seconds(p.expires_at)),
                       "La connexion en cours");
    }

    Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string& state_hash, Instant now) override {
        // DELETE ... RETURNING: of concurrent takers, the first deletes the row; the others
        // wait for it to commit, then find nothing.
        auto res = conn_->run("DELETE FROM oidc_pending_logins WHERE state_hash = $1 "
                              "RETURNING state_hash, nonce, code_verifier, return_to, created_at, expires_at",
                              Params().add(state_hash));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<OidcPendingLogin>{};
        OidcPendingLogin p;
        long long created = 0, expires = 0;
        read_field(res.get(), 0, 0, p.state_hash);
        read_field(res.get(), 0, 1, p.nonce);
        read_field(res.get(), 0, 2, p.code_verifier);
        read_field(res.get(), 0, 3, p.return_to);
        read_field(res.get(), 0, 4, created);
        read_field(res.get(), 0, 5, expires);
        p.created_at = Instant{std::chrono::seconds{created}};
        p.expires_at = Instant{std::chrono::seconds{expires}};
        if (p.expires_at <= now) return std::optional<OidcPendingLogin>{};
        return std::optional<OidcPendingLogin>{std::move(p)};
    }

    Result<int> count_oidc_pending_logins() override {
        auto res = conn_->run("SELECT count(*) FROM oidc_pending_logins", Params());
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        int n = 0;
        read_field(res.get(), 0, 0, n);
        return n;
    }

    Result<int> delete_expired_oidc_pending_logins(Instant now) override {
        auto res = conn_->run("DELETE FROM oidc_pending_logins WHERE expires_at <= $1", Params().add(seconds(now)));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        return std::atoi(PQcmdTuples(res.get()));
    }

    Result<void> insert_oidc_session(const std::string& token_hash, const std::string& id_token) override {
        return command("INSERT INTO oidc_sessions (token_hash, id_token) VALUES ($1, $2)",
                       Params().add(token_hash).add(id_token), "La session");
    }

    Result<std::optional<std::string>> oidc_session_id_token(const std::string& token_hash) override {
        auto res = conn_->run("SELECT id_token FROM oidc_sessions WHERE token_hash = $1", Params().add(token_hash));
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        if (PQntuples(res.get()) == 0) return std::optional<std::string>{};
        std::string t;
        read_field(res.get(), 0, 0, t);
        return std::optional<std::string>{std::move(t)};
    }

private:
    static constexpr const char* booking_columns =
        "b.id, b.site_id, b.desk_id, b.resident_id, to_char(b.date, 'YYYY-MM-DD'), b.half, b.state, b.created_at, "
        "b.created_by, b.service_id";

    static long long seconds(Instant t) { return t.time_since_epoch().count(); }

    // Runs one statement; returns how many rows it changed.
    Result<int> changed(const std::string& sql, const Params& p) {
        auto res = conn_->run(sql, p);
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        return std::atoi(PQcmdTuples(res.get()));
    }

    Result<void> command(const std::string& sql, const Params& p, const char* label = "L'élément") {
        auto res = conn_->run(sql, p);
        if (!succeeded(res.get())) return fail(error_of(res.get(), label));
        return {};
    }

    template <class T>
    Result<std::vector<T>> rows(const std::string& sql, const Params& p) {
        auto res = conn_->run(sql, p);
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<T> out;
        int n = PQntuples(res.get());
        out.reserve(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) out.push_back(read_row<T>(res.get(), i));
        return out;
    }

    Result<std::vector<DeskBooking>> bookings(const std::string& sql, const Params& p) {
        auto res = conn_->run(sql, p);
        if (!succeeded(res.get())) return fail(error_of(res.get()));
        std::vector<DeskBooking> out;
        int n = PQntuples(res.get());
        for (int i = 0; i < n; ++i) {
            DeskBooking b;
            std::string date, half, state;
            long long created = 0;
            read_field(res.get(), i, 0, b.id);
            read_field(res.get(), i, 1, b.site_id);
            read_field(res.get(), i, 2, b.desk_id);
            read_field(res.get(), i, 3, b.resident_id);
            read_field(res.get(), i, 4, date);
            read_field(res.get(), i, 5, half);
            read_field(res.get(), i, 6, state);
            read_field(res.get(), i, 7, created);
            read_field(res.get(), i, 8, b.created_by);
            read_field(res.get(), i, 9, b.service_id);
            b.date = parse_date(date).value_or(Date{});
            b.half = parse_half(half).value_or(Half::am);
            b.state = parse_booking_state(state).value_or(BookingState::reserved);
            b.created_at = Instant{std::chrono::seconds{created}};
            out.push_back(b);
        }
        return out;
    }

    template <class T>
    Result<std::vector<T>> list_(std::optional<SiteId> site) {
        auto& sql = crud_sql<T>();
        return site ? rows<T>(sql.select_by_site, Params().add(*site)) : rows<T>(sql.select_all, Params());
    }
    template <class T>
    Result<std::optional<T>> find_(Id id) {
        ESCALE_TRY(auto found, rows<T>(crud_sql<T>().select_by_id, Params().add(id)));
        if (found.empty()) return std::optional<T>{};
        return std::optional<T>{std::move(found.front())};
    }
    template <class T>
    Result<Id> insert_(const T& v) {
        auto res = conn_->run(crud_sql<T>().insert, data_params(v));
        if (!succeeded(res.get())) return fail(error_of(res.get(), entity_label<T>()));
        Id id = 0;
        read_field(res.get(), 0, 0, id);
        ESCALE_TRY_VOID(bump_referential_version());
        return id;
    }
    template <class T>
    Result<void> update_(const T& v) {
        auto p = data_params(v);
        p.add(v.id);
        auto res = conn_->run(crud_sql<T>().update, p);
        if (!succeeded(res.get())) return fail(error_of(res.get(), entity_label<T>()));
        if (std::string_view(PQcmdTuples(res.get())) == "0") return fail(errors::not_found(entity_label<T>()));
        return bump_referential_version();
    }
    template <class T>
    Result<void> remove_(Id id) {
        auto res = conn_->run(crud_sql<T>().remove, Params().add(id));
        if (!succeeded(res.get())) return fail(error_of(res.get(), entity_label<T>(), true));
        if (std::string_view(PQcmdTuples(res.get())) == "0") return fail(errors::not_found(entity_label<T>()));
        return bump_referential_version();
    }

    Result<void> bump_referential_version() {
        return command("UPDATE referential_version SET version = version + 1 WHERE id = 1", Params());
    }

    PgStore& store_;
    std::unique_ptr<Connection> conn_;
    bool open_ = false;
    TxMode mode_ = TxMode::read;
};

class PgStore final : public Store {
public:
    explicit PgStore(Options o) : options_(std::move(o)) {}

    Result<void> migrate() {
        ESCALE_TRY(auto conn, take());
        auto all = migrations();
        // One transaction, under an advisory lock: concurrent starters wait, then see the work done.
        std::string sql = "BEGIN; SELECT pg_advisory_xact_lock(7405192); "
                          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());";
        auto r = conn->exec(sql.c_str());
        if (!succeeded(r.get())) return fail(error_of(r.get()));
        auto applied = conn->exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
        if (!succeeded(applied.get())) return fail(error_of(applied.get()));
        int done = std::atoi(PQgetvalue(applied.get(), 0, 0));
        for (size_t i = static_cast<size_t>(done); i < all.size(); ++i) {
            auto step = conn->exec(std::string(all[i]).c_str());
            if (!succeeded(step.get())) {
                conn->exec("ROLLBACK");
                return fail(error_of(step.get()));
            }
            conn->exec(fmt::format("INSERT INTO schema_migrations (version) VALUES ({})", i + 1).c_str());
        }
        auto c = conn->exec("COMMIT");
        if (!succeeded(c.get())) return fail(error_of(c.get()));
        give_back(std::move(conn));
        return {};
    }

    Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
        ESCALE_TRY(auto conn, take());
        auto tx = std::make_unique<PgTransaction>(*this, std::move(conn));
        ESCALE_TRY_VOID(tx->begin(mode));
        return std::unique_ptr<Transaction>(std::move(tx));
    }

    Result<void> ping() override {
        ESCALE_TRY(auto conn, take());
        auto r = conn->exec("SELECT 1");
        if (!succeeded(r.get())) return fail(error_of(r.get()));
        give_back(std::move(conn));
        return {};
    }

    // A connection back to the pool; a broken one is closed and its slot freed.
    void give_back(std::unique_ptr<Connection> c) {
        std::lock_guard lock(mutex_);
        if (c && c->ok()) idle_.push_back(std::move(c));
        else --open_;
        available_.notify_one();
    }

private:
    Result<std::unique_ptr<Connection>> take() {
        std::unique_lock lock(mutex_);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
        while (idle_.empty() && open_ >= options_.pool_size)
            if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
                open_ >= options_.pool_size)
                return fail(errors::database_unavailable());
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
        ++open_;
        lock.unlock();
        auto c = std::make_unique<Connection>(PQconnectdb(options_.url.c_str()));
        if (!c->ok()) {
            spdlog::warn("postgresql: connexion impossible : {}", c->error_message());
            give_back(nullptr);
            return fail(errors::database_unavailable());
        }
        return c;
    }

    Options options_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;  // connections lent out or idle
};

PgTransaction::~PgTransaction() {
    if (open_) {
        auto r = conn_->exec("ROLLBACK");
        if (!succeeded(r.get())) conn_.reset();  // a connection in an unknown state is not reused
    }
    store_.give_back(std::move(conn_));
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const Options& options) {
    auto store = std::make_unique<PgStore>(options);
    auto migrated = store->migrate();
    if (!migrated) {
        auto e = errors::database_unavailable();
        e.message = "Impossible d'ouvrir ou de mettre à jour la base PostgreSQL.";
        return tl::unexpected(e);
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace escale::postgres
