// SPDX-License-Identifier: EUPL-1.2
// The three shapes of statement the capabilities run — a command, a list of rows, at most
// one row — over a Connection, with the row read by a function of the caller's. Store-internal.
#pragma once

#include <optional>
#include <type_traits>
#include <string>
#include <vector>

#include "store/sql/connection.hpp"

namespace escale::sql {

namespace detail {
template <class Read, class Each>
class Visit final : public RowSink {
public:
    Visit(Read& read, Each& each) : read_(read), each_(each) {}
    void take(const Row& row) override { each_(read_(row)); }

private:
    Read& read_;
    Each& each_;
};

template <class T, class Read>
class Collect final : public RowSink {
public:
    explicit Collect(Read& read) : read_(read) {}
    void take(const Row& row) override { out.push_back(read_(row)); }
    std::vector<T> out;

private:
    Read& read_;
};
}  // namespace detail

// Runs a statement that returns no rows; returns how many rows it changed.
inline Result<int> execute(Connection& c, const std::string& sql, const Params& p = {}, const Meaning& m = {}) {
    return c.run(sql, p, nullptr, m, Planning::once);
}

// Every row of a statement, each read by read(const Row&) -> T.
template <class Read, class T = std::invoke_result_t<Read&, const Row&>>
Result<std::vector<T>> rows(Connection& c, const std::string& sql, const Params& p, Read read,
                            const Meaning& m = {}, Planning planning = Planning::once) {
    detail::Collect<T, Read> sink(read);
    auto done = c.run(sql, p, &sink, m, planning);
    if (!done) return tl::unexpected(std::move(done.error()));
    return std::move(sink.out);
}

// Every row of a statement, each read by read(const Row&) and given to each(row) as it comes,
// none held.
template <class Read, class Each>
Result<void> each_row(Connection& c, const std::string& sql, const Params& p, Read read, Each& each) {
    detail::Visit<Read, Each> sink(read, each);
    auto done = c.run(sql, p, &sink, {}, Planning::once);
    if (!done) return tl::unexpected(std::move(done.error()));
    return {};
}

// Every row of a read over a long range (a year of daily counters), each read by
// read(const Row&) and given to each(row) as it arrives: Connection::stream.
template <class Read, class Each>
Result<void> stream_rows(Connection& c, const std::string& sql, const Params& p, Read read, Each& each) {
    detail::Visit<Read, Each> sink(read, each);
    return c.stream(sql, p, sink);
}

// The first row of a statement, if any (a statement meant to return at most one).
template <class Read, class T = std::invoke_result_t<Read&, const Row&>>
Result<std::optional<T>> first_row(Connection& c, const std::string& sql, const Params& p, Read read,
                                   const Meaning& m = {}) {
    auto all = rows(c, sql, p, std::move(read), m);
    if (!all) return tl::unexpected(std::move(all.error()));
    if (all->empty()) return std::optional<T>{};
    return std::optional<T>{std::move(all->front())};
}

}  // namespace escale::sql
