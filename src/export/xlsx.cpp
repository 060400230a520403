// SPDX-License-Identifier: EUPL-1.2
#include "export/xlsx.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <date/date.h>
#include <xlsxwriter.h>

#include "core/errors.hpp"

namespace escale::export_ {
namespace {

// A name Excel accepts for a sheet, unique in the workbook.
std::string sheet_name(const std::string& title, std::set<std::string>& taken) {
    std::string base;
    for (char c : title)
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) base += c;
    if (base.empty()) base = "Feuille";
    // At most 31 characters, counted as UTF-8 code points, cut on a character boundary.
    auto cut = [](const std::string& s, std::size_t chars) {
        std::size_t n = 0, i = 0;
        for (; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == chars) break;
        return s.substr(0, i);
    };
    std::string name = cut(base, 31);
    for (int k = 2; taken.contains(name); ++k) {
        std::string suffix = " (" + std::to_string(k) + ")";
        name = cut(base, 31 - suffix.size()) + suffix;
    }
    taken.insert(name);
    return name;
}

// A scratch file removed when it goes out of scope.
struct ScratchFile {
    std::string path;
    ScratchFile() {
        auto pattern = (std::filesystem::temp_directory_path() / "escale-export-XXXXXX").string();
        int fd = mkstemp(pattern.data());
        if (fd >= 0) {
            close(fd);
            path = pattern;
        }
    }
    ~ScratchFile() {
        if (!path.empty()) std::filesystem::remove(path);
    }
};

}  // namespace

Result<std::string> xlsx_workbook(const std::vector<Table>& sheets) {
    ScratchFile file;
    if (file.path.empty()) return fail(errors::internal("XLSX export: no scratch file"));
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) return fail(errors::internal("XLSX export: workbook_new failed"));
    lxw_format* heading = workbook_add_format(wb);
    format_set_bold(heading);
    lxw_format* date_format = workbook_add_format(wb);
    format_set_num_format(date_format, "dd/mm/yyyy");
    lxw_format* instant_format = workbook_add_format(wb);
    format_set_num_format(instant_format, "dd/mm/yyyy hh:mm:ss");
    std::set<std::string> names;
    for (auto& t : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t.title, names).c_str());
        std::vector<lxw_format*> number_formats;
        for (lxw_col_t c = 0; c < t.columns.size(); ++c) {
            auto& col = t.columns[c];
            worksheet_write_string(ws, 0, c, col.heading.c_str(), heading);
            worksheet_set_column(ws, c, c, std::max<double>(10, col.heading.size() * 0.9), nullptr);
            lxw_format* f = workbook_add_format(wb);
            format_set_num_format(f, col.decimals > 0 ? ("0." + std::string(col.decimals, '0')).c_str() : "0");
            number_formats.push_back(f);
        }
        worksheet_freeze_panes(ws, 1, 0);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            auto row = static_cast<lxw_row_t>(r + 1);
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                auto col = static_cast<lxw_col_t>(c);
                lxw_format* number = c < number_formats.size() ? number_formats[c] : nullptr;
                std::visit(
                    [&](const auto& v) {
                        using V = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<V, std::string>) worksheet_write_string(ws, row, col, v.c_str(), nullptr);
                        else if constexpr (std::is_same_v<V, std::int64_t>) worksheet_write_number(ws, row, col, double(v), nullptr);
                        else if constexpr (std::is_same_v<V, double>) {
                            if (std::isfinite(v)) worksheet_write_number(ws, row, col, v, number);
                        } else if constexpr (std::is_same_v<V, Date>) {
                            lxw_datetime dt{int(v.year()), int(unsigned(v.month())), int(unsigned(v.day())), 0, 0, 0};
                            worksheet_write_datetime(ws, row, col, &dt, date_format);
                        } else if constexpr (std::is_same_v<V, Instant>) {
                            auto day = date::floor<date::days>(v);
                            date::year_month_day d{day};
                            date::hh_mm_ss t{v - day};
                            lxw_datetime dt{int(d.year()), int(unsigned(d.month())), int(unsigned(d.day())),
                                            int(t.hours().count()), int(t.minutes().count()), double(t.seconds().count())};
                            worksheet_write_datetime(ws, row, col, &dt, instant_format);
                        }
                    },
                    t.rows[r][c]);
            }
        }
    }
    if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
        return fail(errors::internal(std::string("XLSX export: ") + lxw_strerror(e)));
    std::ifstream in(file.path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) return fail(errors::internal("XLSX export: empty workbook"));
    return bytes;
}

}  // namespace escale::export_
