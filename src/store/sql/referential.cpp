// SPDX-License-Identifier: EUPL-1.2
// The referential's SQL: generic create/read/update/delete over every described entity
// (table name from core/entity_label.hpp, columns from the struct's members), each write
// bumping the referential version in the same transaction.
#include <fmt/format.h>

#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

template <class T>
constexpr bool has_site_column() {
    bool found = false;
    boost::mp11::mp_for_each<Members<T>>([&](auto m) { found = found || std::string_view(m.name) == "site_id"; });
    return found;
}

// The statements of the generic calls on T's table, built once.
template <class T>
struct Crud {
    std::string columns, select_all, select_by_site, select_by_id, insert, update, remove;

    // "SELECT <columns> FROM <table> WHERE <column> = $1 ORDER BY id"
    std::string select_where(const char* column) const {
        return fmt::format("SELECT {} FROM {} WHERE {} = $1 ORDER BY id", columns, entity_name<T>(), column);
    }

    static const Crud& get() {
        static const Crud c = [] {
            Crud q;
            const char* table = entity_name<T>();
            std::string cols, marks, sets;
            int n = 0;
            boost::mp11::mp_for_each<Members<T>>([&](auto m) {
                std::string_view name = m.name;
                if (name == "id") return;
                ++n;
                cols += fmt::format("{}{}", cols.empty() ? "" : ", ", name);
                marks += fmt::format("{}${}", marks.empty() ? "" : ", ", n);
                sets += fmt::format("{}{} = ${}", sets.empty() ? "" : ", ", name, n);
            });
            q.columns = "id, " + cols;
            q.select_all = fmt::format("SELECT {} FROM {} ORDER BY id", q.columns, table);
            q.select_by_site = fmt::format("SELECT {} FROM {} WHERE {} = $1 ORDER BY id", q.columns, table,
                                           has_site_column<T>() ? "site_id" : "id");
            q.select_by_id = fmt::format("SELECT {} FROM {} WHERE id = $1", q.columns, table);
            q.insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", table, cols, marks);
            q.update = fmt::format("UPDATE {} SET {} WHERE id = ${}", table, sets, n + 1);
            q.remove = fmt::format("DELETE FROM {} WHERE id = $1", table);
            return q;
        }();
        return c;
    }
};

template <class T>
T read_entity(const Row& r) {
    return read_described<T>(r);
}


class SqlReferential final : public ReferentialStore {
public:
    explicit SqlReferential(Connection& c) : c_(c) {}

#define ESCALE_CRUD_OVERRIDES(T)                                                                    \
    Result<std::vector<T>> list(Of<T>, std::optional<SiteId> site) override { return list_<T>(site); } \
    Result<std::optional<T>> find(Of<T>, Id id) override { return find_<T>(id); }                 \
    Result<Id> insert(const T& v) override { return insert_(v); }                                   \
    Result<void> update(const T& v) override { return update_(v); }                                 \
    Result<void> remove(Of<T>, Id id) override { return remove_<T>(id); }
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_CRUD_OVERRIDES)
#undef ESCALE_CRUD_OVERRIDES

    Result<std::int64_t> version() override {
        ESCALE_TRY(auto v, first_row(c_, "SELECT version FROM referential_version WHERE id = 1", {},
                                     [](const Row& r) { return r.integer(0); }));
        if (!v) return fail(errors::internal("referential_version row missing"));
        return *v;
    }

    Result<std::vector<Desk>> desks_on_floor(FloorId floor) override {
        static const std::string sql = Crud<Desk>::get().select_where("floor_id");
        return rows(c_, sql, params(floor), read_entity<Desk>);
    }

    Result<std::optional<Resident>> find_resident_by_email(const std::string& email) override {
        static const std::string sql = Crud<Resident>::get().select_where("email");
        return first_row(c_, sql, params(email), read_entity<Resident>);
    }

    Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) override {
        static const std::string sql = Crud<RoleGrant>::get().select_where("resident_id");
        return rows(c_, sql, params(r), read_entity<RoleGrant>);
    }

private:
    template <class T>
    Result<std::vector<T>> list_(std::optional<SiteId> site) {
        auto& q = Crud<T>::get();
        return site ? rows(c_, q.select_by_site, params(*site), read_entity<T>)
                    : rows(c_, q.select_all, {}, read_entity<T>);
    }
    template <class T>
    Result<std::optional<T>> find_(Id id) {
        return first_row(c_, Crud<T>::get().select_by_id, params(id), read_entity<T>);
    }
    template <class T>
    Result<Id> insert_(const T& v) {
        ESCALE_TRY(Id id, c_.insert(Crud<T>::get().insert, described_params(v), Meaning{.label = entity_label<T>()}));
        ESCALE_TRY_VOID(bump_version());
        return id;
    }
    template <class T>
    Result<void> update_(const T& v) {
        auto p = described_params(v);
        p.push_back(value(v.id));
        ESCALE_TRY(int n, execute(c_, Crud<T>::get().update, p, Meaning{.label = entity_label<T>()}));
        if (n == 0) return fail(errors::not_found(entity_label<T>()));
        return bump_version();
    }
    template <class T>
    Result<void> remove_(Id id) {
        ESCALE_TRY(int n, execute(c_, Crud<T>::get().remove, params(id),
                                  Meaning{.label = entity_label<T>(), .deleting = true}));
        if (n == 0) return fail(errors::not_found(entity_label<T>()));
        return bump_version();
    }

    Result<void> bump_version() {
        ESCALE_TRY_VOID(execute(c_, "UPDATE referential_version SET version = version + 1 WHERE id = 1"));
        return {};
    }

    Connection& c_;
};

}  // namespace

std::unique_ptr<ReferentialStore> referential_room(Connection& c) { return std::make_unique<SqlReferential>(c); }

}  // namespace escale::sql
