/* The Logs page: this session's helper runs and, on request, the daemon's journal. */
#pragma once

#include <adwaita.h>

#include "matou-run-history.h"

G_BEGIN_DECLS

#define MATOU_TYPE_LOGS_PAGE (matou_logs_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouLogsPage, matou_logs_page, MATOU, LOGS_PAGE, AdwBin)

void matou_logs_page_select_run (MatouLogsPage *self,
                                 MatouRun      *run);

G_END_DECLS
