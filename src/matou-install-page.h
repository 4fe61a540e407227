/* The Install page: the detected system, three ways to install Docker Engine, the plan's steps, and one helper run that carries them out. */
#pragma once

#include <adwaita.h>

#include "matou-helper-runner.h"

G_BEGIN_DECLS

#define MATOU_TYPE_INSTALL_PAGE (matou_install_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouInstallPage, matou_install_page, MATOU, INSTALL_PAGE, AdwBin)

void matou_install_page_refresh    (MatouInstallPage  *self);
void matou_install_page_set_runner (MatouInstallPage  *self,
                                    MatouHelperRunner *runner);

G_END_DECLS
