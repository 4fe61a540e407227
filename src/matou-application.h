/* The application: actions that outlive a window, the About window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MATOU_TYPE_APPLICATION (matou_application_get_type ())
G_DECLARE_FINAL_TYPE (MatouApplication, matou_application, MATOU, APPLICATION, AdwApplication)

MatouApplication *matou_application_new (void);

G_END_DECLS
