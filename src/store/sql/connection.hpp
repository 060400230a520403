// SPDX-License-Identifier: EUPL-1.2
// The thin interface every statement of store/sql/ runs over: one database connection,
// inside one open transaction. Each database (store/sqlite/, store/postgres/) implements it
// once; the SQL of every capability is written once above it.
//
// Statements are written with numbered placeholders ($1, $2...; the SQLite driver rewrites
// them) in the SQL both databases understand. Values travel as the five kinds of Value;
// rows are read by column index through Row.
//
// A Connection belongs to the thread of its transaction; it is not safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/noun.hpp"

namespace escale::sql {

// A statement parameter: NULL, integer, real, boolean or text.
using Value = std::variant<std::monostate, std::int64_t, double, bool, std::string>;
using Params = std::vector<Value>;

// One row of a result, read by column index (0 first). A NULL reads as 0, false or "".
class Row {
public:
    virtual bool is_null(int col) const = 0;
    virtual std::int64_t integer(int col) const = 0;
    virtual double real(int col) const = 0;
    virtual bool boolean(int col) const = 0;
    // Valid until the next row is read.
    virtual std::string_view text(int col) const = 0;

protected:
    ~Row() = default;
};

// Receives the rows of a result, in order.
class RowSink {
public:
    virtual void take(const Row& row) = 0;

protected:
    ~RowSink() = default;
};

// A failed statement, as the driver classifies it.
struct Failure {
    enum Kind {
        unique,       // a unique index or primary key refused the row
        foreign_key,  // a reference to nothing, or a deletion of what is still referenced
        contention,   // the database gave the transaction up (serialisation failure, deadlock)
        unavailable,  // the database cannot be reached, is busy or out of space
        other,
        exclusion,    // an exclusion constraint refused the row (PostgreSQL; collective spaces)
    } kind = other;
    std::string constraint;  // the violated index or constraint, when the database names it
    std::string message;     // the database's own words, for the log
};

// What a statement's failures mean to its caller.
struct Meaning {
    Noun label = masculine("élément");  // names the thing written, in already_exists and in_use
    bool deleting = false;              // a foreign-key failure means "still in use"
    // The error of a unique failure on a named constraint; null: already_exists(label).
    Error (*unique_error)(std::string_view constraint) = nullptr;
    // collective spaces: the error of an exclusion failure on a named constraint; null: internal.
    Error (*exclusion_error)(std::string_view constraint) = nullptr;
};

// The Error a failure means to the person who caused it.
Error error_of(const Failure& f, const Meaning& m);

// How PostgreSQL plans a statement (SQLite plans each statement once, the same way for all
// values). `once`: prepared on first use, its plan kept for any values — after five runs,
// one plan estimated without them. `with_values`: planned at each run for its values: for a
// read over a range that may be a day or a year, where the kept plan walked a year of rows
// through the index (22 ms where a sequential scan takes 3).
enum class Planning { once, with_values };

class Connection {
public:
    virtual ~Connection() = default;

    // Runs one statement with these parameters, gives every row it returns to `rows` (when
    // not null), and returns how many rows it inserted, updated or deleted. A failure comes
    // back as error_of(failure, meaning); the transaction is then fit only for rollback.
    virtual Result<int> run(const std::string& sql, const Params& params, RowSink* rows, const Meaning& meaning,
                            Planning planning) = 0;

    // Runs one read that may return tens of thousands of rows, planned with its values, and
    // gives each row to `rows` as it arrives, none held. PostgreSQL sends them as
    // COPY (...) TO STDOUT, its parameters written into the statement as literals (so no
    // `$` may appear in the SQL but in placeholders): a year of the analytics' desk counters
    // (25,844 rows of 8 columns) come in 12 ms that way against 26 ms as a result, whose
    // every value libpq keeps. SQLite steps the statement as run does.
    virtual Result<void> stream(const std::string& sql, const Params& params, RowSink& rows) = 0;

    // Runs one INSERT (written without RETURNING) into a table whose key is an integer `id`,
    // and returns the new row's id: PostgreSQL adds RETURNING id; SQLite reads the last
    // inserted rowid (its RETURNING costs a statement journal, about a fifth of the booking
    // throughput).
    virtual Result<std::int64_t> insert(const std::string& sql, const Params& params, const Meaning& meaning) = 0;

    // In a write transaction, waits for and holds until the transaction ends the lock of
    // `key`, which every process sharing the database respects: two servers updating one
    // record cannot lose an update. (SQLite serialises writers anyway.)
    virtual Result<void> lock(const std::string& key) = 0;

    // In a write transaction, waits until every other transaction that has written to `table`
    // has ended, and keeps any from writing to it until this one ends (PostgreSQL: LOCK TABLE
    // in SHARE ROW EXCLUSIVE mode; SQLite serialises writers anyway). Costs every writer of
    // the table a wait: for rare moves of a boundary that triggers of the table read.
    virtual Result<void> exclude_writers(const std::string& table) = 0;
};

}  // namespace escale::sql
