// How the referential entities map to tables, for every Store dialect: the table's name,
// what French speakers call one of its rows, and its columns (the struct's members, in
// declaration order, "id" first). Store-internal; nothing above the store includes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/describe/members.hpp>
#include <fmt/format.h>
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

// The SQL of the generic calls on T's table, in one dialect: `placeholder(n)` writes the
// n-th (1-based) parameter ("?" or "$n"), `insert_suffix` ends an INSERT so that it
// returns the new id where the dialect needs it (" RETURNING id").
struct CrudSql {
    std::string columns;  // every column, "id" first
    std::string table;
    std::string select_all, select_by_site, select_by_id, insert, update, remove;
    std::string (*placeholder)(int);

    // "SELECT <columns> FROM <table> WHERE <column> = <first parameter> ORDER BY id"
    std::string select_where(const char* column) const {
        return fmt::format("SELECT {} FROM {} WHERE {} = {} ORDER BY id", columns, table, column, placeholder(1));
    }
};

template <class T>
CrudSql make_crud_sql(std::string (*placeholder)(int), const char* insert_suffix) {
    CrudSql q;
    q.placeholder = placeholder;
    q.table = info(Of<T>{}).table;
    std::string cols, marks, sets;
    int n = 0;
    for_each_data_column<T>([&](std::string_view c) {
        ++n;
        cols += (cols.empty() ? "" : ", ") + std::string(c);
        marks += (marks.empty() ? "" : ", ") + placeholder(n);
        sets += fmt::format("{}{} = {}", sets.empty() ? "" : ", ", c, placeholder(n));
    });
    q.columns = "id, " + cols;
    q.select_all = fmt::format("SELECT {} FROM {} ORDER BY id", q.columns, q.table);
    q.select_by_site = fmt::format("SELECT {} FROM {} WHERE {} = {} ORDER BY id", q.columns, q.table,
                                   has_site_column<T>() ? "site_id" : "id", placeholder(1));
    q.select_by_id = fmt::format("SELECT {} FROM {} WHERE id = {}", q.columns, q.table, placeholder(1));
    q.insert = fmt::format("INSERT INTO {} ({}) VALUES ({}){}", q.table, cols, marks, insert_suffix);
    q.update = fmt::format("UPDATE {} SET {} WHERE id = {}", q.table, sets, placeholder(n + 1));
    q.remove = fmt::format("DELETE FROM {} WHERE id = {}", q.table, placeholder(1));
    return q;
}

}  // namespace escale::store_detail
