// SPDX-License-Identifier: EUPL-1.2
// The built web app (web/build.mjs writes it into a folder: index.html, assets/ with
// content-hashed names, each text file also as .gz and .br), loaded into memory once at
// start and served from there: only the files found at load time can ever be served, so no
// request path reaches the file system. Hashed assets are cached for a year, the page is
// revalidated; the pre-compressed form the browser accepts is chosen; the app's own paths
// (/semaine, /plan, /p/12…) get index.html, so that a reload or a QR code lands in the app.
// Built once, then only read: safe to share between threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "http/message.hpp"

namespace escale::http {

class StaticFiles {
public:
    // Reads every file under root. Fails if root is not a folder holding index.html.
    static Result<StaticFiles> load(const std::filesystem::path& root);

    // The answer to a GET of request.path: the file, index.html for a path of the app
    // (not /api/…, /healthz, /readyz nor /assets/…, asked for by a browser: Accept names
    // text/html), or nullopt (the caller answers 404).
    std::optional<Response> serve(const Request& request) const;
    // index.html, whatever the path.
    Response index(const Request& request) const;

    std::size_t size() const { return files_.size(); }

private:
    struct File {
        std::string content_type;
        std::string cache_control;
        std::string identity;
        std::optional<std::string> gzip;
        std::optional<std::string> brotli;
    };
    Response answer(const File& f, const Request& request) const;
    static bool accepts_html(std::string_view accept);

    std::unordered_map<std::string, File> files_;  // by URL path, e.g. "/assets/app-X1Y2.js"
};

// Where escale serve finds the built web app when --web-root is not given: next to the
// binary (build/escale → build/web), then as installed (bin/escale → share/escale/web).
std::optional<std::filesystem::path> default_web_root();

}  // namespace escale::http
