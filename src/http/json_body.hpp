// SPDX-License-Identifier: EUPL-1.2
// Request bodies: a JSON object read into a struct described with BOOST_DESCRIBE_STRUCT,
// member by member, with the API's French errors (invalid_json, unknown_field,
// missing_field, invalid_field, invalid_date). A route declares the shape of its body as
// such a struct and calls decode<Body>(request.body) once. Stateless; safe from any thread.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/instant_text.hpp"
#include "core/local_date.hpp"
#include "core/try.hpp"
#include "http/json_codec.hpp"

namespace escale::http {

// A member the body must carry: when absent, decoding fails with missing_field. When
// present, it is read as a V (so a null is refused unless V itself accepts one).
template <class V>
struct Required {
    V value{};
    const V& operator*() const { return value; }
    const V* operator->() const { return &value; }
};

// An identifier given in a body: a JSON integer greater than zero.
struct PositiveId {
    Id value = 0;
};

// How one JSON value becomes a member of type V, or the error saying what was expected.
// Members of type std::optional<V> take null (and absence) as "none"; any other member
// refuses null. A route may specialise it, before its decode<T>, for a value of its own.
template <class V>
struct FieldReader {
    static Result<void> read(const json::value& j, std::string_view name, V& out);
};

namespace detail {
template <class E>
std::string enum_choices() {
    std::string out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
        out += (out.empty() ? "« " : ", « ") + std::string(e.name) + " »";
    });
    return out;
}
}  // namespace detail

namespace detail {
// Reads the JSON object `j` into the described struct `out`; members are named
// "<name>.<member>" in errors.
template <class T>
Result<void> read_described(const json::value& j, std::string_view name, T& out);
}  // namespace detail

