/* The decision guide: a few questions about the user's case, and the ranked options with their reasons. */
#pragma once

#include <adwaita.h>

#include "matou-compare-content.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_GUIDE (matou_compare_guide_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareGuide, matou_compare_guide, MATOU, COMPARE_GUIDE, AdwBin)

void matou_compare_guide_set_content (MatouCompareGuide   *self,
                                      MatouCompareContent *content);

void matou_compare_guide_set_docker_ready (MatouCompareGuide *self,
                                           gboolean           ready);

G_END_DECLS
