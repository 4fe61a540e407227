/* The Compare page: ways to ship a Python app side by side, a decision guide, and where each one starts. */
#pragma once

#include <adwaita.h>

#include "matou-daemon.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_PAGE (matou_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouComparePage, matou_compare_page, MATOU, COMPARE_PAGE, AdwBin)

void matou_compare_page_set_daemon (MatouComparePage    *self,
                                    MatouDaemon *daemon);

G_END_DECLS
