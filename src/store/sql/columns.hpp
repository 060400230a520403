// SPDX-License-Identifier: EUPL-1.2
// Domain values ↔ database values, written once for every database: how an instant, a date,
// a half-day, a booking state, a described enum or an optional goes into a parameter and
// comes back out of a column, and the same for every member of a Boost.Describe'd struct
// (column names are member names, in member order). Store-internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "core/clock.hpp"
#include "core/desk_booking.hpp"
#include "core/local_date.hpp"
#include "store/sql/connection.hpp"

namespace escale::sql {

template <class T>
using Members = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// ---- into a parameter ----

template <class V>
Value value(const V& v) {
    if constexpr (is_optional<V>::value) {
        return v ? value(*v) : Value{};
    } else if constexpr (std::is_same_v<V, bool>) {
        return v;
    } else if constexpr (std::is_same_v<V, Instant>) {
        return static_cast<std::int64_t>(v.time_since_epoch().count());
    } else if constexpr (std::is_same_v<V, Date>) {
        return format_date(v);
    } else if constexpr (std::is_same_v<V, Half> || std::is_same_v<V, BookingState>) {
        return std::string(to_string(v));
    } else if constexpr (std::is_enum_v<V>) {
        return std::string(boost::describe::enum_to_string(v, ""));
    } else if constexpr (std::is_integral_v<V>) {
        return static_cast<std::int64_t>(v);
    } else if constexpr (std::is_floating_point_v<V>) {
        return static_cast<double>(v);
    } else if constexpr (std::is_convertible_v<V, std::string_view>) {
        return std::string(std::string_view(v));
    } else {
        static_assert(!sizeof(V), "no database value for this type");
    }
}

// The parameters $1, $2... of a statement.
template <class... V>
Params params(const V&... v) {
    return Params{value(v)...};
}

// ---- out of a column ----

template <class V>
void read(const Row& row, int col, V& out) {
    if constexpr (is_optional<V>::value) {
        if (row.is_null(col)) {
            out.reset();
        } else {
            typename V::value_type inner{};
            read(row, col, inner);
            out = std::move(inner);
        }
    } else if constexpr (std::is_same_v<V, bool>) {
        out = row.boolean(col);
    } else if constexpr (std::is_same_v<V, Instant>) {
        out = Instant{std::chrono::seconds{row.integer(col)}};
    } else if constexpr (std::is_same_v<V, Date>) {
        out = parse_date(row.text(col)).value_or(Date{});
    } else if constexpr (std::is_same_v<V, Half>) {
        out = parse_half(row.text(col)).value_or(Half::am);
    } else if constexpr (std::is_same_v<V, BookingState>) {
        out = parse_booking_state(row.text(col)).value_or(BookingState::reserved);
    } else if constexpr (std::is_enum_v<V>) {
        boost::describe::enum_from_string(std::string(row.text(col)).c_str(), out);
    } else if constexpr (std::is_integral_v<V>) {
        out = static_cast<V>(row.integer(col));
    } else if constexpr (std::is_floating_point_v<V>) {
        out = static_cast<V>(row.real(col));
    } else if constexpr (std::is_same_v<V, std::string>) {
        out.assign(row.text(col));
    } else {
        static_assert(!sizeof(V), "no column reader for this type");
    }
}

// Reads columns first, first + 1... into each of `out`, in order; returns the next column.
template <class... V>
int read_columns(const Row& row, int first, V&... out) {
    int col = first;
    (read(row, col++, out), ...);
    return col;
}

// ---- described structs ----

// Reads every member of T, in order, from column `first` on.
template <class T>
T read_described(const Row& row, int first = 0) {
    T v{};
    int col = first;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { read(row, col++, v.*m.pointer); });
    return v;
}

template <class T>
constexpr int member_count() {
    return static_cast<int>(boost::mp11::mp_size<Members<T>>::value);
}

// The parameters of every member of T but "id", in order.
template <class T>
Params described_params(const T& v) {
    Params p;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) {
        if (std::string_view(m.name) != "id") p.push_back(value(v.*m.pointer));
    });
    return p;
}

// "p.a, p.b, ..." for every member of T, in order, with prefix p.
template <class T>
std::string prefixed_columns(std::string_view prefix) {
    std::string out;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) {
        if (!out.empty()) out += ", ";
        out += prefix;
        out += m.name;
    });
    return out;
}

}  // namespace escale::sql
