// SPDX-License-Identifier: EUPL-1.2
// SQLite Store: the driver under store/sql/ (statements prepared once per connection, $n
// placeholders rewritten as ?n, failures classified), a pool of connections, transactions
// (BEGIN IMMEDIATE for writers, behind a process-wide writer lock) and group commit.
#include "store/sqlite/sqlite_store.hpp"

#include <mutex>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "store/sql/rooms.hpp"
#include "store/sqlite/local_date_function.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/private_file.hpp"
#include "store/sqlite/wal_sync.hpp"

namespace escale::sqlite {
namespace {

// "$1" → "?1": SQLite's numbered parameters, with the same numbers.
std::string sqlite_placeholders(const std::string& sql) {
    std::string out = sql;
    for (size_t i = 0; i + 1 < out.size(); ++i)
        if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
    return out;
}

class StatementRow final : public sql::Row {
public:
    explicit StatementRow(sqlite3_stmt* st) : st_(st) {}
    bool is_null(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    std::int64_t integer(int col) const override { return sqlite3_column_int64(st_, col); }
    double real(int col) const override { return sqlite3_column_double(st_, col); }
    bool boolean(int col) const override { return sqlite3_column_int64(st_, col) != 0; }
    std::string_view text(int col) const override {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
        return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string_view();
    }

private:
    sqlite3_stmt* st_;
};

// One SQLite connection with its prepared statements. Used by one thread at a time.
class Connection final : public sql::Connection {
public:
    explicit Connection(const Options& o)
        : db_(create_private(o.path), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, o.busy_timeout_ms) {
        sqlite3_extended_result_codes(db_.getHandle(), 1);
        db_.exec("PRAGMA journal_mode = WAL");
        // Durability at commit comes from WalSync (group commit) when synchronous_full is set.
        db_.exec("PRAGMA synchronous = NORMAL");
        db_.exec("PRAGMA foreign_keys = ON");
        add_local_date_function(db_.getHandle());
    }
    ~Connection() override {
        for (auto& [sql, st] : statements_) sqlite3_finalize(st);
    }

    Result<int> run(const std::string& sql, const sql::Params& params, sql::RowSink* rows,
                    const sql::Meaning& meaning, sql::Planning) override {
        sqlite3_stmt* st = prepare(sql);
        if (!st) return fail(sql::error_of(failure(sqlite3_extended_errcode(handle())), meaning));
        // Every statement is reset before returning: one left mid-result would keep its read
        // snapshot open past COMMIT (and the next write would fail with SQLITE_BUSY_SNAPSHOT).
        struct Reset {
            sqlite3_stmt* st;
            ~Reset() {
                sqlite3_reset(st);
                sqlite3_clear_bindings(st);
            }
        } reset{st};
        int i = 1;
        for (const auto& v : params) bind(st, i++, v);
        StatementRow row(st);
        int rc;
        try {
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                if (rows) rows->take(row);
        } catch (const std::exception& e) {
            return fail(errors::internal(e.what()));
        }
        if (rc != SQLITE_DONE) return fail(sql::error_of(failure(rc), meaning));
        return sqlite3_changes(handle());
    }

    Result<void> stream(const std::string& sql, const sql::Params& params, sql::RowSink& rows) override {
        auto done = run(sql, params, &rows, {}, sql::Planning::once);
        if (!done) return fail(done.error());
        return {};
    }

    Result<std::int64_t> insert(const std::string& sql, const sql::Params& params, const sql::Meaning& meaning) override {
        auto done = run(sql, params, nullptr, meaning, sql::Planning::once);
        if (!done) return fail(done.error());
        return sqlite3_last_insert_rowid(handle());
    }

    Result<void> lock(const std::string&) override { return {}; }  // writers are serialised
    Result<void> exclude_writers(const std::string&) override { return {}; }

    SQLite::Database& db() { return db_; }

private:
    sqlite3* handle() { return db_.getHandle(); }

    sqlite3_stmt* prepare(const std::string& sql) {
        auto it = statements_.find(sql);
        if (it != statements_.end()) return it->second;
        sqlite3_stmt* st = nullptr;
        auto text = sqlite_placeholders(sql);
        if (sqlite3_prepare_v3(handle(), text.c_str(), static_cast<int>(text.size()), 0, &st,
                               nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            return nullptr;
        }
        statements_.emplace(sql, st);
        return st;
    }

    static void bind(sqlite3_stmt* st, int i, const sql::Value& v) {
        std::visit(
            [&](const auto& x) {
                using V = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<V, std::monostate>) sqlite3_bind_null(st, i);
                else if constexpr (std::is_same_v<V, bool>) sqlite3_bind_int(st, i, x ? 1 : 0);
                else if constexpr (std::is_same_v<V, std::int64_t>) sqlite3_bind_int64(st, i, x);
                else if constexpr (std::is_same_v<V, double>) sqlite3_bind_double(st, i, x);
                else sqlite3_bind_text(st, i, x.data(), static_cast<int>(x.size()), SQLITE_TRANSIENT);
            },
            v);
    }

