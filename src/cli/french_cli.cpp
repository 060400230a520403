// SPDX-License-Identifier: EUPL-1.2
#include "cli/french_cli.hpp"

#include <iostream>
#include <map>
#include <regex>
#include <sstream>

namespace escale::cli {

namespace {

// CLI11's type names, as the help shows them after an option.
const std::map<std::string, std::string>& type_labels() {
    static const std::map<std::string, std::string> labels = {
        {"TEXT", "TEXTE"}, {"INT", "ENTIER"}, {"UINT", "ENTIER"}, {"FLOAT", "NOMBRE"}, {"BOOLEAN", "BOOLÉEN"}};
    return labels;
}

// What a value of this type name should look like, for conversion errors.
std::string expected_value(const std::string& type_name) {
    auto base = type_name.substr(0, type_name.find(':'));
    if (base == "INT" || base == "UINT") return "un entier attendu";
    if (base == "FLOAT") return "un nombre attendu";
    if (base == "BOOLEAN") return "oui/non attendu (true ou false)";
    return "une autre valeur attendue";
}

std::string join_french(const std::vector<std::string>& items, const std::string& last_sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += i + 1 == items.size() ? last_sep : ", ";
        out += items[i];
    }
    return out;
}

class FrenchFormatter : public CLI::Formatter {
public:
    FrenchFormatter() {
        label("Usage", "Utilisation ");
        label("OPTIONS", "OPTIONS");
        label("SUBCOMMAND", "SOUS-COMMANDE");
        label("SUBCOMMANDS", "SOUS-COMMANDES");
        label("Positionals", "Arguments");
        label("REQUIRED", "OBLIGATOIRE");
        label("Env", "Variable");
        label("Needs", "Requiert");
        label("Excludes", "Exclut");
        for (const auto& [en, fr] : type_labels()) label(en, fr);
    }

    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
        std::ostringstream out;
        out << "\n" << group << " :\n";
        for (const auto* opt : opts) out << make_option(opt, is_positional);
        return out.str();
    }

    std::string make_option_opts(const CLI::Option* opt) const override {
        std::ostringstream out;
        if (opt->get_type_size() != 0) {
            auto type = opt->get_type_name();
            auto colon = type.find(':');
            auto base = type.substr(0, colon);
            if (!base.empty()) out << " " << get_label(base);
            if (colon != std::string::npos) out << " " << type.substr(colon + 1);
            if (!opt->get_default_str().empty()) out << " (par défaut : " << opt->get_default_str() << ")";
            if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out << " ...";
            if (opt->get_required()) out << " " << get_label("REQUIRED");
        }
        return out.str();
    }

    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
        std::ostringstream out;
        auto subs = app->get_subcommands([](const CLI::App* s) { return !s->get_name().empty() && !s->get_disabled(); });
        if (subs.empty()) return {};
        out << "\n" << app->get_group() << " :\n";
        for (const auto* s : subs) out << make_subcommand(s);
        return out.str();
    }
};

// The command chain the parser went into: the root and each parsed sub-command.
std::vector<const CLI::App*> parsed_chain(const CLI::App& root) {
    std::vector<const CLI::App*> chain{&root};
    for (;;) {
        auto subs = chain.back()->get_subcommands();
        if (subs.empty()) return chain;
        chain.push_back(subs.front());
    }
}

std::string command_path(const std::vector<const CLI::App*>& chain) {
    std::string path;
    for (const auto* a : chain) path += (path.empty() ? "" : " ") + a->get_name();
    return path;
}

std::vector<std::string> leftovers(const std::vector<const CLI::App*>& chain) {
    std::vector<std::string> left;
    for (const auto* a : chain)
        for (auto& arg : a->remaining()) left.push_back(arg);
    return left;
}

std::string in_guillemets(const std::string& s) { return "« " + s + " »"; }

std::string sub_names(const CLI::App* app) {
    std::vector<std::string> names;
    for (const auto* s : app->get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }))
        names.push_back(s->get_name());
    return join_french(names, ", ");
}

