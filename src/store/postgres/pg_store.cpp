// SPDX-License-Identifier: EUPL-1.2
// PostgreSQL Store: the driver under store/sql/ (libpq in pipeline mode, text-format
// statements prepared once per connection, failures classified by SQLSTATE, advisory locks),
// a pool of connections, and transactions (READ COMMITTED writes, REPEATABLE READ READ ONLY
// reads).
#include "store/postgres/pg_store.hpp"

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "core/metrics.hpp"
#include "core/try.hpp"
#include "store/postgres/migrations.hpp"
#include "store/sql/rooms.hpp"

namespace escale::postgres {
namespace {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

bool succeeded(const PGresult* r) {
    auto s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

std::string_view field(const PGresult* r, int code) {
    const char* v = r ? PQresultErrorField(r, code) : nullptr;
    return v ? v : "";
}

sql::Failure failure_of(const PGresult* r) {
    sql::Failure f;
    auto state = field(r, PG_DIAG_SQLSTATE);
    f.constraint = field(r, PG_DIAG_CONSTRAINT_NAME);
    f.message = r ? PQresultErrorMessage(r) : "no result";
    if (state == "23505") f.kind = sql::Failure::unique;
    else if (state == "23503") f.kind = sql::Failure::foreign_key;
    else if (state == "40001" || state == "40P01") f.kind = sql::Failure::contention;
    else if (state == "23P01") f.kind = sql::Failure::exclusion;  // collective spaces
    else if (state.substr(0, 2) == "08" || state.substr(0, 2) == "57" || state.empty() || state == "53300")
        f.kind = sql::Failure::unavailable;
    if (f.kind == sql::Failure::other || f.kind == sql::Failure::unavailable)
        spdlog::warn("postgresql: {} ({})", f.message, state);
    return f;
}

// An integer column's text (PostgreSQL writes integers in decimal).
std::int64_t integer_of(std::string_view text) {
    std::int64_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
}

class ResultRow final : public sql::Row {
public:
    ResultRow(const PGresult* r, int row) : r_(r), row_(row) {}
    bool is_null(int col) const override { return PQgetisnull(r_, row_, col); }
    std::int64_t integer(int col) const override { return integer_of(text(col)); }
    double real(int col) const override { return std::strtod(PQgetvalue(r_, row_, col), nullptr); }
    bool boolean(int col) const override { return PQgetvalue(r_, row_, col)[0] == 't'; }
    std::string_view text(int col) const override {
        return {PQgetvalue(r_, row_, col), static_cast<size_t>(PQgetlength(r_, row_, col))};
    }

private:
    const PGresult* r_;
    int row_;
};

// One row of COPY ... TO STDOUT in its text format: fields separated by tabs, the line ended
// by a newline, NULL written \N, and a backslash, tab, newline or other control character in
// a value written as a backslash sequence. Reused from row to row.
class CopyRow final : public sql::Row {
public:
    void read(const char* line, size_t size) {
        fields_.clear();
        std::string_view rest(line, size);
        if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
        for (size_t i = 0;; ++i) {
            auto tab = rest.find('\t');
            auto value = rest.substr(0, tab);
            if (value == "\\N") fields_.push_back({{}, true});
            else if (value.find('\\') == std::string_view::npos) fields_.push_back({value, false});
            else {  // written out in a buffer kept for the column
                if (unescaped_.size() <= i) unescaped_.resize(i + 1);
                fields_.push_back({unescape(value, unescaped_[i]), false});
            }
            if (tab == std::string_view::npos) break;
            rest.remove_prefix(tab + 1);
        }
    }

    bool is_null(int col) const override { return field(col).null; }
    std::int64_t integer(int col) const override { return integer_of(text(col)); }
    double real(int col) const override {
        double v = 0;
        auto t = text(col);
        std::from_chars(t.data(), t.data() + t.size(), v);
        return v;
    }
    bool boolean(int col) const override { return text(col) == "t"; }
    std::string_view text(int col) const override { return field(col).value; }

private:
    struct Field {
        std::string_view value;
        bool null = false;
    };

    Field field(int col) const {
        auto i = static_cast<size_t>(col);
        return i < fields_.size() ? fields_[i] : Field{{}, true};
    }

    static std::string_view unescape(std::string_view in, std::string& out) {
        out.clear();
        for (size_t i = 0; i < in.size(); ++i) {
            if (in[i] != '\\' || i + 1 == in.size()) {
                out += in[i];
                continue;
            }
            switch (char c = in[++i]) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'v': out += '\v'; break;
                default: out += c;  // a backslash, or a character that needed none
            }
        }
        return out;
    }

    std::vector<Field> fields_;
    std::deque<std::string> unescaped_;  // by column (a deque: growing moves no string)
};

// Text of each parameter; nullopt is SQL NULL.
std::vector<std::optional<std::string>> texts(const sql::Params& params) {
    std::vector<std::optional<std::string>> out;
    out.reserve(params.size());
    for (const auto& v : params)
        std::visit(
            [&](const auto& x) {
                using V = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<V, std::monostate>) out.emplace_back(std::nullopt);
                else if constexpr (std::is_same_v<V, bool>) out.emplace_back(x ? "true" : "false");
                else if constexpr (std::is_same_v<V, std::int64_t>) out.emplace_back(std::to_string(x));
                else if constexpr (std::is_same_v<V, double>) out.emplace_back(fmt::format("{:.17g}", x));
                else out.emplace_back(x);
            },
            v);
    return out;
}

// One libpq connection and the statements prepared on it. Used by one thread at a time.
//
// Transactions run in libpq's pipeline mode, so that a request waits for as few round trips
// as possible: BEGIN travels with the transaction's first statement (and a new statement's
// PREPARE with its first execution), one round trip for all; a transaction that ends
// without COMMIT sends its ROLLBACK without waiting, and the next transaction on this
// connection reads that answer with its own. COMMIT waits: an acknowledged write is durable.
class Connection final : public sql::Connection {
public:
    explicit Connection(PGconn* c) : conn_(c) {}
    ~Connection() override { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool ok() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }
    const char* error_message() const { return PQerrorMessage(conn_); }

