/* One row of the log view: a line's source and text, drawn without child widgets. */
#pragma once

#include <gtk/gtk.h>

#include "matou-log-model.h"

G_BEGIN_DECLS

#define MATOU_TYPE_LOG_ROW (matou_log_row_get_type ())
G_DECLARE_FINAL_TYPE (MatouLogRow, matou_log_row, MATOU, LOG_ROW, GtkWidget)

/* Characters of the source column, and the gap between it and the text. */
#define MATOU_LOG_ROW_SOURCE_CHARS 12
#define MATOU_LOG_ROW_SPACING      12

GtkWidget *matou_log_row_new         (int           char_width,
                                      int           line_height,
                                      gboolean      wrap);
void       matou_log_row_set_line    (MatouLogRow  *self,
                                      MatouLogLine *line);

G_END_DECLS