std::string unexpected(const std::string& arg) {
    return arg.rfind('-', 0) == 0 ? "option inconnue : " + in_guillemets(arg) : "argument inattendu : " + in_guillemets(arg);
}

}  // namespace

void french_command(CLI::App& app) {
    app.formatter(std::make_shared<FrenchFormatter>());
    app.set_help_flag("-h,--help", "Affiche cette aide et quitte");
    app.option_defaults()->group("Options");
    app.group("Sous-commandes");
}

CLI::Validator one_of(std::vector<std::string> values) {
    std::string desc = "{";
    for (std::size_t i = 0; i < values.size(); ++i) desc += (i ? "," : "") + values[i];
    desc += "}";
    return CLI::Validator(
        [values](std::string& v) -> std::string {
            for (const auto& allowed : values)
                if (v == allowed) return {};
            return in_guillemets(v) + " (valeurs admises : " + join_french(values, " ou ") + ")";
        },
        desc);
}

CLI::Validator between(long lo, long hi) {
    return CLI::Validator(
        [lo, hi](std::string& v) -> std::string {
            long n = 0;
            if (!CLI::detail::lexical_cast(v, n)) return in_guillemets(v) + " (un entier attendu)";
            if (n < lo || n > hi)
                return in_guillemets(v) + " (un entier de " + std::to_string(lo) + " à " + std::to_string(hi) + " attendu)";
            return {};
        },
        "de " + std::to_string(lo) + " à " + std::to_string(hi));
}

std::string french_error(const CLI::App& app, const CLI::ParseError& e) {
    const auto chain = parsed_chain(app);
    const CLI::App* last = chain.back();
    const std::string what = e.what();
    std::smatch m;

    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        // A missing sub-command (perhaps a misspelt one), else a missing required option.
        if (last->get_require_subcommand_min() > 0 && last->get_subcommands().empty()) {
            for (const auto& arg : leftovers(chain))
                if (arg.rfind('-', 0) != 0)
                    return "sous-commande inconnue : " + in_guillemets(arg) + " (connues : " + sub_names(last) + ")";
            return "sous-commande attendue après " + in_guillemets(command_path(chain)) + " : " + sub_names(last);
        }
        for (const auto* a : chain)
            for (const auto* opt : a->get_options())
                if (opt->get_required() && opt->count() == 0) return opt->get_name() + " est obligatoire";
    }
    if (dynamic_cast<const CLI::ConversionError*>(&e)) {
        static const std::regex convert("Could not convert: (\\S+) = (.*)");
        if (std::regex_match(what, m, convert)) {
            std::string type;
            for (const auto* a : chain)
                if (auto* opt = a->get_option_no_throw(m[1].str())) type = opt->get_type_name();
            return "valeur invalide pour " + m[1].str() + " : " + in_guillemets(m[2].str()) + " (" + expected_value(type) + ")";
        }
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e)) {
        // one_of() and between() give the French reason after "NAME: ".
        static const std::regex validation("(--?[^:\\s]+): (« .*)");
        if (std::regex_match(what, m, validation)) return "valeur invalide pour " + m[1].str() + " : " + m[2].str();
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        static const std::regex missing("(\\S+): .*");
        static const std::regex count_to(".* arguments to (\\S+), got .*");
        if (std::regex_match(what, m, count_to) || std::regex_match(what, m, missing))
            return m[1].str() + " attend une valeur";
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        auto left = leftovers(chain);
        if (!left.empty()) return unexpected(left.front());
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&e) || dynamic_cast<const CLI::RequiresError*>(&e))
        return "options incompatibles ou incomplètes";
    return "ligne de commande invalide";
}

std::optional<int> parse_in_french(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::Success&) {
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "erreur : " << french_error(app, e) << "\n"
                  << "Pour l'aide : " << command_path(parsed_chain(app)) << " --help\n";
        return 2;
    }
}

}  // namespace escale::cli
