/* One question of the decision guide: its text beside its answers when they fit, above them when they do not. */
#pragma once

#include <gtk/gtk.h>

#include "matou-advisor.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_QUESTION (matou_compare_question_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareQuestion, matou_compare_question, MATOU, COMPARE_QUESTION, GtkWidget)

GtkWidget *matou_compare_question_new (const MatouAdvisorQuestion *question,
                                       const char                 *action_prefix);

G_END_DECLS
