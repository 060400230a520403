// SPDX-License-Identifier: EUPL-1.2
// The demo accounts as `escale serve` prints them when it loads a demo site: every account
// of a small site by service, a summary and where to find the rest for a large one.
#pragma once
#include <string>

#include "demo/demo_site.hpp"

namespace escale::cli {

// Residents listed one by one up to this many; beyond, a summary per service.
inline constexpr std::size_t demo_accounts_listed_max = 60;

// The text printed after the first start with a demo (lines ending with '\n').
std::string demo_accounts_text(const demo::DemoSite& site, SiteId site_id);

}  // namespace escale::cli
