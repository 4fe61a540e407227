/* The Diagnose page: the doctor's checks by stage, their fixes, an error explainer and a report to copy. */
#pragma once

#include <adwaita.h>

#include "matou-helper-runner.h"

G_BEGIN_DECLS

#define MATOU_TYPE_TROUBLESHOOT_PAGE (matou_troubleshoot_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouTroubleshootPage, matou_troubleshoot_page, MATOU, TROUBLESHOOT_PAGE, AdwBin)

void matou_troubleshoot_page_set_runner (MatouTroubleshootPage *self,
                                         MatouHelperRunner     *runner);

G_END_DECLS