    // One command outside any transaction (migrations, settings, ping), in the simple
    // protocol: the pipeline is left first. Null when the connection is lost.
    PgResult exec(const char* sql) {
        if (!leave_pipeline()) return nullptr;
        metrics::process().database_round_trips.add();
        return PgResult{PQexec(conn_, sql)};
    }

    // Opens a transaction; its BEGIN leaves with the first statement.
    void begin(TxMode m) {
        mode_ = m;
        begin_ = m == TxMode::write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    }

    Result<void> commit() {
        if (!begin_.empty()) {  // nothing ran: nothing to commit
            begin_.clear();
            return {};
        }
        ESCALE_TRY(auto results, round_trip([&] { return send("COMMIT"); }, 1));
        return check(results, {});
    }

    // Ends the transaction without waiting for the database's answer.
    void rollback_later() {
        if (!begin_.empty()) {  // nothing ran: nothing to roll back
            begin_.clear();
            return;
        }
        if (!enter_pipeline() || !send("ROLLBACK") || !PQpipelineSync(conn_)) broken_ = true;
        else ++unread_;
    }

    Result<int> run(const std::string& sql, const sql::Params& params, sql::RowSink* rows,
                    const sql::Meaning& meaning, sql::Planning planning) override {
        // Planned with its values: the unnamed statement, parsed and planned at each run.
        const bool unnamed = planning == sql::Planning::with_values;
        auto it = unnamed ? prepared_.end() : prepared_.find(sql);
        const bool preparing = !unnamed && it == prepared_.end();
        const std::string name = unnamed ? "" : preparing ? "s" + std::to_string(prepared_.size() + 1) : it->second;
        auto values = texts(params);
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (auto& v : values) pointers.push_back(v ? v->c_str() : nullptr);
        const int commands = (begin_.empty() ? 1 : 2) + (preparing ? 1 : 0);
        ESCALE_TRY(auto results, round_trip(
                                     [&] {
                                         if (!begin_.empty() && !send(begin_.c_str())) return false;
                                         begin_.clear();
                                         if (unnamed)
                                             return PQsendQueryParams(conn_, sql.c_str(), static_cast<int>(pointers.size()),
                                                                      nullptr, pointers.data(), nullptr, nullptr, 0) == 1;
                                         if (preparing && !PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr))
                                             return false;
                                         return PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(pointers.size()),
                                                                    pointers.data(), nullptr, nullptr, 0) == 1;
                                     },
                                     commands));
        if (preparing && succeeded(results[static_cast<size_t>(commands - 2)].get())) prepared_.emplace(sql, name);
        ESCALE_TRY_VOID(check(results, meaning));
        const PGresult* res = results.back().get();
        if (rows) {
            try {
                for (int i = 0, n = PQntuples(res); i < n; ++i) rows->take(ResultRow(res, i));
            } catch (const std::exception& e) {
                return fail(errors::internal(e.what()));
            }
        }
        return std::atoi(PQcmdTuples(const_cast<PGresult*>(res)));
    }

    // COPY cannot run in pipeline mode nor take parameters: the pipeline is left, and the
    // statement sent with its values written in (and with the transaction's BEGIN, if still
    // to send), one round trip; each line is given to `rows` as libpq receives it.
    Result<void> stream(const std::string& sql, const sql::Params& params, sql::RowSink& rows) override {
        auto statement = with_literals(sql, params);
        if (!statement) return fail(statement.error());
        if (broken_ || !leave_pipeline()) return fail(lost().error());
        std::string command = begin_.empty() ? "" : begin_ + "; ";
        begin_.clear();
        command += "COPY (" + *statement + ") TO STDOUT";
        if (!PQsendQuery(conn_, command.c_str())) return fail(lost().error());
        metrics::process().database_round_trips.add();
        std::optional<Error> failed;
        CopyRow row;
        while (PgResult r{PQgetResult(conn_)}) {
            if (PQresultStatus(r.get()) != PGRES_COPY_OUT) {
                if (!succeeded(r.get()) && !failed) failed = sql::error_of(failure_of(r.get()), {});
                continue;
            }
            char* line = nullptr;
            int size;
            while ((size = PQgetCopyData(conn_, &line, 0)) >= 0) {  // every line read, even after a failure
                std::unique_ptr<char, decltype(&PQfreemem)> owned(line, PQfreemem);
                if (failed) continue;
                try {
                    row.read(line, static_cast<size_t>(size));
                    rows.take(row);
                } catch (const std::exception& e) {
                    failed = errors::internal(e.what());
                }
            }
            if (size == -2) return fail(lost().error());
        }
        if (failed) return fail(std::move(*failed));
        return {};
    }

    Result<std::int64_t> insert(const std::string& sql, const sql::Params& params, const sql::Meaning& meaning) override {
        struct Id final : sql::RowSink {
            std::int64_t value = 0;
            void take(const sql::Row& row) override { value = row.integer(0); }
        } id;
        auto done = run(sql + " RETURNING id", params, &id, meaning, sql::Planning::once);
        if (!done) return fail(done.error());
        return id.value;
    }

    Result<void> lock(const std::string& key) override {
        if (mode_ != TxMode::write) return {};
        auto done = run("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", {key}, nullptr, {}, sql::Planning::once);
        if (!done) return fail(done.error());
        return {};
    }

    Result<void> exclude_writers(const std::string& table) override {
        if (mode_ != TxMode::write) return {};
        auto done = run("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE", {}, nullptr, {}, sql::Planning::once);
        if (!done) return fail(done.error());
        return {};
    }

