// How the referential entities map to tables, for every Store dialect: the table's name and
// its columns (the struct's members, in declaration order, "id" first), the generic SQL, and
// the overrides that route Transaction's CRUD calls to a dialect's templates.
// Store-internal; nothing above the store includes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/describe/members.hpp>
#include <fmt/format.h>
#include <boost/mp11/algorithm.hpp>

#include "core/entity_label.hpp"
#include "store/store.hpp"

// What an anonymised booking keeps of its instants: the UTC day only, not the second at
// which someone booked (a second is close to a signature). SQL shared by both dialects.
#define ESCALE_ANONYMIZED_TIMES \
    "created_at = created_at - created_at % 86400, state_changed_at = state_changed_at - state_changed_at % 86400"

namespace escale::store_detail {

// The table of each referential entity.
template <class T>
constexpr const char* table_of(Of<T>) { return entity_name<T>(); }

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
    q.table = table_of(Of<T>{});
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

// Inside a Transaction implementation that has list_<T>, find_<T>, insert_, update_ and
// remove_<T>: the overrides of every referential entity's CRUD calls.
#define ESCALE_FORWARD_CRUD_ONE(T)                                                                  \
    Result<std::vector<T>> list(Of<T>, std::optional<SiteId> site) override { return list_<T>(site); } \
    Result<std::optional<T>> find(Of<T>, Id id) override { return find_<T>(id); }                 \
    Result<Id> insert(const T& v) override { return insert_(v); }                                   \
    Result<void> update(const T& v) override { return update_(v); }                                 \
    Result<void> remove(Of<T>, Id id) override { return remove_<T>(id); }
#define ESCALE_FORWARD_CRUD ESCALE_REFERENTIAL_ENTITIES(ESCALE_FORWARD_CRUD_ONE)
