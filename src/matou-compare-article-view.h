/* An article of the Compare page's content: the deep-learning scenario, or how to get Docker on one system. */
#pragma once

#include <adwaita.h>

#include "matou-compare-content.h"

G_BEGIN_DECLS

#define MATOU_TYPE_COMPARE_ARTICLE_VIEW (matou_compare_article_view_get_type ())
G_DECLARE_FINAL_TYPE (MatouCompareArticleView, matou_compare_article_view, MATOU, COMPARE_ARTICLE_VIEW, AdwBin)

GtkWidget                 *matou_compare_article_view_new         (MatouCompareContent     *content,
                                                                   const char              *article_id);
const MatouCompareArticle *matou_compare_article_view_get_article (MatouCompareArticleView *self);

G_END_DECLS
