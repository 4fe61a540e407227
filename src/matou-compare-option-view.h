/* One way to ship a Python app, in full: what it is, its advantages and disadvantages, when to choose it, how to start. */
#pragma once

#include <adwaita.h>

#include "matou-compare-content.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_OPTION_VIEW (matou_compare_option_view_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareOptionView, matou_compare_option_view, MATOU, COMPARE_OPTION_VIEW, AdwBin)

GtkWidget                *matou_compare_option_view_new          (MatouCompareContent    *content,
                                                                  const char             *option_id);
const MatouCompareOption *matou_compare_option_view_get_option   (MatouCompareOptionView *self);
void                      matou_compare_option_view_reveal_start (MatouCompareOptionView *self);

G_END_DECLS
