// SPDX-License-Identifier: EUPL-1.2
// Connection::stream on every database (SQLite and PostgreSQL): the long reads of the analytics
// come through it (on PostgreSQL as COPY ... TO STDOUT, its parameters written into the
// statement). Every row and value arrives as written, text with tabs, newlines, backslashes and
// quotes included; NULL stays NULL; the transaction goes on after the stream; a failing
// statement, or a reader that throws in the middle, is an error that leaves the connection fit
// for the next transaction.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"
#include "throwaway_store.hpp"

using namespace escale;

namespace {

class StreamTest : public ThrowawayStoreTest {
protected:
    StreamTest() : ThrowawayStoreTest("escale_stream_") {}

    static sql::Connection& connection(Transaction& t) { return dynamic_cast<sql::SqlTransaction&>(t).connection(); }
};

const std::string awkward = "tab\there, new\nline\r, back\\slash \\N, 'quoted' \"twice\", é, €, $1";

struct Seen {
    std::int64_t i = 0;
    std::string text;
    bool null = false;
    double real = 0;
    bool flag = false;
    std::int64_t shifted = 0;
};

TEST_P(StreamTest, EveryRowArrivesWithItsValuesAndTheTransactionGoesOn) {
    auto t = tx(TxMode::read);  // the stream is the transaction's first statement
    const std::string sql =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "
        "SELECT i, CAST($2 AS TEXT), NULL, $3, $4, i - $5 FROM n";
    std::int64_t rows = 0, sum = 0;
    Seen last;
    auto each = [&](const Seen& s) {
        ++rows;
        sum += s.i;
        last = s;
    };
    auto done = sql::stream_rows(connection(*t), sql, sql::params(std::int64_t{20000}, awkward, 2.5, true, std::int64_t{-7}),
                                 [](const sql::Row& r) {
                                     return Seen{r.integer(0), std::string(r.text(1)), r.is_null(2), r.real(3),
                                                 r.boolean(4), r.integer(5)};
                                 }, each);
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(rows, 20000);
    EXPECT_EQ(sum, 20000LL * 20001 / 2);
    EXPECT_EQ(last.i, 20000);
    EXPECT_EQ(last.text, awkward);
    EXPECT_TRUE(last.null);
    EXPECT_DOUBLE_EQ(last.real, 2.5);
    EXPECT_TRUE(last.flag);
    EXPECT_EQ(last.shifted, 20007);

    // the same transaction reads on, then commits
    auto after = sql::rows(connection(*t), "SELECT CAST($1 AS TEXT)", sql::params(awkward),
                           [](const sql::Row& r) { return std::string(r.text(0)); });
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(*after, std::vector<std::string>{awkward});
    EXPECT_TRUE(t->commit());
}

TEST_P(StreamTest, AFailureIsAnErrorAndTheNextTransactionRuns) {
    auto count = [](std::int64_t& n) { return [&n](std::int64_t) { ++n; }; };
    auto read = [](const sql::Row& r) { return r.integer(0); };
    {
        auto t = tx(TxMode::read);
        std::int64_t n = 0;
        auto each = count(n);
        auto done = sql::stream_rows(connection(*t), "SELECT missing FROM no_such_table", {}, read, each);
        EXPECT_FALSE(done);
    }
    {
        auto t = tx(TxMode::read);
        std::int64_t n = 0;
        auto each = [&](std::int64_t i) {
            if (++n == 100 && i > 0) throw std::runtime_error("lecteur en échec");
        };
        auto done = sql::stream_rows(connection(*t),
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "
                                     "SELECT i FROM n",
                                     sql::params(std::int64_t{5000}), read, each);
        ASSERT_FALSE(done);
        EXPECT_EQ(done.error().cause, "lecteur en échec");
        EXPECT_EQ(n, 100);  // the rows after the failure are read, not given
    }
    for (int i = 0; i < 3; ++i) {  // whichever connection of the pool serves it
        auto t = tx(TxMode::read);
        std::int64_t n = 0;
        auto each = count(n);
        auto done = sql::stream_rows(connection(*t),
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "
                                     "SELECT i FROM n",
                                     sql::params(std::int64_t{10}), read, each);
        ASSERT_TRUE(done) << done.error().message;
        EXPECT_EQ(n, 10);
        EXPECT_TRUE(t->commit());
    }
}

INSTANTIATE_TEST_SUITE_P(Databases, StreamTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
