// How the referential entities map to tables, for every Store dialect: the table's name,
// what French speakers call one of its rows, and its columns (the struct's members, in
// declaration order, "id" first). Store-internal; nothing above the store includes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "store/store.hpp"

namespace escale::store_detail {

struct TableInfo {
    const char* table;
    const char* label;  // French, for messages: "Le site", ...
};
constexpr TableInfo info(Of<Site>) { return {"sites", "Le site"}; }
constexpr TableInfo info(Of<Floor>) { return {"floors", "Le niveau"}; }
constexpr TableInfo info(Of<Zone>) { return {"zones", "Le quartier"}; }
constexpr TableInfo info(Of<Service>) { return {"services", "Le service"}; }
constexpr TableInfo info(Of<Resident>) { return {"residents", "Le résident"}; }
constexpr TableInfo info(Of<Desk>) { return {"desks", "Le poste de travail"}; }
constexpr TableInfo info(Of<Space>) { return {"spaces", "L'espace collectif"}; }
constexpr TableInfo info(Of<Locker>) { return {"lockers", "Le casier"}; }
constexpr TableInfo info(Of<Closure>) { return {"closures", "Le jour de fermeture"}; }

template <class T>
using Members = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
constexpr bool has_site_column() {
    bool found = false;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { found = found || std::string_view(m.name) == "site_id"; });
    return found;
}

// "p.a, p.b, ..." for every column of T (all members, in order), with prefix p.
template <class T>
std::string prefixed_columns(const char* prefix) {
    std::string out;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { out += (out.empty() ? "" : ", ") + std::string(prefix) + m.name; });
    return out;
}

// Calls f(name) for every column but "id", in order.
template <class T, class F>
void for_each_data_column(F&& f) {
    boost::mp11::mp_for_each<Members<T>>([&](auto m) {
        if (std::string_view(m.name) != "id") f(std::string_view(m.name));
    });
}

}  // namespace escale::store_detail