private:
    bool send(const char* sql) { return PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1; }

    // The statement with each placeholder $n replaced by parameter n written as an SQL literal.
    Result<std::string> with_literals(const std::string& sql, const sql::Params& params) {
        std::string out;
        out.reserve(sql.size() + 16 * params.size());
        for (size_t i = 0; i < sql.size(); ++i) {
            if (sql[i] != '$' || i + 1 == sql.size() || sql[i + 1] < '0' || sql[i + 1] > '9') {
                out += sql[i];
                continue;
            }
            size_t n = 0;
            auto [end, ec] = std::from_chars(sql.data() + i + 1, sql.data() + sql.size(), n);
            if (ec != std::errc{} || n == 0 || n > params.size())
                return fail(errors::internal(fmt::format("paramètre {} absent", sql.substr(i, end - sql.data() - i))));
            i = static_cast<size_t>(end - sql.data()) - 1;
            const auto& v = params[n - 1];
            if (std::holds_alternative<std::monostate>(v)) out += "NULL";
            else if (auto* b = std::get_if<bool>(&v)) out += *b ? "true" : "false";
            else if (auto* k = std::get_if<std::int64_t>(&v)) out += fmt::format("({})", *k);
            else if (auto* x = std::get_if<double>(&v)) out += fmt::format("CAST('{:.17g}' AS DOUBLE PRECISION)", *x);
            else {
                auto& t = std::get<std::string>(v);
                std::unique_ptr<char, decltype(&PQfreemem)> literal(PQescapeLiteral(conn_, t.data(), t.size()), PQfreemem);
                if (!literal) return fail(errors::internal(PQerrorMessage(conn_)));
                out += literal.get();
            }
        }
        return out;
    }

    bool enter_pipeline() { return PQpipelineStatus(conn_) != PQ_PIPELINE_OFF || PQenterPipelineMode(conn_) == 1; }

    bool leave_pipeline() {
        if (PQpipelineStatus(conn_) == PQ_PIPELINE_OFF) return true;
        if (!read_unread() || !PQexitPipelineMode(conn_)) broken_ = true;
        return !broken_;
    }

    // Sends `commands` commands through `send_all`, then a sync, and waits for their results
    // (after those of the batches sent earlier without waiting). One round trip.
    template <class Send>
    Result<std::vector<PgResult>> round_trip(Send send_all, int commands) {
        if (broken_ || !enter_pipeline() || !send_all() || !PQpipelineSync(conn_)) return lost();
        metrics::process().database_round_trips.add();
        if (!read_unread()) return lost();
        auto results = read_batch(commands);
        if (results.empty()) return lost();
        return results;
    }

    // The results of one batch: each command's result (its stream ends with a null), then
    // the sync point. Empty when the connection is lost.
    std::vector<PgResult> read_batch(int commands) {
        std::vector<PgResult> out;
        for (int i = 0; i < commands; ++i) {
            PgResult r{PQgetResult(conn_)};
            if (!r) return {};
            while (PGresult* more = PQgetResult(conn_)) PQclear(more);
            out.push_back(std::move(r));
        }
        PgResult sync{PQgetResult(conn_)};
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) return {};
        return out;
    }

    // Reads the answers to the ROLLBACKs sent without waiting.
    bool read_unread() {
        for (; unread_ > 0; --unread_) {
            auto r = read_batch(1);
            if (r.empty() || !succeeded(r[0].get())) return false;
        }
        return true;
    }

    Result<std::vector<PgResult>> lost() {
        broken_ = true;
        sql::Failure f;
        f.kind = sql::Failure::unavailable;
        f.message = PQerrorMessage(conn_);
        spdlog::warn("postgresql: {}", f.message);
        return fail(sql::error_of(f, {}));
    }

    // The first failure of a batch (a command after a failed one is reported aborted).
    static Result<void> check(const std::vector<PgResult>& results, const sql::Meaning& meaning) {
        for (auto& r : results)
            if (!succeeded(r.get())) return fail(sql::error_of(failure_of(r.get()), meaning));
        return {};
    }

    PGconn* conn_;
    TxMode mode_ = TxMode::read;
    std::string begin_;   // the BEGIN still to send with the first statement
    int unread_ = 0;      // batches sent without waiting (ROLLBACK) whose answers are unread
    bool broken_ = false;  // lost in the middle of a batch: closed when given back
    std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