template <class V>
Result<void> FieldReader<V>::read(const json::value& j, std::string_view name, V& out) {
    if constexpr (boost::describe::has_describe_members<V>::value) {
        return detail::read_described(j, name, out);
    } else if constexpr (std::is_same_v<V, bool>) {
        if (!j.is_bool()) return fail(errors::invalid_field(name, "un booléen (true ou false)"));
        out = j.get_bool();
    } else if constexpr (std::is_enum_v<V>) {
        if (!j.is_string() || !boost::describe::enum_from_string(std::string(j.get_string()).c_str(), out))
            return fail(errors::invalid_field(name, "l'une des valeurs " + detail::enum_choices<V>()));
    } else if constexpr (std::is_integral_v<V>) {
        std::int64_t v;
        if (j.is_int64()) v = j.get_int64();
        else if (j.is_uint64() && j.get_uint64() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            v = static_cast<std::int64_t>(j.get_uint64());
        else return fail(errors::invalid_field(name, "un nombre entier"));
        if (v < std::numeric_limits<V>::min() || v > std::numeric_limits<V>::max())
            return fail(errors::invalid_field(name, "un nombre entier dans les limites admises"));
        out = static_cast<V>(v);
    } else if constexpr (std::is_floating_point_v<V>) {
        if (!j.is_number()) return fail(errors::invalid_field(name, "un nombre"));
        out = j.to_number<double>();
    } else if constexpr (std::is_same_v<V, std::string>) {
        if (!j.is_string()) return fail(errors::invalid_field(name, "une chaîne de caractères"));
        out = std::string(j.get_string());
    } else {
        static_assert(!sizeof(V), "no FieldReader for this member type");
    }
    return {};
}

template <class V>
struct FieldReader<std::optional<V>> {
    static Result<void> read(const json::value& j, std::string_view name, std::optional<V>& out) {
        if (j.is_null()) {
            out.reset();
            return {};
        }
        V inner{};
        ESCALE_TRY_VOID(FieldReader<V>::read(j, name, inner));
        out = std::move(inner);
        return {};
    }
};

// A JSON array, each element read as a V and named "<name>[i]" in errors.
template <class V>
struct FieldReader<std::vector<V>> {
    static Result<void> read(const json::value& j, std::string_view name, std::vector<V>& out) {
        if (!j.is_array()) return fail(errors::invalid_field(name, "une liste"));
        out.clear();
        out.reserve(j.get_array().size());
        for (std::size_t i = 0; i < j.get_array().size(); ++i) {
            V v{};
            ESCALE_TRY_VOID(FieldReader<V>::read(j.get_array()[i], std::string(name) + "[" + std::to_string(i) + "]", v));
            out.push_back(std::move(v));
        }
        return {};
    }
};

template <class V>
struct FieldReader<Required<V>> {
    static Result<void> read(const json::value& j, std::string_view name, Required<V>& out) {
        return FieldReader<V>::read(j, name, out.value);
    }
};

template <>
struct FieldReader<PositiveId> {
    static Result<void> read(const json::value& j, std::string_view name, PositiveId& out) {
        if (!j.is_int64() || j.get_int64() <= 0)
            return fail(errors::invalid_field(name, "un identifiant numérique positif"));
        out.value = j.get_int64();
        return {};
    }
};

// A calendar date, "YYYY-MM-DD" (core/local_date.hpp); anything else is invalid_date.
template <>
struct FieldReader<Date> {
    static Result<void> read(const json::value& j, std::string_view name, Date& out) {
        auto d = j.is_string() ? parse_date(j.get_string()) : std::nullopt;
        if (!d) return fail(errors::invalid_date(name));
        out = *d;
        return {};
    }
};

// A half-day, "am" or "pm" (core/local_date.hpp); anything else (null included) is invalid_field.
template <>
struct FieldReader<Half> {
    static Result<void> read(const json::value& j, std::string_view name, Half& out) {
        auto h = j.is_string() ? parse_half(j.get_string()) : std::nullopt;
        if (!h) return fail(errors::invalid_field(name, "« am » (matin) ou « pm » (après-midi)"));
        out = *h;
        return {};
    }
};

// A UTC instant, "YYYY-MM-DDTHH:MM:SSZ" (core/instant_text.hpp).
template <>
struct FieldReader<Instant> {
    static Result<void> read(const json::value& j, std::string_view name, Instant& out) {
        if (!j.is_string()) return fail(errors::invalid_field(name, "une chaîne de caractères"));
        auto t = parse_instant(j.get_string());
        if (!t) return fail(errors::invalid_field(name, instant_text_expected));
        out = *t;
        return {};
    }
};

// What decode does with a member T does not describe.
enum class UnknownFields {
    refuse,  // unknown_field, naming the first one in the body's order
    ignore,  // skipped unread
};

namespace detail {
template <class V>
inline constexpr bool is_required = false;
template <class V>
inline constexpr bool is_required<Required<V>> = true;
}  // namespace detail

namespace detail {
// Reads the members of `obj` into `out`: unknown members first (named with `prefix`), then
// T's public members in their declaration order; the first error is returned.
template <class T>
Result<void> read_members(const json::object& obj, std::string_view prefix, UnknownFields unknown, T& out) {
    using Members = boost::describe::describe_members<T, boost::describe::mod_public>;
    if (unknown == UnknownFields::refuse) {
        for (auto& member : obj) {
            std::string_view key = member.key();  // a plain name: clang 14's lambdas cannot capture a binding
            bool known = false;
            boost::mp11::mp_for_each<Members>([&](auto m) { known = known || key == m.name; });
            if (!known) return fail(errors::unknown_field(std::string(prefix) + std::string(key)));
        }
    }
    Result<void> result;
    boost::mp11::mp_for_each<Members>([&](auto m) {
        if (!result) return;
        using V = std::remove_reference_t<decltype(out.*m.pointer)>;
        auto name = std::string(prefix) + m.name;
        if (auto it = obj.find(m.name); it != obj.end()) result = FieldReader<V>::read(it->value(), name, out.*m.pointer);
        else if constexpr (detail::is_required<V>) result = fail(errors::missing_field(name));
    });
    return result;
}

template <class T>
Result<void> read_described(const json::value& j, std::string_view name, T& out) {
    if (!j.is_object()) return fail(errors::invalid_field(name, "un objet JSON"));
    return read_members(j.get_object(), std::string(name) + ".", UnknownFields::refuse, out);
}
}  // namespace detail

// Reads `body`, which must be a JSON object (invalid_json otherwise), into a T described
// with BOOST_DESCRIBE_STRUCT. Unknown members are looked for first; then T's public members
// are read in their declaration order and the first error is returned. An absent member
// keeps its default value, except a Required one (missing_field). Members may be lists
// (std::vector) and objects (described structs), read the same way, at any depth; their
// errors name the path ("services[2].name").
template <class T>
Result<T> decode(std::string_view body, UnknownFields unknown = UnknownFields::refuse) {
    ESCALE_TRY(json::object obj, parse_object(body));
    T out{};
    ESCALE_TRY_VOID(detail::read_members(obj, "", unknown, out));
    return out;
}

}  // namespace escale::http
