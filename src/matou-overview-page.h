/* The Overview page: what Docker is installed, and what the daemon reports. */
#pragma once

#include <adwaita.h>

#include "matou-daemon.h"
#include "matou-helper-runner.h"

G_BEGIN_DECLS

#define MATOU_TYPE_OVERVIEW_PAGE (matou_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouOverviewPage, matou_overview_page, MATOU, OVERVIEW_PAGE, AdwBin)

void matou_overview_page_refresh (MatouOverviewPage *self,
                                  gboolean           redetect);

void matou_overview_page_set_daemon (MatouOverviewPage   *self,
                                     MatouDaemon *daemon);
void matou_overview_page_set_runner          (MatouOverviewPage   *self,
                                              MatouHelperRunner   *runner);

G_END_DECLS
