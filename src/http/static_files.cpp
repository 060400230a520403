// SPDX-License-Identifier: EUPL-1.2
#include "http/static_files.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/errors.hpp"
#include "http/content_coding.hpp"  // accepts_coding (issue 11, webadmin)

namespace escale::http {
namespace {

namespace fs = std::filesystem;

std::string_view extension_type(std::string_view ext) {
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Paths that are never the app's: the API and the probes answer for themselves, and a
// missing asset must be a 404, not a page.
bool never_the_app(std::string_view path) {
    return starts_with(path, "/api/") || path == "/api" || path == "/healthz" || path == "/readyz" ||
           starts_with(path, "/assets/");
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_regular_file(root / "index.html", ec))
        return fail(errors::web_root_invalid(root.string(), "index.html absent (construire l'application : node web/build.mjs)"));
    StaticFiles s;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const fs::path& p = it->path();
        auto ext = p.extension().string();
        if (ext == ".gz" || ext == ".br") continue;  // the variants, read with their file
        auto identity = read_file(p);
        if (!identity) return fail(errors::web_root_invalid(root.string(), "lecture de " + p.string() + " impossible"));
        File f;
        f.content_type = extension_type(ext);
        f.identity = std::move(*identity);
        f.gzip = read_file(fs::path(p.string() + ".gz"));
        f.brotli = read_file(fs::path(p.string() + ".br"));
        std::string url = "/" + fs::relative(p, root, ec).generic_string();
        // Names under assets/ carry their content's hash: they never change.
        f.cache_control = starts_with(url, "/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
        s.files_.emplace(std::move(url), std::move(f));
    }
    if (ec) return fail(errors::web_root_invalid(root.string(), ec.message()));
    return s;
}

Response StaticFiles::answer(const File& f, const Request& request) const {
    Response r{200, f.content_type, {}, {}};
    if (f.brotli && accepts_coding(request.accept_encoding, "br")) {
        r.body_view = *f.brotli;
        r.headers.emplace_back("Content-Encoding", "br");
    } else if (f.gzip && accepts_coding(request.accept_encoding, "gzip")) {
        r.body_view = *f.gzip;
        r.headers.emplace_back("Content-Encoding", "gzip");
    } else {
        r.body_view = f.identity;
    }
    if (f.gzip || f.brotli) r.headers.emplace_back("Vary", "Accept-Encoding");
    r.headers.emplace_back("Cache-Control", f.cache_control);
    return r;
}

Response StaticFiles::index(const Request& request) const { return answer(files_.at("/index.html"), request); }

std::optional<Response> StaticFiles::serve(const Request& request) const {
    if (request.method != "GET") return std::nullopt;
    if (auto it = files_.find(request.path); it != files_.end()) return answer(it->second, request);
    if (never_the_app(request.path) || !accepts_html(request.accept)) return std::nullopt;
    return index(request);
}

bool StaticFiles::accepts_html(std::string_view accept) {
    // Only an explicit text/html: a script asking for anything (*/*) gets the API's 404.
    return lower(accept).find("text/html") != std::string::npos;
}

std::optional<fs::path> default_web_root() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    for (auto candidate : {exe.parent_path() / "web", exe.parent_path().parent_path() / "share" / "escale" / "web"})
        if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
    return std::nullopt;
}

}  // namespace escale::http
