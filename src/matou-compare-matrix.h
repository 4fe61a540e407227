/* The comparison table: options × criteria, a table on a wide window and one card per option on a narrow one. */
#pragma once

#include <adwaita.h>

#include "matou-compare-content.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_MATRIX (matou_compare_matrix_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareMatrix, matou_compare_matrix, MATOU, COMPARE_MATRIX, AdwBin)

void matou_compare_matrix_set_content (MatouCompareMatrix  *self,
                                       MatouCompareContent *content);

G_END_DECLS
