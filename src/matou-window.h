/* The main window: a header bar, the page switcher and the pages. */
#pragma once

#include <adwaita.h>

#include "matou-application.h"

G_BEGIN_DECLS

#define MATOU_TYPE_WINDOW (matou_window_get_type ())
G_DECLARE_FINAL_TYPE (MatouWindow, matou_window, MATOU, WINDOW, AdwApplicationWindow)

MatouWindow *matou_window_new (MatouApplication *application);

G_END_DECLS
