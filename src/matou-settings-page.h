/* The Settings page: daemon proxy, registry mirrors and DNS, applied through the helper. */
#pragma once

#include <adwaita.h>

#include "matou-daemon.h"

G_BEGIN_DECLS

#define MATOU_TYPE_SETTINGS_PAGE (matou_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (MatouSettingsPage, matou_settings_page, MATOU, SETTINGS_PAGE, AdwBin)

void matou_settings_page_show_field          (MatouSettingsPage   *self,
                                              const char          *field,
                                              const char          *value);
void matou_settings_page_set_daemon (MatouSettingsPage   *self,
                                     MatouDaemon *settings);

G_END_DECLS