    sql::Failure failure(int code) {
        sql::Failure f;
        f.message = sqlite3_errmsg(handle());
        switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE:
            case SQLITE_CONSTRAINT_PRIMARYKEY:
                f.kind = sql::Failure::unique;
                f.constraint = constraint_named_in(f.message);
                return f;
            case SQLITE_CONSTRAINT_FOREIGNKEY: f.kind = sql::Failure::foreign_key; return f;
            default: break;
        }
        switch (code & 0xff) {
            case SQLITE_CONSTRAINT: return f;
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
            case SQLITE_IOERR:
            case SQLITE_FULL:
            case SQLITE_CANTOPEN: f.kind = sql::Failure::unavailable; break;
            default: break;
        }
        spdlog::warn("sqlite: {} (code {})", f.message, code);
        return f;
    }

    // The unique index a constraint message names: "index 'x'" for an index on expressions,
    // else its columns ("t.a, t.b"), looked up among the schema's unique indexes.
    std::string constraint_named_in(const std::string& message) {
        auto colon = message.find(": ");
        if (colon == std::string::npos) return {};
        std::string what = message.substr(colon + 2);
        if (what.rfind("index '", 0) == 0 && what.back() == '\'') return what.substr(7, what.size() - 8);
        if (unique_indexes_.empty()) {
            SQLite::Statement q(db_,
                                "SELECT m.tbl_name, m.name, ii.name FROM sqlite_master m "
                                "JOIN pragma_index_list(m.tbl_name) il ON il.name = m.name AND il.\"unique\" = 1 "
                                "JOIN pragma_index_info(m.name) ii WHERE m.type = 'index' ORDER BY m.name, ii.seqno");
            std::string index, columns;
            auto keep = [&] {
                if (!index.empty()) unique_indexes_[columns] = index;
            };
            while (q.executeStep()) {
                std::string name = q.getColumn(1).getString();
                if (name != index) {
                    keep();
                    index = name;
                    columns.clear();
                }
                columns += (columns.empty() ? "" : ", ") + q.getColumn(0).getString() + "." + q.getColumn(2).getString();
            }
            keep();
        }
        auto it = unique_indexes_.find(what);
        return it == unique_indexes_.end() ? what : it->second;
    }

    SQLite::Database db_;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;  // by the SQL as written
    std::unordered_map<std::string, std::string> unique_indexes_;  // "t.a, t.b" → index name
};

class SqliteStore;

// Runs f, turning an exception of SQLiteCpp (opening a connection, migrating) into an Error.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception& e) {
        spdlog::warn("sqlite: {}", e.what());
        return fail(errors::database_unavailable());
    }
}

class SqliteTransaction final : public sql::SqlTransaction {
public:
    SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> conn, std::unique_lock<std::mutex> writer)
        : SqlTransaction(*conn), store_(store), conn_(std::move(conn)), writer_(std::move(writer)) {}
    ~SqliteTransaction() override;

    Result<void> begin(TxMode mode) {
        auto done = conn_->run(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr, {}, sql::Planning::once);
        if (!done) return fail(done.error());
        open_ = true;
        return {};
    }
    Result<void> commit() override;

private:
    SqliteStore& store_;
    std::unique_ptr<Connection> conn_;
    std::unique_lock<std::mutex> writer_;
    bool open_ = false;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(Options o) : options_(std::move(o)) {
        if (options_.synchronous_full) wal_sync_ = std::make_unique<WalSync>(options_.path + "-wal");
    }
    WalSync* wal_sync() { return wal_sync_.get(); }

    Result<void> migrate() {
        return guarded([&]() -> Result<void> {
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
        return guarded([&]() -> Result<std::unique_ptr<Transaction>> {
            std::unique_lock<std::mutex> writer;
            if (mode == TxMode::write) writer = std::unique_lock(writer_);
            auto tx = std::make_unique<SqliteTransaction>(*this, take(), std::move(writer));
            auto begun = tx->begin(mode);
            if (!begun) return fail(begun.error());
            return std::unique_ptr<Transaction>(std::move(tx));
        });
    }

    Result<void> ping() override {
        return guarded([&]() -> Result<void> {
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
    auto done = conn_->run("COMMIT", {}, nullptr, {}, sql::Planning::once);
    if (!done) return fail(done.error());
    open_ = false;
    if (!writer_.owns_lock()) return {};
    WalSync* sync = store_.wal_sync();
    if (!sync) return {};
    auto n = sync->committed();
    writer_.unlock();  // the next writer may go on while this commit is flushed
    if (!sync->wait_durable(n)) return fail(errors::database_unavailable());
    return {};
}

SqliteTransaction::~SqliteTransaction() {
    // A connection whose transaction cannot be rolled back is dropped, not pooled.
    if (open_ && !conn_->run("ROLLBACK", {}, nullptr, {}, sql::Planning::once)) return;
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
