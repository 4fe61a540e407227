/* A view of a MatouLogModel: follows new lines, filters, copies and saves them. */
#pragma once

#include <adwaita.h>

#include "matou-log-model.h"

G_BEGIN_DECLS

#define MATOU_TYPE_LOG_VIEW (matou_log_view_get_type ())
G_DECLARE_FINAL_TYPE (MatouLogView, matou_log_view, MATOU, LOG_VIEW, AdwBin)

GtkWidget     *matou_log_view_new       (void);
void           matou_log_view_set_model (MatouLogView  *self,
                                         MatouLogModel *model);
MatouLogModel *matou_log_view_get_model (MatouLogView  *self);

void matou_log_view_set_empty_description (MatouLogView *self,
                                           const char   *description);

G_END_DECLS