class PgStore;

class PgTransaction final : public sql::SqlTransaction {
public:
    PgTransaction(PgStore& store, std::unique_ptr<Connection> conn)
        : SqlTransaction(*conn), store_(store), conn_(std::move(conn)) {}
    ~PgTransaction() override;

    void begin(TxMode mode) {
        conn_->begin(mode);
        open_ = true;
    }

    Result<void> commit() override {
        open_ = false;
        return conn_->commit();
    }

private:
    PgStore& store_;
    std::unique_ptr<Connection> conn_;
    bool open_ = false;
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
        if (!succeeded(r.get())) return fail(sql::error_of(failure_of(r.get()), {}));
        auto applied = conn->exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
        if (!succeeded(applied.get())) return fail(sql::error_of(failure_of(applied.get()), {}));
        int done = std::atoi(PQgetvalue(applied.get(), 0, 0));
        for (size_t i = static_cast<size_t>(done); i < all.size(); ++i) {
            auto step = conn->exec(std::string(all[i]).c_str());
            if (!succeeded(step.get())) {
                conn->exec("ROLLBACK");
                return fail(sql::error_of(failure_of(step.get()), {}));
            }
            conn->exec(fmt::format("INSERT INTO schema_migrations (version) VALUES ({})", i + 1).c_str());
        }
        auto c = conn->exec("COMMIT");
        if (!succeeded(c.get())) return fail(sql::error_of(failure_of(c.get()), {}));
        give_back(std::move(conn));
        return {};
    }

    Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
        ESCALE_TRY(auto conn, take());
        auto tx = std::make_unique<PgTransaction>(*this, std::move(conn));
        tx->begin(mode);
        return std::unique_ptr<Transaction>(std::move(tx));
    }

    Result<void> ping() override {
        ESCALE_TRY(auto conn, take());
        auto r = conn->exec("SELECT 1");
        if (!succeeded(r.get())) return fail(sql::error_of(failure_of(r.get()), {}));
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
        // Dates are read as text: ISO output ("2026-11-30") whatever the server's default.
        if (c->ok() && !succeeded(c->exec("SET datestyle TO ISO").get())) c.reset();
        if (!c || !c->ok()) {
            if (c) spdlog::warn("postgresql: connexion impossible : {}", c->error_message());
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
    if (open_) conn_->rollback_later();
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
